import type { Db } from '../../platform/db/database.js';
import { MIN_DATE } from '../../platform/http/schemas.js';
import { accountForRole, baseCurrency } from './ledger/chart.js';
import { format, Money } from './money.js';
import { aging } from './reports/aging.js';
import { profitAndLoss } from './reports/profit-and-loss.js';
import { movements, natural } from './reports/report-common.js';

/**
 * Metrics for Strategy (through index.ts), in the base currency, from posted entries: the same
 * figures as the reports (no per-user visibility: Strategy checks `finance:read` before it shows them).
 */
export interface FinanceFigure {
  amount: string;
  currency: string;
}

/** Income of posted entries dated in [from, to] (year-end closings left out), as the profit and loss shows it. */
export async function revenue(db: Db, range: { from: string; to: string; department?: string | undefined }) {
  const pl = await profitAndLoss(db, range);
  return { amount: pl.income.total, currency: pl.currency } satisfies FinanceFigure;
}

/** Expenses of posted entries dated in [from, to], as the profit and loss shows them. */
export async function operatingExpenses(db: Db, range: { from: string; to: string; department?: string | undefined }) {
  const pl = await profitAndLoss(db, range);
  return { amount: pl.expenses.total, currency: pl.currency } satisfies FinanceFigure;
}

/** The balance of the cash and bank accounts at the end of `date`. */
export async function cashBalance(db: Db, date: string): Promise<FinanceFigure> {
  const currency = await baseCurrency(db);
  const accounts = await Promise.all([accountForRole(db, 'cash'), accountForRole(db, 'bank')]);
  const sums = await movements(db, { from: MIN_DATE, to: date });
  let total = new Money(0);
  for (const id of new Set(accounts)) {
    const m = sums.get(id);
    if (m) total = total.plus(natural('asset', m.debit, m.credit));
  }
  return { amount: format(total, currency), currency };
}

/** What customers owed past its due date at `date` (the receivables aging less its current bucket). */
export async function receivablesOverdue(db: Db, date: string): Promise<FinanceFigure> {
  const report = await aging(db, 'receivables', date);
  const overdue = new Money(report.totals.total).minus(report.totals.current);
  return { amount: format(overdue, report.currency), currency: report.currency };
}

/**
 * Gross margin of posted entries dated in [from, to]: (revenue − cost of goods sold) / revenue, in
 * percent with 2 decimals, as the profit and loss shows them. Cost of goods sold is the expense
 * accounts of the cost-of-sales range (codes 5xxx: 5000 "Cost of sales" and below it, 5100 COGS).
 * Null when there is no revenue (nothing to measure).
 */
export async function grossMargin(db: Db, range: { from: string; to: string; department?: string | undefined }) {
  const pl = await profitAndLoss(db, range);
  const cogs = pl.expenses.groups
    .flatMap((g) => g.accounts)
    .filter((a) => a.code.startsWith('5'))
    .reduce((sum, a) => sum.plus(a.amount), new Money(0));
  const income = new Money(pl.income.total);
  return {
    revenue: pl.income.total,
    costOfGoodsSold: format(cogs, pl.currency),
    currency: pl.currency,
    percent: income.isZero() ? null : income.minus(cogs).times(100).div(income).toFixed(2),
  };
}
