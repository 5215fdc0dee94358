import { AppError } from '../../../platform/errors/app-error.js';

/** Error codes of undoing allocations, refunds and opening balances (issue #21). */
export type SettlementErrorCode =
  | 'allocation-reversed'
  | 'not-an-allocation'
  | 'refund-allocation'
  | 'nothing-to-refund'
  | 'unallocation-date'
  | 'opening-balance-date'
  | 'payment-allocated';

const unprocessable = (code: SettlementErrorCode, title: string, detail: string, path?: string) =>
  new AppError(code, 422, title, { detail, ...(path ? { errors: [{ path, message: detail, code }] } : {}) });

export const settlementErrors = {
  alreadyReversed: (by: string) =>
    new AppError('allocation-reversed', 409, 'Already unallocated', {
      detail: `This allocation was already undone (by ${by}).`,
    }),
  notAnAllocation: () =>
    unprocessable(
      'not-an-allocation',
      'Not an allocation',
      'This row undoes an allocation; it cannot be undone itself.',
    ),
  refundAllocation: (number: string) =>
    unprocessable(
      'refund-allocation',
      'Part of a refund',
      `This allocation settles refund ${number}: void the refund instead.`,
    ),
  unallocationDate: (detail: string) => unprocessable('unallocation-date', 'Date not allowed', detail, 'date'),
  nothingToRefund: (detail: string, path: string) =>
    unprocessable('nothing-to-refund', 'Nothing to refund', detail, path),
  openingBalanceDate: (detail: string, path = 'date') =>
    unprocessable('opening-balance-date', 'Opening balance date', detail, path),
  paymentAllocated: (number: string, to: string[]) =>
    new AppError('payment-allocated', 409, 'Payment allocated', {
      detail: `${number} is allocated to ${to.join(', ')}: unallocate ${to.length === 1 ? 'it' : 'them'} first, then void the payment.`,
    }),
} satisfies Record<string, (...args: never[]) => AppError<SettlementErrorCode>>;
