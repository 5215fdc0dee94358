import type { Db } from '../../../platform/db/database.js';
import type { AccountType } from '../finance.tables.js';
import { baseCurrency } from '../ledger/chart.js';
import { Money, format } from '../money.js';
import { buildSection, chartById, fiscalYearStart, natural, type Section } from './report-common.js';
import { balanceSheetSums } from './reports.repository.js';

export interface BalanceSheet {
  date: string;
  currency: string;
  fiscalYearStart: string;
  /** Debit-positive. */
  assets: Section;
  /** Credit-positive. */
  liabilities: Section;
  /** Credit-positive: the equity accounts, then the two result lines, then the total of all three. */
  equity: Section & {
    /** Income − expenses from the start of the fiscal year of `date` up to `date` (not yet closed). */
    currentYearResult: string;
    /** Income − expenses of earlier fiscal years that have not been closed into retained earnings. */
    priorYearsResult: string;
  };
  totalLiabilitiesAndEquity: string;
  /** assets = liabilities + equity (always true for a ledger of balanced entries). */
  balanced: boolean;
}

/**
 * The balance sheet at `date`, from one aggregate over the posted lines up to that date: each
 * account's balance, plus for income and expense accounts the part since the fiscal year began.
 * Income and expenses are not listed: their balance is the result, shown as equity lines, so that
 * assets = liabilities + equity. A closed year's result already sits in retained earnings (its
 * closing entry zeroed income and expenses on the last day of the year).
 */
export async function balanceSheet(db: Db, date: string): Promise<BalanceSheet> {
  const currency = await baseCurrency(db);
  const yearStart = await fiscalYearStart(db, date);
  const [rows, chart] = await Promise.all([balanceSheetSums(db, date, yearStart), chartById(db)]);
  const byType: Record<AccountType, { accountId: string; amount: Money }[]> = {
    asset: [],
    liability: [],
    equity: [],
    income: [],
    expense: [],
  };
  let result = new Money(0); // credit-positive: income − expenses, all unclosed years
  let yearResult = new Money(0);
  for (const r of rows) {
    const type = chart.get(r.account_id)!.type;
    if (type === 'income' || type === 'expense') {
      result = result.minus(r.net);
      yearResult = yearResult.minus(r.year_net);
    } else byType[type].push({ accountId: r.account_id, amount: natural(type, r.net, '0') });
  }
  const { sum: assets, section: assetSection } = buildSection(byType.asset, chart, currency);
  const { sum: liabilities, section: liabilitySection } = buildSection(byType.liability, chart, currency);
  const { sum: equityAccounts, section: equitySection } = buildSection(byType.equity, chart, currency);
  const equity = equityAccounts.plus(result);
  const right = liabilities.plus(equity);
  return {
    date,
    currency,
    fiscalYearStart: yearStart,
    assets: assetSection,
    liabilities: liabilitySection,
    equity: {
      ...equitySection,
      total: format(equity, currency),
      currentYearResult: format(yearResult, currency),
      priorYearsResult: format(result.minus(yearResult), currency),
    },
    totalLiabilitiesAndEquity: format(right, currency),
    balanced: assets.eq(right),
  };
}
