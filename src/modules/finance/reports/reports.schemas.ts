import { z } from '@hono/zod-openapi';
import { isoDate } from '../../../platform/http/schemas.js';
import { reportFormat } from '../finance.export.js';
import { AGING_BUCKETS } from './aging.js';

export const ReportQuery = z.object({
  date: isoDate.optional().openapi({ description: 'Defaults to today' }),
  format: reportFormat,
});
export const TrialBalanceCsvQuery = ReportQuery.omit({ format: true });
export const TrialBalance = z
  .object({
    date: z.string(),
    currency: z.string(),
    rows: z.array(
      z.object({
        accountId: z.string(),
        code: z.string(),
        name: z.string(),
        type: z.string(),
        debit: z.string(),
        credit: z.string(),
        balance: z.string(),
      }),
    ),
    totalDebit: z.string(),
    totalCredit: z.string(),
    balanced: z.boolean(),
  })
  .openapi('TrialBalance');

const bucketAmounts = Object.fromEntries([...AGING_BUCKETS, 'total'].map((b) => [b, z.string()])) as Record<
  (typeof AGING_BUCKETS)[number] | 'total',
  z.ZodString
>;
export const Aging = z
  .object({
    side: z.enum(['receivables', 'payables']),
    date: z.string(),
    currency: z.string(),
    rows: z.array(
      z.object({ partyId: z.string(), partyName: z.string(), documents: z.number().int(), ...bucketAmounts }),
    ),
    totals: z.object(bucketAmounts),
  })
  .openapi('Aging');
export const AgingQuery = ReportQuery.extend({ side: z.enum(['receivables', 'payables']) });
export const AgingCsvQuery = AgingQuery.omit({ format: true });

export const TieOutQuery = z.object({ date: isoDate.optional().openapi({ description: 'Defaults to today' }) });
export const TieOut = z
  .object({
    date: z.string(),
    currency: z.string(),
    rows: z.array(
      z.object({
        side: z.enum(['receivables', 'payables']),
        accountId: z.string(),
        accountCode: z.string(),
        accountName: z.string(),
        agingTotal: z.string().openapi({ description: "The aging's total at the date, in the base currency" }),
        ledgerBalance: z
          .string()
          .openapi({ description: "The control account's balance at the date, on its normal side" }),
        difference: z.string().openapi({ description: 'ledgerBalance − agingTotal: always 0' }),
      }),
    ),
    tied: z.boolean().openapi({ description: 'Every difference is zero' }),
  })
  .openapi('TieOut');
