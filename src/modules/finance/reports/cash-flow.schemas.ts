import { z } from '@hono/zod-openapi';
import { isoDate } from '../../../platform/http/schemas.js';
import { reportFormat as format } from '../finance.export.js';

const money = z.string().openapi({ example: '1250.00' });
const activity = z.enum(['operating', 'investing', 'financing']);

export const CashFlowQuery = z.object({
  from: isoDate,
  to: isoDate,
  method: z
    .enum(['indirect', 'direct'])
    .default('indirect')
    .openapi({ description: 'indirect (from the net income) or direct (cash movements by counterpart type)' }),
  format,
});
export const CashFlowCsvQuery = CashFlowQuery.omit({ format: true });

const Line = z.object({
  kind: z.enum(['net-income', 'working-capital', 'non-cash', 'cash-movement']),
  activity,
  accountId: z.string().nullable(),
  code: z.string().nullable(),
  name: z.string(),
  amount: money.openapi({ description: 'Effect on cash: positive is cash in' }),
});

export const CashFlow = z
  .object({
    from: z.string(),
    to: z.string(),
    method: z.enum(['indirect', 'direct']),
    currency: z.string(),
    cashAccounts: z.array(z.object({ accountId: z.string(), code: z.string(), name: z.string() })),
    openingCash: money,
    netChange: money,
    closingCash: money,
    netIncome: money,
    activities: z.object({ operating: money, investing: money, financing: money }),
    sections: z.array(
      z.object({
        key: z.enum(['operating', 'investing', 'financing', 'income', 'expense', 'asset', 'liability', 'equity']),
        label: z.string(),
        total: money,
        lines: z.array(Line),
      }),
    ),
    tieOut: z.object({
      statementNetChange: money,
      cashAccountsChange: money,
      difference: money,
      tied: z.boolean(),
    }),
  })
  .openapi('CashFlow');
