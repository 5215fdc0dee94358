import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { amount, currencyCode, isoDate, shortText } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { enumList } from '../finance.export.js';
import { rateString } from '../money.js';

export const JournalLineInput = z
  .strictObject({
    accountId: z.uuid({ message: 'Not a valid account id.' }),
    debit: amount().optional(),
    credit: amount().optional(),
    description: z.string().max(500).default(''),
    department: shortText(100).optional(),
    projectId: z.uuid().optional(),
  })
  .openapi('JournalLineInput');

export const JournalEntryInput = z
  .strictObject({
    date: isoDate,
    reference: z.string().max(100).default(''),
    memo: z.string().max(2000).default(''),
    currency: currencyCode.optional().openapi({ description: 'Defaults to the base currency' }),
    exchangeRate: rateString
      .optional()
      .openapi({ description: 'Base currency per unit; required for foreign currency' }),
    lines: z.array(JournalLineInput).min(2, 'An entry has at least two lines.').max(500),
  })
  .openapi('JournalEntryInput');
export const CreateEntryBody = JournalEntryInput.extend({
  post: z.boolean().default(false).openapi({ description: 'Post at once (needs finance:approve)' }),
}).openapi('CreateJournalEntryRequest');
export const UpdateEntryBody = JournalEntryInput.extend({ version: versionField }).openapi('UpdateJournalEntryRequest');
export const PostEntryBody = z
  .strictObject({
    version: versionField
      .optional()
      .openapi({ description: 'The version you last read: a stale one is a 409 (omit to post whatever is saved)' }),
  })
  .openapi('PostJournalEntryRequest');
export const ReverseBody = z
  .strictObject({
    date: isoDate
      .optional()
      .openapi({ description: 'Defaults to the original date if its period is open, else today' }),
    memo: z.string().max(2000).optional(),
  })
  .openapi('ReverseJournalEntryRequest');

export const JournalLine = z
  .object({
    lineNo: z.number().int(),
    accountId: z.string(),
    accountCode: z.string(),
    accountName: z.string(),
    description: z.string(),
    debit: z.string(),
    credit: z.string(),
    baseDebit: z.string(),
    baseCredit: z.string(),
    department: z.string().nullable(),
    projectId: z.string().nullable(),
  })
  .openapi('JournalLine');

export const JournalEntry = z
  .object({
    id: z.string(),
    number: z.string().nullable(),
    date: z.string(),
    reference: z.string(),
    memo: z.string(),
    status: z.enum(['draft', 'posted']),
    currency: z.string(),
    exchangeRate: z.string(),
    sourceType: z.string(),
    sourceId: z.string().nullable(),
    reversesEntryId: z.string().nullable(),
    reversedByEntryId: z.string().nullable(),
    totalDebit: z.string(),
    totalCredit: z.string(),
    postedAt: z.iso.datetime().nullable(),
    postedBy: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    lines: z.array(JournalLine),
  })
  .openapi('JournalEntry');

export const JournalEntrySummary = JournalEntry.omit({ lines: true }).openapi('JournalEntrySummary');
export const JournalEntryPage = pageSchema(JournalEntrySummary).openapi('JournalEntryPage');
export const JournalListQuery = listQuery(['date', 'number', 'createdAt'], '-date').extend({
  status: enumList(['draft', 'posted']),
  from: isoDate.optional(),
  to: isoDate.optional(),
  accountId: z.uuid().optional(),
  sourceType: z.string().max(50).optional(),
});
/**
 * The export's query: the list's filters and sort without paging (as the platform's `exportQuery`,
 * whose return type loses the list's fields).
 */
export const JournalExportQuery = JournalListQuery.omit({ limit: true, cursor: true });
export const Posted = z.object({ id: z.string(), number: z.string() }).openapi('PostedEntry');

export type JournalEntryInputT = z.output<typeof JournalEntryInput>;
export type JournalEntryDto = z.input<typeof JournalEntry>;
