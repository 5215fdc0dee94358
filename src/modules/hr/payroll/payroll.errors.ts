import { AppError } from '../../../platform/errors/app-error.js';

/** The payroll part's error codes (the problem `type` ends with the code). */
export type PayrollErrorCode =
  | 'compensation-exists'
  | 'run-overlaps'
  | 'run-status'
  | 'run-empty'
  | 'negative-net'
  | 'exchange-rate-required'
  | 'invalid-dates';

export const payrollErrors = {
  compensationExists: (date: string) =>
    new AppError('compensation-exists', 409, 'Compensation exists', {
      detail: `The employee already has a compensation effective on ${date}. Use another date.`,
    }),
  runOverlaps: (otherId: string, from: string, to: string) =>
    new AppError('run-overlaps', 409, 'Overlapping payroll run', {
      detail: `Payroll run ${otherId} (${from} to ${to}) already covers some of these days in this currency and pay frequency. Cancel it first, or choose other dates.`,
      extensions: { existingId: otherId },
    }),
  runStatus: (status: string, action: string, allowed: readonly string[]) =>
    new AppError('run-status', 409, 'Not allowed in this status', {
      detail: `The run is ${status}: it can only be ${action} when ${allowed.join(' or ')}.`,
      extensions: { status },
    }),
  runEmpty: () =>
    new AppError('run-empty', 422, 'Nothing to pay', {
      detail: 'The run pays nobody (or pays nothing): there is nothing to review or approve.',
    }),
  negativeNet: (employees: string[]) =>
    new AppError('negative-net', 422, 'Negative net pay', {
      detail: `Deductions exceed gross pay for ${employees.join(', ')}. Fix their pay components and recalculate.`,
      extensions: { employees },
    }),
  exchangeRateRequired: (currency: string, base: string) =>
    new AppError('exchange-rate-required', 422, 'Exchange rate required', {
      detail: `The run is in ${currency} but the ledger's base currency is ${base}: send exchangeRate (${base} per ${currency}).`,
      errors: [{ path: 'exchangeRate', message: `Required for a run in ${currency}.`, code: 'required' }],
    }),
  invalidDates: (path: string, message: string) =>
    new AppError('invalid-dates', 422, 'Invalid dates', {
      detail: message,
      errors: [{ path, message, code: 'dates' }],
    }),
} satisfies Record<string, (...args: never[]) => AppError<PayrollErrorCode>>;
