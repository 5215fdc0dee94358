import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { amount, booleanQuery, currencyCode, isoDate, shortText } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { enumList } from '../finance.export.js';
import { rateString } from '../money.js';

/** A positive decimal string (a quantity): up to 15 integer digits and 4 decimals, never a float. */
export const quantityString = amount()
  .refine((v) => !/^0(\.0+)?$/.test(v), 'The quantity must be greater than 0.')
  .openapi({ example: '2' });
/** A percentage 0–100 as a decimal string, up to 4 decimals. */
export const percentString = z
  .string({ error: 'Send percentages as decimal strings, e.g. "20".' })
  .regex(/^(100(\.0{1,4})?|[1-9]?\d(\.\d{1,4})?)$/, 'A percentage is a decimal string from 0 to 100, e.g. "7.5".')
  .openapi({ example: '20' });

export const DocumentLineInput = z
  .strictObject({
    description: z.string().max(1000).default(''),
    quantity: quantityString,
    unitPrice: amount(),
    discountPercent: percentString.default('0'),
    taxRate: percentString.optional().openapi({
      description:
        "A free tax percentage (no tax code; posted to the tax-payable / tax-receivable account). Default: the account's default tax code, else 0",
    }),
    taxCodeId: z
      .uuid({ message: 'Not a valid tax code id.' })
      .optional()
      .openapi({ description: "The tax code (or group); mapped by the party's fiscal position" }),
    department: shortText(100)
      .optional()
      .openapi({ description: 'Dimension: posted with the line, so the P&L by department includes it' }),
    projectId: z.uuid({ message: 'Not a valid project id.' }).optional().openapi({ description: 'Dimension' }),
    accountId: z.uuid({ message: 'Not a valid account id.' }).optional().openapi({
      description: "Income (invoices) or expense (bills) account; defaults to the 'sales'/'purchases' role",
    }),
  })
  .openapi('DocumentLineInput');

export const DocumentInput = z
  .strictObject({
    partyId: z.uuid({ message: 'Not a valid party id.' }),
    date: isoDate,
    dueDate: isoDate.optional().openapi({ description: "Defaults to date + the party's payment terms" }),
    currency: currencyCode
      .optional()
      .openapi({ description: "Defaults to the party's currency, else the base currency" }),
    exchangeRate: rateString
      .optional()
      .openapi({ description: 'Base currency per unit; required for a foreign currency' }),
    reference: z.string().max(100).default(''),
    memo: z.string().max(2000).default(''),
    creditsDocumentId: z
      .uuid()
      .optional()
      .openapi({ description: 'Credit notes / vendor credits: the invoice / bill it credits (applied on issue)' }),
    pricesIncludeTax: z
      .boolean()
      .optional()
      .openapi({ description: 'Unit prices include the tax (default false: tax is added to them)' }),
    paymentTermId: z.uuid({ message: 'Not a valid payment term id.' }).optional().openapi({
      description: 'Invoices and bills: the payment term (instalments; sets the due date to the last one)',
    }),
    lines: z.array(DocumentLineInput).min(1, 'A document has at least one line.').max(500),
  })
  .openapi('DocumentInput');
export const UpdateDocumentBody = DocumentInput.extend({ version: versionField }).openapi('UpdateDocumentRequest');

export const DocumentLine = z
  .object({
    lineNo: z.number().int(),
    description: z.string(),
    quantity: z.string(),
    unitPrice: z.string(),
    discountPercent: z.string(),
    taxRate: z.string().openapi({ description: 'The effective tax percentage charged on the line' }),
    taxCodeId: z.string().nullable(),
    department: z.string().nullable(),
    projectId: z.string().nullable(),
    accountId: z.string(),
    net: z.string(),
    tax: z.string(),
  })
  .openapi('DocumentLine');

export const DocumentTax = z
  .object({
    taxCodeId: z.string().nullable().openapi({ description: 'null: a free percentage (no code)' }),
    code: z.string(),
    name: z.string(),
    treatment: z.enum(['standard', 'exempt', 'zero-rated', 'reverse-charge']),
    exemptReason: z.string(),
    rate: z.string().openapi({ description: 'A decimal fraction: "0.2" is 20 %' }),
    side: z.enum(['output', 'input']),
    selfAssessed: z.boolean().openapi({ description: 'Reverse charge: the self-assessed output tax' }),
    accountId: z.string().nullable(),
    box: z.string(),
    netBox: z.string(),
    base: z.string(),
    tax: z.string(),
  })
  .openapi('DocumentTax');

export const Allocation = z
  .object({
    id: z.string(),
    documentId: z.string().nullable().openapi({ description: 'The settled document; null when a refund settles' }),
    refundId: z
      .string()
      .nullable()
      .openapi({ description: 'The refund that took this credit or payment back (then documentNumber is its number)' }),
    documentNumber: z.string().nullable(),
    paymentId: z.string().nullable(),
    creditDocumentId: z.string().nullable(),
    amount: z.string(),
    date: z.string(),
    fxEntryId: z
      .string()
      .nullable()
      .openapi({ description: 'The realised exchange difference posted with it, when the rates differ' }),
    reversesAllocationId: z.string().nullable().openapi({
      description: 'An unallocation: the allocation it undoes (its amount is negative); null for an allocation',
    }),
    createdAt: z.iso.datetime(),
  })
  .openapi('Allocation');

export const DOCUMENT_STATUSES = ['draft', 'issued', 'partially-paid', 'paid', 'void'] as const;
const documentStatus = z.enum(DOCUMENT_STATUSES);
export const DocumentSummary = z
  .object({
    id: z.string(),
    kind: z.enum(['invoice', 'bill', 'credit-note', 'vendor-credit']),
    number: z.string().nullable(),
    status: documentStatus.openapi({
      description: 'draft → issued → partially-paid → paid (credits: partly / fully applied), or void',
    }),
    partyId: z.string(),
    partyName: z.string(),
    date: z.string(),
    dueDate: z.string(),
    currency: z.string(),
    exchangeRate: z.string(),
    reference: z.string(),
    memo: z.string(),
    subtotal: z.string(),
    taxTotal: z.string(),
    total: z.string(),
    allocated: z.string().openapi({ description: 'Settled by payments and credits (applied, for credits)' }),
    open: z.string().openapi({ description: 'total − allocated' }),
    overdue: z.boolean(),
    creditsDocumentId: z.string().nullable(),
    pricesIncludeTax: z.boolean(),
    paymentTermId: z.string().nullable().openapi({ description: 'The payment term (invoices and bills)' }),
    taxReturnId: z
      .string()
      .nullable()
      .openapi({ description: 'The filed tax return that reported it: its tax is locked' }),
    journalEntryId: z.string().nullable(),
    voidEntryId: z.string().nullable(),
    issuedAt: z.iso.datetime().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('DocumentSummary');
export const Document = DocumentSummary.extend({
  lines: z.array(DocumentLine),
  taxes: z.array(DocumentTax).openapi({ description: 'The tax breakdown per code' }),
  allocations: z.array(Allocation),
}).openapi('Document');
export const DocumentPage = pageSchema(DocumentSummary).openapi('DocumentPage');
export const DocumentListQuery = listQuery(['date', 'dueDate', 'number', 'total', 'createdAt'], '-date').extend({
  status: enumList(DOCUMENT_STATUSES),
  partyId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  overdue: booleanQuery.optional().openapi({ description: 'Open and past due (today, UTC)' }),
  open: booleanQuery
    .optional()
    .openapi({ description: 'true: issued or partially paid/applied with an open amount > 0; false: the others' }),
});

export const AllocationItem = z.strictObject({
  documentId: z.uuid({ message: 'Not a valid document id.' }),
  amount: amount(),
});
export const AllocationsBody = z
  .strictObject({
    date: isoDate.optional().openapi({ description: 'Defaults to today' }),
    allocations: z.array(AllocationItem).min(1).max(100),
  })
  .openapi('AllocationsRequest');
export const VoidBody = z
  .strictObject({ date: isoDate.optional(), memo: z.string().max(2000).optional() })
  .openapi('VoidRequest');

/**
 * The export's query: the list's filters and sort without paging (as the platform's `exportQuery`,
 * whose return type loses the list's fields).
 */
export const DocumentExportQuery = DocumentListQuery.omit({ limit: true, cursor: true });
export const IssueBody = z.strictObject({ version: versionField.optional() }).openapi('IssueDocumentRequest');

export type DocumentInputT = z.output<typeof DocumentInput>;
export type DocumentDto = z.input<typeof Document>;
export type DocumentSummaryDto = z.input<typeof DocumentSummary>;
export type AllocationDto = z.input<typeof Allocation>;
export type DocumentFilter = z.output<typeof DocumentListQuery>;
export type AllocationItemT = z.output<typeof AllocationItem>;
