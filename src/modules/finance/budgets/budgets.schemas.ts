import { z } from '@hono/zod-openapi';
import { isoMonth, shortText } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { reportFormat } from '../finance.export.js';

const money = z.string().openapi({ example: '1250.00' });

/** A budget amount: a decimal string, negative allowed (a planned refund, a contra account). */
export const budgetAmount = z
  .string({ error: 'Send amounts as decimal strings, e.g. "1250.00".' })
  .regex(/^-?(0|[1-9]\d{0,14})(\.\d{1,4})?$/, 'Not a valid amount: use a decimal string such as "1250.00".')
  .openapi({ example: '1250.00' });

export const MAX_BUDGET_ROWS = 2000;

export const BudgetRowInput = z
  .strictObject({
    accountId: z.uuid({ message: 'Not a valid account id.' }),
    department: shortText(100).nullish().openapi({ description: 'None when absent' }),
    amounts: z
      .array(budgetAmount)
      .length(12, 'Give twelve amounts, January to December (periods 1–12).')
      .openapi({ description: 'Periods 1–12, in the account’s natural sign' }),
  })
  .openapi('BudgetRowInput');

export const PutBudgetBody = z
  .strictObject({
    version: versionField.optional().openapi({ description: 'Required to change an existing budget' }),
    replace: z
      .boolean()
      .default(false)
      .openapi({ description: 'true: rows not sent are removed; false: rows sent are upserted' }),
    lines: z.array(BudgetRowInput).max(MAX_BUDGET_ROWS),
  })
  .openapi('PutBudgetRequest');

export const Budget = z
  .object({
    year: z.number().int(),
    version: z.number().int(),
    currency: z.string(),
    lines: z.array(
      z.object({
        accountId: z.string(),
        code: z.string(),
        name: z.string(),
        type: z.string(),
        department: z.string().nullable(),
        amounts: z.array(money),
        total: money,
      }),
    ),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Budget');

export const BudgetList = z
  .object({
    items: z.array(
      z.object({
        year: z.number().int(),
        version: z.number().int(),
        rows: z.number().int(),
        updatedAt: z.iso.datetime(),
      }),
    ),
  })
  .openapi('BudgetList');

const month = isoMonth('A fiscal period is YYYY-MM.');

export const BudgetVsActualQuery = z.object({
  from: month.openapi({ description: 'First period (YYYY-MM)' }),
  to: month.openapi({ description: 'Last period (YYYY-MM), inclusive' }),
  department: shortText(100).optional(),
  format: reportFormat,
});
export const BudgetVsActualCsvQuery = BudgetVsActualQuery.omit({ format: true });

const Comparison = z.object({ budget: money, actual: money, variance: money });
export const BudgetVsActual = z
  .object({
    from: z.string(),
    to: z.string(),
    department: z.string().nullable(),
    currency: z.string(),
    rows: z.array(
      z.object({
        accountId: z.string(),
        code: z.string(),
        name: z.string(),
        type: z.string(),
        budget: money,
        actual: money,
        variance: money.openapi({ description: 'actual − budget' }),
        variancePercent: z
          .string()
          .nullable()
          .openapi({ description: 'variance / |budget| × 100; null without budget' }),
        favourable: z.boolean().nullable(),
      }),
    ),
    totals: z.object({ income: Comparison, expenses: Comparison, netResult: Comparison }),
  })
  .openapi('BudgetVsActual');

export type BudgetRowInputT = z.output<typeof BudgetRowInput>;
export type PutBudgetBodyT = z.output<typeof PutBudgetBody>;
