import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { amount, isoDate, shortText } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { DocumentInput, percentString } from '../documents/documents.schemas.js';
import { AGING_BUCKETS } from '../reports/aging.js';

// ── Payment terms ────────────────────────────────────────────────────────────

const positivePercent = percentString.refine((v) => Number(v) > 0, 'An instalment is more than 0 %.');

export const TermInstalmentInput = z.strictObject({
  percent: positivePercent.openapi({ description: 'Share of the total, e.g. "30"' }),
  days: z.number().int().min(0).max(3650).openapi({ description: 'Due this many days after the document date' }),
});

export const PaymentTermInput = z
  .strictObject({
    name: shortText(100),
    description: z.string().max(500).default(''),
    instalments: z
      .array(TermInstalmentInput)
      .min(1, 'A payment term has at least one instalment.')
      .max(24)
      .openapi({ description: 'In order; the percents sum to 100' }),
    discountPercent: percentString
      .default('0')
      .openapi({ description: 'Early-payment discount, e.g. "2" (with discountDays)' }),
    discountDays: z.number().int().min(0).max(3650).nullable().default(null),
    active: z.boolean().default(true),
  })
  .openapi('PaymentTermInput');
export const UpdatePaymentTermBody = PaymentTermInput.extend({ version: versionField }).openapi(
  'UpdatePaymentTermRequest',
);

export const PaymentTerm = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    instalments: z.array(z.object({ seq: z.number().int(), percent: z.string(), days: z.number().int() })),
    discountPercent: z.string(),
    discountDays: z.number().int().nullable(),
    active: z.boolean(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('PaymentTerm');
export const PaymentTermList = z.object({ items: z.array(PaymentTerm) }).openapi('PaymentTermList');

export const Instalment = z
  .object({
    seq: z.number().int(),
    dueDate: z.string(),
    percent: z.string(),
    amount: z.string(),
    paid: z.string().openapi({ description: "What the document's allocations cleared, oldest due first" }),
    open: z.string(),
    overdue: z.boolean(),
    discountUntil: z.string().nullable(),
    discountAmount: z.string(),
  })
  .openapi('Instalment');
export const InstalmentSchedule = z
  .object({
    documentId: z.string(),
    paymentTermId: z.string().nullable(),
    currency: z.string(),
    total: z.string(),
    instalments: z.array(Instalment).openapi({
      description: 'The issued schedule (a draft: as it would be issued; no term: one instalment at the due date)',
    }),
  })
  .openapi('InstalmentSchedule');

export const InstalmentAgingQuery = z.object({
  side: z.enum(['receivables', 'payables']).default('receivables'),
  date: isoDate.optional(),
});
const bucket = z.enum(AGING_BUCKETS);
export const InstalmentAging = z
  .object({
    side: z.enum(['receivables', 'payables']),
    date: z.string(),
    currency: z.string(),
    items: z.array(
      z.object({
        documentId: z.string(),
        number: z.string().nullable(),
        partyId: z.string(),
        partyName: z.string(),
        seq: z.number().int(),
        dueDate: z.string(),
        currency: z.string(),
        open: z.string().openapi({ description: "In the document's currency" }),
        openBase: z.string().openapi({ description: 'In the base currency' }),
        bucket,
      }),
    ),
    totals: z.object(
      Object.fromEntries([...AGING_BUCKETS, 'total'].map((b) => [b, z.string()])) as Record<
        (typeof AGING_BUCKETS)[number] | 'total',
        z.ZodString
      >,
    ),
  })
  .openapi('InstalmentAging');

// ── Dunning ──────────────────────────────────────────────────────────────────

export const REMINDER_PLACEHOLDERS = [
  'companyName',
  'partyName',
  'documentNumber',
  'documentDate',
  'dueDate',
  'daysOverdue',
  'amountDue',
  'total',
  'currency',
  'level',
  'fee',
] as const;

export const DunningLevelInput = z
  .strictObject({
    level: z.number().int().min(1).max(9),
    name: shortText(100),
    delayDays: z.number().int().min(0).max(3650).openapi({ description: 'Days after the due date' }),
    subject: shortText(200),
    body: z.string().trim().min(1, 'Required.').max(4000),
    fee: amount({ example: '5.00' })
      .default('0')
      .openapi({ description: "A fee charged with the reminder (an invoice in the invoice's currency)" }),
    feeAccountId: z.uuid().nullable().default(null).openapi({ description: 'Income account of the fee' }),
    autoSend: z.boolean().default(false).openapi({ description: 'Send when proposed, without a person' }),
    active: z.boolean().default(true),
  })
  .openapi('DunningLevelInput');
export const UpdateDunningLevelBody = DunningLevelInput.extend({ version: versionField }).openapi(
  'UpdateDunningLevelRequest',
);
export const DunningLevel = z
  .object({
    id: z.string(),
    level: z.number().int(),
    name: z.string(),
    delayDays: z.number().int(),
    subject: z.string(),
    body: z.string(),
    fee: z.string(),
    feeAccountId: z.string().nullable(),
    autoSend: z.boolean(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .openapi('DunningLevel');
export const DunningLevelList = z
  .object({ items: z.array(DunningLevel), placeholders: z.array(z.string()) })
  .openapi('DunningLevelList');

export const REMINDER_STATUSES = ['proposed', 'sent', 'dismissed', 'superseded'] as const;
export const Reminder = z
  .object({
    id: z.string(),
    documentId: z.string(),
    documentNumber: z.string().nullable(),
    partyId: z.string(),
    partyName: z.string(),
    level: z.number().int(),
    levelName: z.string(),
    instalmentSeq: z.number().int(),
    dueDate: z.string(),
    daysOverdue: z.number().int(),
    openAmount: z.string(),
    currency: z.string(),
    fee: z.string(),
    status: z.enum(REMINDER_STATUSES),
    sendId: z.string().nullable(),
    feeDocumentId: z.string().nullable(),
    proposedOn: z.string(),
    sentAt: z.iso.datetime().nullable(),
  })
  .openapi('Reminder');
export const ReminderList = pageSchema(Reminder).openapi('ReminderList');
export const ReminderListQuery = listQuery(['proposedOn', 'dueDate', 'daysOverdue'], '-proposedOn').extend({
  status: z.enum(REMINDER_STATUSES).optional(),
  documentId: z.uuid().optional(),
});
export const ProposeBody = z
  .strictObject({ date: isoDate.optional().openapi({ description: 'Overdue as of (default today)' }) })
  .openapi('ProposeRemindersRequest');
export const ProposeResult = z
  .object({
    proposed: z.number().int(),
    superseded: z.number().int(),
    sent: z.number().int().openapi({ description: 'Sent automatically (levels with autoSend)' }),
    failed: z.number().int().openapi({ description: 'Automatic sends refused: they stay proposed' }),
  })
  .openapi('ProposeRemindersResult');
export const SendReminderBody = z
  .strictObject({ to: z.array(z.email()).min(1).max(10).optional() })
  .openapi('SendReminderRequest');

// ── Recurring documents ──────────────────────────────────────────────────────

/** The draft a template issues: an invoice / bill draft without its dates. */
export const RecurringDocument = DocumentInput.omit({ date: true, dueDate: true, creditsDocumentId: true });
export const RecurringTemplateInput = z
  .strictObject({
    kind: z.enum(['invoice', 'bill']),
    name: shortText(100),
    frequency: z.enum(['monthly', 'quarterly', 'yearly']),
    dayOfMonth: z.number().int().min(1).max(31).openapi({ description: 'Issue day (the last day of shorter months)' }),
    startDate: isoDate,
    endDate: isoDate.nullable().default(null),
    emailOnIssue: z.boolean().default(false),
    active: z.boolean().default(true),
    document: RecurringDocument,
  })
  .openapi('RecurringTemplateInput');
export const UpdateRecurringTemplateBody = RecurringTemplateInput.extend({ version: versionField }).openapi(
  'UpdateRecurringTemplateRequest',
);
export const RecurringTemplate = z
  .object({
    id: z.string(),
    kind: z.enum(['invoice', 'bill']),
    name: z.string(),
    partyId: z.string(),
    partyName: z.string(),
    frequency: z.enum(['monthly', 'quarterly', 'yearly']),
    dayOfMonth: z.number().int(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    emailOnIssue: z.boolean(),
    active: z.boolean(),
    document: z.record(z.string(), z.unknown()).openapi({ description: 'The draft it issues (RecurringDocument)' }),
    nextRunDate: z.string().nullable(),
    lastError: z.string().nullable(),
    runs: z.array(z.object({ period: z.string(), issueDate: z.string(), documentId: z.string() })),
    version: z.number().int(),
  })
  .openapi('RecurringTemplate');
export const RecurringTemplateList = z.object({ items: z.array(RecurringTemplate) }).openapi('RecurringTemplateList');
export const RunRecurringBody = z
  .strictObject({ date: isoDate.optional().openapi({ description: 'Issue what is due up to (default today)' }) })
  .openapi('RunRecurringRequest');
export const RunRecurringResult = z
  .object({ issued: z.number().int(), skipped: z.number().int(), failed: z.number().int() })
  .openapi('RunRecurringResult');

export type PaymentTermInputT = z.output<typeof PaymentTermInput>;
export type DunningLevelInputT = z.output<typeof DunningLevelInput>;
export type RecurringTemplateInputT = z.output<typeof RecurringTemplateInput>;
export type RecurringDocumentT = z.output<typeof RecurringDocument>;
export type ReminderFilter = z.output<typeof ReminderListQuery>;
