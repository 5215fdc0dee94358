import { z } from '@hono/zod-openapi';
import { isoDate, shortText } from '../../../platform/http/schemas.js';
import { reportFormat as format } from '../finance.export.js';

const money = z.string().openapi({ example: '1250.00' });
const department = shortText(100).optional().openapi({ description: 'Only lines of this department' });

export const GeneralLedgerQuery = z.object({
  accountId: z.uuid({ message: 'Not a valid account id.' }),
  from: isoDate,
  to: isoDate,
  limit: z.coerce.number().int().min(1).max(1000).default(200).openapi({ description: 'Lines per page (1–1000)' }),
  cursor: z.string().max(200).optional().openapi({ description: 'The nextCursor of the previous page' }),
  format,
});
export const ProfitAndLossQuery = z.object({
  from: isoDate,
  to: isoDate,
  department,
  compare: z.enum(['previous-period', 'previous-year']).optional().openapi({
    description:
      'Show the period just before (whole months shift by months, other ranges by their length) or the same dates a year earlier beside each figure',
  }),
  format,
});
export const BalanceSheetQuery = z.object({
  date: isoDate.optional().openapi({ description: 'Defaults to today' }),
  format,
});
/** The CSV routes' queries: the report's, without format (and, for the general ledger, without paging). */
export const GeneralLedgerCsvQuery = GeneralLedgerQuery.omit({ format: true, limit: true, cursor: true });
export const ProfitAndLossCsvQuery = ProfitAndLossQuery.omit({ format: true });
export const BalanceSheetCsvQuery = BalanceSheetQuery.omit({ format: true });

const compareMoney = money.optional().openapi({ description: 'The comparison period’s figure (with compare)' });
const AccountAmount = z.object({
  accountId: z.string(),
  code: z.string(),
  name: z.string(),
  amount: money,
  compareAmount: compareMoney,
});
const Section = z.object({
  total: money,
  compareTotal: compareMoney,
  groups: z.array(
    z.object({
      accountId: z.string().nullable(),
      code: z.string().nullable(),
      name: z.string(),
      total: money,
      compareTotal: compareMoney,
      accounts: z.array(AccountAmount),
    }),
  ),
});

export const GeneralLedger = z
  .object({
    account: z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      type: z.enum(['asset', 'liability', 'equity', 'income', 'expense']),
      normalSide: z.enum(['debit', 'credit']).openapi({ description: 'Balances are positive on this side' }),
    }),
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    openingBalance: money,
    totalDebit: money,
    totalCredit: money,
    closingBalance: money,
    pageOpeningBalance: money,
    lines: z.array(
      z.object({
        lineId: z.string(),
        date: z.string(),
        entryId: z.string(),
        entryNumber: z.string().nullable(),
        reference: z.string(),
        memo: z.string(),
        description: z.string(),
        debit: money,
        credit: money,
        balance: money,
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('GeneralLedger');

export const ProfitAndLoss = z
  .object({
    from: z.string(),
    to: z.string(),
    department: z.string().nullable(),
    currency: z.string(),
    income: Section.openapi({ description: 'Credit-positive' }),
    expenses: Section.openapi({ description: 'Debit-positive' }),
    netResult: money.openapi({ description: 'Income − expenses; positive is a profit' }),
    comparison: z
      .object({ from: z.string(), to: z.string(), netResult: money })
      .nullable()
      .openapi({ description: 'The period compared with, and its net result (null without compare)' }),
  })
  .openapi('ProfitAndLoss');

export const BalanceSheet = z
  .object({
    date: z.string(),
    currency: z.string(),
    fiscalYearStart: z.string(),
    assets: Section.openapi({ description: 'Debit-positive' }),
    liabilities: Section.openapi({ description: 'Credit-positive' }),
    equity: Section.extend({
      currentYearResult: money.openapi({ description: 'Income − expenses since the fiscal year began' }),
      priorYearsResult: money.openapi({ description: 'Result of earlier years not yet closed' }),
    }).openapi({ description: 'Credit-positive; total includes both result lines' }),
    totalLiabilitiesAndEquity: money,
    balanced: z.boolean(),
  })
  .openapi('BalanceSheet');
