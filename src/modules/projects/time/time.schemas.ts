import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { amount, isoDate, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';

const timesheetStatuses = ['open', 'submitted', 'approved', 'rejected'] as const;
const hours = amount({ decimals: 2, integerDigits: 2, example: '7.5' }).refine(
  (v) => Number(v) > 0 && Number(v) <= 24,
  'Hours are more than 0 and at most 24.',
);
const monday = isoDate.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, 'A week starts on a Monday.');

export const CreateTimeEntryBody = z
  .strictObject({
    projectId: uuid.optional().openapi({ description: "Needed without taskId; else the task's project" }),
    taskId: uuid.nullable().optional(),
    userId: uuid.optional().openapi({ description: "Defaults to you; another member's time: the project manager" }),
    date: isoDate,
    hours,
    note: z.string().max(2000).default(''),
    billable: z.boolean().optional().openapi({ description: 'Defaults to true unless the project is non-billable' }),
  })
  .refine((b) => b.projectId || b.taskId, {
    message: 'Give the task, or the project for time on no task.',
    path: ['projectId'],
  })
  .openapi('CreateTimeEntryRequest');

export const UpdateTimeEntryBody = z
  .strictObject({
    version: versionField,
    taskId: uuid.nullable().optional(),
    date: isoDate.optional(),
    hours: hours.optional(),
    note: z.string().max(2000).optional(),
    billable: z.boolean().optional(),
  })
  .openapi('UpdateTimeEntryRequest');

export const TimeEntry = z
  .object({
    id: z.string(),
    projectId: z.string(),
    taskId: z.string().nullable(),
    taskKey: z.string().nullable(),
    userId: z.string(),
    date: z.string(),
    weekStart: z.string(),
    hours: z.string(),
    note: z.string(),
    billable: z.boolean(),
    costRate: z.string().nullable().openapi({ description: 'Hourly cost (project managers and the person only)' }),
    billingRate: z.string().nullable(),
    currency: z.string(),
    invoiced: z.boolean(),
    invoiceId: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('TimeEntry');
export const TimeEntryPage = pageSchema(TimeEntry).openapi('TimeEntryPage');
export const TimeEntryListQuery = listQuery(['date', 'createdAt'], '-date').extend({
  projectId: uuid.optional(),
  userId: uuid.optional(),
  taskId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const SubmitTimesheetBody = z
  .strictObject({ projectId: uuid, weekStart: monday })
  .openapi('SubmitTimesheetRequest');
export const DecideTimesheetBody = z
  .strictObject({ version: versionField, comment: z.string().trim().max(2000).optional() })
  .openapi('DecideTimesheetRequest');

export const Timesheet = z
  .object({
    id: z.string(),
    projectId: z.string(),
    projectCode: z.string(),
    userId: z.string(),
    userName: z.string().nullable(),
    weekStart: z.string(),
    status: z.enum(timesheetStatuses),
    totalHours: z.string(),
    submittedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionComment: z.string().nullable(),
    canApprove: z.boolean(),
    version: z.number().int(),
  })
  .openapi('Timesheet');
export const TimesheetWithEntries = Timesheet.extend({ entries: z.array(TimeEntry) }).openapi('TimesheetWithEntries');
export const TimesheetPage = pageSchema(Timesheet).openapi('TimesheetPage');
export const TimesheetListQuery = listQuery(['weekStart'], '-weekStart').extend({
  projectId: uuid.optional(),
  userId: uuid.optional(),
  status: z.enum(timesheetStatuses).optional(),
  weekStart: monday.optional(),
  toApprove: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true: submitted sheets of projects you manage, not your own' }),
});

export const CreateInvoiceBody = z
  .strictObject({
    from: isoDate,
    to: isoDate,
    date: isoDate.optional().openapi({ description: "The invoice's date; defaults to today" }),
  })
  .refine((b) => b.to >= b.from, { message: 'The period ends before it starts.', path: ['to'] })
  .openapi('InvoiceTimeRequest');
export const ProjectInvoice = z
  .object({
    id: z.string(),
    projectId: z.string(),
    from: z.string(),
    to: z.string(),
    documentId: z.string().openapi({ description: 'The draft invoice in Finance (/api/v1/finance/invoices/{id})' }),
    hours: z.string(),
    amount: z.string(),
    currency: z.string(),
    entries: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('ProjectInvoice');
export const ProjectInvoiceList = z.object({ items: z.array(ProjectInvoice) }).openapi('ProjectInvoiceList');

export const BudgetLine = z.object({
  taskId: z.string(),
  key: z.string(),
  title: z.string(),
  estimateHours: z.string(),
  actualHours: z.string(),
  actualCost: z.string(),
});
export const Budget = z
  .object({
    projectId: z.string(),
    currency: z.string(),
    budgetHours: z.string().nullable(),
    budgetAmount: z.string().nullable(),
    estimateHours: z.string().openapi({ description: 'Sum of the leaf tasks’ estimates' }),
    actualHours: z.string(),
    actualCost: z.string().openapi({ description: 'Hours × cost rate (entries without a rate count 0)' }),
    billableValue: z.string().openapi({ description: 'Billable hours × billing rate' }),
    invoicedAmount: z.string(),
    hoursBurnPercent: z.number().nullable(),
    costBurnPercent: z.number().nullable(),
    phases: z.array(BudgetLine),
  })
  .openapi('ProjectBudget');

export type CreateTimeEntryInput = z.output<typeof CreateTimeEntryBody>;
export type UpdateTimeEntryInput = z.output<typeof UpdateTimeEntryBody>;
export type TimeEntryListFilter = z.output<typeof TimeEntryListQuery>;
export type TimesheetListFilter = z.output<typeof TimesheetListQuery>;
export type CreateInvoiceInput = z.output<typeof CreateInvoiceBody>;
export type TimeEntryDto = z.input<typeof TimeEntry>;
export type TimesheetDto = z.input<typeof Timesheet>;
