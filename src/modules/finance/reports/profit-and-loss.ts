import type { Db } from '../../../platform/db/database.js';
import { baseCurrency } from '../ledger/chart.js';
import type { Money } from '../money.js';
import { format } from '../money.js';
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
}

/**
 * Income and expenses of posted entries dated in [from, to], in the base currency, grouped by their
 * parent account; year-end closing entries are left out (they would zero a closed year). With
 * `department`, only lines tagged with it.
 */
export async function profitAndLoss(
  db: Db,
  input: { from: string; to: string; department?: string | undefined },
): Promise<ProfitAndLoss> {
  assertRange(input.from, input.to);
  const currency = await baseCurrency(db);
  const [sums, chart] = await Promise.all([movements(db, { ...input, excludeClosing: true }), chartById(db)]);
  const of = (type: 'income' | 'expense') => {
    const amounts: { accountId: string; amount: Money }[] = [];
    for (const [accountId, m] of sums) {
      const account = chart.get(accountId);
      if (account?.type === type) amounts.push({ accountId, amount: natural(type, m.debit, m.credit) });
    }
    return buildSection(amounts, chart, currency);
  };
  const { sum: income, ...incomeSection } = of('income');
  const { sum: expenses, ...expenseSection } = of('expense');
  return {
    from: input.from,
    to: input.to,
    department: input.department ?? null,
    currency,
    income: incomeSection,
    expenses: expenseSection,
    netResult: format(income.minus(expenses), currency),
  };
}
