import type { Db } from '../../../platform/db/database.js';
import { Money, format } from '../money.js';
import { baseCurrency, ensureLedger } from '../ledger/chart.js';
import { listTrialBalanceAccounts, trialBalanceSums } from './reports.repository.js';

export interface TrialBalanceRow {
  accountId: string;
  code: string;
  name: string;
  type: string;
  debit: string;
  credit: string;
  /** Debit minus credit, in the base currency. */
  balance: string;
}

/**
 * Balances of every account with postings up to and including `date` (posted entries only), in the
 * base currency. One aggregate over the posted lines (indexed by date), joined to the chart.
 */
export async function trialBalance(db: Db, date: string) {
  await ensureLedger(db);
  const base = await baseCurrency(db);
  const sums = await trialBalanceSums(db, date);
  const accounts = new Map((await listTrialBalanceAccounts(db)).map((a) => [a.id, a]));
  let totalDebit = new Money(0);
  let totalCredit = new Money(0);
  const rows: TrialBalanceRow[] = sums
    .map((s) => {
      const account = accounts.get(s.account_id)!;
      const debit = new Money(s.debit);
      const credit = new Money(s.credit);
      totalDebit = totalDebit.plus(debit);
      totalCredit = totalCredit.plus(credit);
      return {
        accountId: s.account_id,
        code: account.code,
        name: account.name,
        type: account.type,
        debit: format(debit, base),
        credit: format(credit, base),
        balance: format(debit.minus(credit), base),
      };
    })
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    date,
    currency: base,
    rows,
    totalDebit: format(totalDebit, base),
    totalCredit: format(totalCredit, base),
    balanced: totalDebit.eq(totalCredit),
  };
}
