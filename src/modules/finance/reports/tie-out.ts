import type { Db } from '../../../platform/db/database.js';
import { accountForRole, baseCurrency } from '../ledger/chart.js';
import { findAccount } from '../ledger/accounts.repository.js';
import { Money, format } from '../money.js';
import { SIDES, aging, type AgingSide } from './aging.js';
import { accountBalanceAt } from './reports.repository.js';

/**
 * The auditor's first check (issue #21): at a date, the receivables and payables aging totals beside
 * their control accounts' balances, each on its normal side (receivable: debit − credit; payable:
 * credit − debit), in the base currency. The difference (ledger − aging) is always zero: only
 * documents and payments post to a control account (manual entries and document lines cannot), and
 * every allocation clears the same base amount from the aging as its exchange difference leaves on
 * the account.
 */
export async function tieOut(db: Db, date: string) {
  const base = await baseCurrency(db);
  const rows = [];
  for (const side of ['receivables', 'payables'] as const satisfies readonly AgingSide[]) {
    const accountId = await accountForRole(db, SIDES[side].control);
    const report = await aging(db, side, date);
    const net = new Money(await accountBalanceAt(db, accountId, date));
    const ledger = side === 'receivables' ? net : net.negated();
    const agingTotal = new Money(report.totals.total);
    const account = (await findAccount(db, accountId))!;
    rows.push({
      side,
      accountId,
      accountCode: account.code,
      accountName: account.name,
      agingTotal: format(agingTotal, base),
      ledgerBalance: format(ledger, base),
      difference: format(ledger.minus(agingTotal), base),
    });
  }
  return { date, currency: base, rows, tied: rows.every((r) => new Money(r.difference).isZero()) };
}
