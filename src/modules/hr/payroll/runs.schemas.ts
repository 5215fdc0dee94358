import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { versionField } from '../../../platform/http/versioning.js';
import { currencyCode, isoDate } from '../../../platform/http/schemas.js';
import { daysInclusive, optionalNote, payFrequency } from './payroll.shared.js';

export const runStatuses = ['draft', 'calculated', 'reviewed', 'approved', 'cancelled'] as const;
export const MAX_RUN_DAYS = 62;

export const CreateRunBody = z
  .strictObject({
    periodStart: isoDate,
    periodEnd: isoDate,
    payDate: isoDate,
    currency: currencyCode.openapi({ description: 'One run per currency: employees paid in another are excluded' }),
    payFrequency: payFrequency
      .default('monthly')
      .openapi({ description: 'Only employees paid this often are included' }),
    notes: optionalNote(),
  })
  .refine((v) => v.periodEnd >= v.periodStart, { message: 'Ends before it starts.', path: ['periodEnd'] })
  .refine((v) => v.periodEnd < v.periodStart || daysInclusive(v.periodStart, v.periodEnd) <= MAX_RUN_DAYS, {
    message: `A pay period is at most ${MAX_RUN_DAYS} days.`,
    path: ['periodEnd'],
  })
  .refine((v) => v.payDate >= v.periodStart, { message: 'Pay day is before the period starts.', path: ['payDate'] })
  .openapi('CreatePayrollRunRequest');

export const VersionBody = z.strictObject({ version: versionField }).openapi('PayrollRunVersion');
export const ReviewBody = z.strictObject({ version: versionField, notes: optionalNote() }).openapi('ReviewPayrollRun');
export const CancelBody = z
  .strictObject({ version: versionField, reason: optionalNote(500) })
  .openapi('CancelPayrollRun');
export const ApproveBody = z
  .strictObject({
    version: versionField,
    exchangeRate: z
      .string()
      .regex(/^(0|[1-9]\d{0,9})(\.\d{1,10})?$/, 'A positive decimal string such as "1.0845".')
      .refine((v) => Number(v) > 0, 'Must be greater than 0.')
      .optional()
      .openapi({ description: 'Base currency per unit of the run currency; required when they differ' }),
  })
  .openapi('ApprovePayrollRun');

const Totals = z
  .object({ employees: z.number().int(), gross: z.string(), deductions: z.string(), net: z.string() })
  .openapi('PayrollTotals');
const Exclusion = z
  .object({
    employeeId: z.uuid(),
    employeeNumber: z.string(),
    name: z.string(),
    reason: z.string(),
    detail: z.string(),
  })
  .openapi('PayrollExclusion');

export const PayrollRun = z
  .object({
    id: z.uuid(),
    periodStart: z.string(),
    periodEnd: z.string(),
    payDate: z.string(),
    currency: z.string(),
    payFrequency,
    status: z.enum(runStatuses),
    notes: z.string().nullable(),
    reviewNotes: z.string().nullable(),
    cancelReason: z.string().nullable(),
    totals: Totals.nullable().openapi({ description: 'Company totals: hr:admin only (null for others)' }),
    excluded: z.array(Exclusion).optional().openapi({
      description: 'Employees active in the period but not paid by this run, and why (hr:admin, single run only)',
    }),
    journalEntryId: z.string().nullable(),
    exchangeRate: z.string().nullable(),
    calculatedAt: z.iso.datetime().nullable(),
    reviewedAt: z.iso.datetime().nullable(),
    reviewedBy: z.string().nullable(),
    approvedAt: z.iso.datetime().nullable(),
    approvedBy: z.string().nullable(),
    cancelledAt: z.iso.datetime().nullable(),
    cancelledBy: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('PayrollRun');
export const PayrollRunPage = pageSchema(PayrollRun).openapi('PayrollRunPage');
export const RunListQuery = listQuery(['periodStart', 'createdAt'], '-periodStart').extend({
  status: z.enum(runStatuses).optional(),
  currency: currencyCode.optional(),
});

export type CreateRunInput = z.output<typeof CreateRunBody>;
export type RunListFilter = z.output<typeof RunListQuery>;
export type PayrollRunDto = z.input<typeof PayrollRun>;

/** GET /payroll/settings: what the payroll screens need to know from elsewhere. */
export const PayrollSettings = z
  .object({
    baseCurrency: z.string().openapi({
      example: 'USD',
      description: "Finance's base currency: a run in another currency needs an exchange rate to be approved",
    }),
  })
  .openapi('PayrollSettings');
