import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { amount, currencyCode, isoDate } from '../../../platform/http/schemas.js';
import { FinanceImportResult, ImportBody } from '../finance.import.js';
import { rateString } from '../money.js';
import { DocumentSummary } from './documents.schemas.js';

export const OpeningBalanceBody = z
  .strictObject({
    kind: z.enum(['invoice', 'bill', 'credit-note', 'vendor-credit']).openapi({
      description:
        'invoice: the customer owes; credit-note: the customer is owed; bill: owed to the vendor; vendor-credit: the vendor owes',
    }),
    partyId: z.uuid({ message: 'Not a valid party id.' }),
    date: isoDate.openapi({
      description: "The opening date: before the books' first entry other than opening balances",
    }),
    dueDate: isoDate.optional().openapi({ description: "The open item's own due date (aging); defaults to the date" }),
    currency: currencyCode
      .optional()
      .openapi({ description: "Defaults to the party's currency, else the base currency" }),
    exchangeRate: rateString.optional().openapi({ description: 'Required for a foreign currency' }),
    amount: amount().refine((v) => !/^0(\.0+)?$/.test(v), 'The amount must be greater than 0.'),
    reference: z.string().max(100).default('').openapi({ description: "E.g. the original document's number" }),
    memo: z.string().max(2000).default(''),
  })
  .openapi('OpeningBalanceRequest');

export const OpeningBalanceListQuery = listQuery(['date', 'number', 'createdAt'], '-date').extend({
  partyId: z.uuid().optional(),
  side: z.enum(['customer', 'vendor']).optional(),
});
export const OpeningBalancePage = pageSchema(DocumentSummary).openapi('OpeningBalancePage');

export const OPEN_ITEM_COLUMNS = [
  'kind',
  'party_id',
  'party_name',
  'date',
  'due_date',
  'currency',
  'exchange_rate',
  'amount',
  'reference',
  'memo',
] as const;
export const ImportOpenItemsBody = ImportBody(
  'kind,party_id or party_name,date,amount[,due_date,currency,exchange_rate,reference,memo]; kind is invoice, bill, credit-note or vendor-credit',
).openapi('ImportOpenItemsRequest');
export const ImportOpenItemsResult = FinanceImportResult;

export type OpeningBalanceInput = z.output<typeof OpeningBalanceBody>;
export type OpeningBalanceFilter = z.output<typeof OpeningBalanceListQuery>;
