import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { currencyCode, isoDate } from '../../../platform/http/schemas.js';
import { rateString } from '../money.js';

export const RunRevaluationBody = z
  .strictObject({
    date: isoDate.openapi({ description: 'The period-end date revalued at; the entry is dated on it' }),
    rates: z
      .record(currencyCode, rateString)
      .default({})
      .openapi({
        description:
          'Base currency per unit of each foreign currency at the date (e.g. {"USD": "0.9150"}); every currency with open items or a bank balance needs one',
        example: { USD: '0.915' },
      }),
    memo: z.string().max(2000).optional(),
  })
  .openapi('RunRevaluationRequest');

const RunFields = {
  id: z.string(),
  date: z.string(),
  reversalDate: z.string().openapi({ description: 'The first day of the next period: the reversal’s date' }),
  baseCurrency: z.string(),
  rates: z.record(z.string(), z.string()),
  journalEntryId: z.string().nullable().openapi({ description: 'Null when nothing changed in value' }),
  journalEntryNumber: z.string().nullable(),
  reversalEntryId: z.string().nullable(),
  reversalEntryNumber: z.string().nullable(),
  gain: z.string().openapi({ description: 'Sum of the unrealised gains (base currency)' }),
  loss: z.string().openapi({ description: 'Sum of the unrealised losses (base currency)' }),
  net: z.string().openapi({ description: 'gain − loss' }),
  lineCount: z.number().int(),
  createdAt: z.string(),
};
export const RevaluationSummary = z.object(RunFields).openapi('FxRevaluationSummary');

export const RevaluationLine = z
  .object({
    lineNo: z.number().int(),
    kind: z.enum(['invoice', 'bill', 'credit-note', 'vendor-credit', 'bank-account']),
    documentId: z.string().nullable(),
    bankAccountId: z.string().nullable(),
    label: z.string().openapi({ description: 'The document number or the bank account name' }),
    accountId: z.string(),
    accountCode: z.string(),
    currency: z.string(),
    openAmount: z.string().openapi({ description: 'Open amount (bank: balance) in its currency' }),
    rate: z.string(),
    oldBase: z.string().openapi({ description: 'Carrying value in the base currency' }),
    newBase: z.string().openapi({ description: 'round(openAmount × rate)' }),
    difference: z.string().openapi({ description: 'Unrealised gain (+) or loss (−)' }),
  })
  .openapi('FxRevaluationLine');

export const Revaluation = z.object({ ...RunFields, lines: z.array(RevaluationLine) }).openapi('FxRevaluation');
export const RevaluationPage = pageSchema(RevaluationSummary).openapi('FxRevaluationPage');
export const RevaluationListQuery = listQuery(['date', 'createdAt'], '-date');
