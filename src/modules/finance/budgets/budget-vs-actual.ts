import type { Db } from '../../../platform/db/database.js';
import type { AccountType } from '../finance.tables.js';
import { baseCurrency } from '../ledger/chart.js';
import { Money, format } from '../money.js';
import { assertRange, byCode, chartById, movements, natural } from '../reports/report-common.js';
import { budgetTotals } from './budgets.repository.js';

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const ym = (period: string) => Number(period.slice(0, 4)) * 100 + Number(period.slice(5, 7));

/** Income beating its budget, or expenses under theirs, is favourable; null when on budget or not P&L. */
function favourable(type: AccountType, variance: Money): boolean | null {
  if (variance.eq(0) || (type !== 'income' && type !== 'expense')) return null;
  return type === 'income' ? variance.gt(0) : variance.lt(0);
}

/**
 * Budget against actual for the fiscal periods `from`..`to` (YYYY-MM, inclusive), per account, in the
 * account's natural sign: every budgeted account, plus every income or expense account with postings
 * (unbudgeted spending shows). Actuals are posted lines dated in those months, year-end closing entries
 * left out. Without `department`, all departments together; with it, only that department's budget
 * rows and lines.
 */
export async function budgetVsActual(db: Db, input: { from: string; to: string; department?: string | undefined }) {
  assertRange(input.from, input.to);
  const currency = await baseCurrency(db);
  const [toYear, toMonth] = [Number(input.to.slice(0, 4)), Number(input.to.slice(5, 7))];
  const [budgetRows, actuals, chart] = await Promise.all([
    budgetTotals(db, ym(input.from), ym(input.to), input.department),
    movements(db, {
      from: `${input.from}-01`,
      to: `${input.to}-${String(lastDay(toYear, toMonth)).padStart(2, '0')}`,
      department: input.department,
      excludeClosing: true,
    }),
    chartById(db),
  ]);
  const budgetBy = new Map(budgetRows.map((b) => [b.account_id, new Money(b.amount)]));
  const ids = new Set(budgetBy.keys());
  for (const id of actuals.keys()) {
    const type = chart.get(id)?.type;
    if (type === 'income' || type === 'expense') ids.add(id);
  }
  const zero = () => ({ budget: new Money(0), actual: new Money(0) });
  const sums = { income: zero(), expense: zero() };
  const rows = [...ids].map((id) => {
    const account = chart.get(id)!;
    const budget = budgetBy.get(id) ?? new Money(0);
    const m = actuals.get(id);
    const actual = m ? natural(account.type, m.debit, m.credit) : new Money(0);
    const variance = actual.minus(budget);
    if (account.type === 'income' || account.type === 'expense') {
      sums[account.type].budget = sums[account.type].budget.plus(budget);
      sums[account.type].actual = sums[account.type].actual.plus(actual);
    }
    return {
      accountId: id,
      code: account.code,
      name: account.name,
      type: account.type,
      budget: format(budget, currency),
      actual: format(actual, currency),
      variance: format(variance, currency),
      variancePercent: budget.eq(0) ? null : variance.div(budget.abs()).times(100).toFixed(2),
      favourable: favourable(account.type, variance),
    };
  });
  const comparison = (budget: Money, actual: Money) => ({
    budget: format(budget, currency),
    actual: format(actual, currency),
    variance: format(actual.minus(budget), currency),
  });
  return {
    from: input.from,
    to: input.to,
    department: input.department ?? null,
    currency,
    rows: rows.sort(byCode),
    totals: {
      income: comparison(sums.income.budget, sums.income.actual),
      expenses: comparison(sums.expense.budget, sums.expense.actual),
      netResult: comparison(
        sums.income.budget.minus(sums.expense.budget),
        sums.income.actual.minus(sums.expense.actual),
      ),
    },
  };
}
