import { toCsv } from '../../../platform/http/csv.js';
import type { CashFlowStatement } from './cash-flow.js';

/** One row per line, a total row per section, then opening cash, net change, closing cash and the tie-out. */
export function cashFlowCsv(cf: CashFlowStatement): string {
  const rows: string[][] = [];
  for (const s of cf.sections) {
    for (const l of s.lines) rows.push([s.label, l.activity, l.kind, l.code ?? '', l.name, l.amount]);
    rows.push([s.label, '', 'total', '', `Total ${s.label.toLowerCase()}`, s.total]);
  }
  rows.push(
    ['Cash', '', 'opening', '', `Opening cash ${cf.from}`, cf.openingCash],
    ['Cash', '', 'net-change', '', 'Net change in cash', cf.netChange],
    ['Cash', '', 'closing', '', `Closing cash ${cf.to}`, cf.closingCash],
    ['Tie-out', '', 'cash-accounts-change', '', 'Change in the cash accounts', cf.tieOut.cashAccountsChange],
    ['Tie-out', '', 'difference', '', 'Difference', cf.tieOut.difference],
  );
  return toCsv(['section', 'activity', 'kind', 'code', 'name', 'amount'], rows);
}
