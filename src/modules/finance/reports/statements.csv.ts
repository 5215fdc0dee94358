import type { BalanceSheet } from './balance-sheet.js';
import { toCsv } from '../../../platform/http/csv.js';
import type { GeneralLedger } from './general-ledger.js';
import type { ProfitAndLoss } from './profit-and-loss.js';
import { sectionRows } from './report-common.js';

const SECTION_HEADER = ['section', 'group_code', 'group_name', 'code', 'name', 'amount'];

/** One row per line, with an opening and a closing row. */
export function generalLedgerCsv(gl: GeneralLedger): string {
  const header = ['date', 'entry_number', 'reference', 'memo', 'description', 'debit', 'credit', 'balance'];
  return toCsv(header, [
    [gl.from, '', '', '', 'Opening balance', '', '', gl.openingBalance],
    ...gl.lines.map((l) => [l.date, l.entryNumber, l.reference, l.memo, l.description, l.debit, l.credit, l.balance]),
    [gl.to, '', '', '', 'Closing balance', gl.totalDebit, gl.totalCredit, gl.closingBalance],
  ]);
}

export function profitAndLossCsv(pl: ProfitAndLoss): string {
  const c = pl.comparison;
  return toCsv(c ? [...SECTION_HEADER, `amount_${c.from}_${c.to}`] : SECTION_HEADER, [
    ...sectionRows('Income', pl.income),
    ...sectionRows('Expenses', pl.expenses),
    ['Net result', '', '', '', 'Net result', pl.netResult, ...(c ? [c.netResult] : [])],
  ]);
}

export function balanceSheetCsv(bs: BalanceSheet): string {
  const equity = sectionRows('Equity', bs.equity);
  // The two result lines go just before the equity total.
  equity.splice(
    equity.length - 1,
    0,
    ['Equity', '', '', '', 'Result of prior years not yet closed', bs.equity.priorYearsResult],
    ['Equity', '', '', '', 'Result of the current year', bs.equity.currentYearResult],
  );
  return toCsv(SECTION_HEADER, [
    ...sectionRows('Assets', bs.assets),
    ...sectionRows('Liabilities', bs.liabilities),
    ...equity,
    ['Liabilities and equity', '', '', '', 'Total liabilities and equity', bs.totalLiabilitiesAndEquity],
  ]);
}
