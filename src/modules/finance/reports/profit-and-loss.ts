import type { Db } from '../../../platform/db/database.js';
import { comparisonPeriod } from '../../../platform/dates.js';
import { baseCurrency } from '../ledger/chart.js';
import { format, Money } from '../money.js';
import { assertRange, buildSection, chartById, movements, natural, type Section } from './report-common.js';

export interface ProfitAndLoss {
  from: string;
  to: string;
  department: string | null;
  currency: string;
  /** Credit-positive. */
  income: Section;
  /** Debit-positive. */
  expenses: Section;
  /** Income − expenses: positive is a profit. */
  netResult: string;
  /** The period compared with (each account, group and section then has its compare figure), or null. */
  comparison: { from: string; to: string; netResult: string } | null;
}

export type Comparison = 'previous-period' | 'previous-year';

/**
 * Income and expenses of posted entries dated in [from, to], in the base currency, grouped by their
 * parent account; year-end closing entries are left out (they would zero a closed year). With
 * `department`, only lines tagged with it. With `compare`, the same figures for the period just before
 * or a year earlier, side by side (an account with movements in either period is listed).
 */
export async function profitAndLoss(
  db: Db,
  input: { from: string; to: string; department?: string | undefined; compare?: Comparison | undefined },
): Promise<ProfitAndLoss> {
  assertRange(input.from, input.to);
  const { compare, ...range } = input;
  const other = compare ? comparisonPeriod(range.from, range.to, compare) : null;
  const currency = await baseCurrency(db);
  const [sums, otherSums, chart] = await Promise.all([
    movements(db, { ...range, excludeClosing: true }),
    other ? movements(db, { ...range, ...other, excludeClosing: true }) : new Map<string, never>(),
    chartById(db),
  ]);
  const zero = { debit: new Money(0), credit: new Money(0) };
  const of = (type: 'income' | 'expense') => {
    const amounts: { accountId: string; amount: Money; compare: Money }[] = [];
    for (const accountId of new Set([...sums.keys(), ...otherSums.keys()])) {
      if (chart.get(accountId)?.type !== type) continue;
      const now = sums.get(accountId) ?? zero;
      const then = otherSums.get(accountId) ?? zero;
      amounts.push({
        accountId,
        amount: natural(type, now.debit, now.credit),
        compare: natural(type, then.debit, then.credit),
      });
    }
    return buildSection(amounts, chart, currency, other !== null);
  };
  const { sum: income, compareSum: incomeBefore, section: incomeSection } = of('income');
  const { sum: expenses, compareSum: expensesBefore, section: expenseSection } = of('expense');
  return {
    from: input.from,
    to: input.to,
    department: input.department ?? null,
    currency,
    income: incomeSection,
    expenses: expenseSection,
    netResult: format(income.minus(expenses), currency),
    comparison: other && { ...other, netResult: format(incomeBefore.minus(expensesBefore), currency) },
  };
}
