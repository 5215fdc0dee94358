import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

/**
 * The cash-flow statement's SQL. Cash accounts are the accounts with the role `cash` or `bank` and
 * the ledger accounts behind bank accounts. Year-end closing entries are left out (they move income
 * and expenses into retained earnings and never touch cash), as the profit and loss does.
 */
const CASH_ACCOUNTS = sql`(select account_id from finance.account_roles where role in ('cash', 'bank')
                           union select account_id from finance.bank_accounts)`;
const CLOSING_ENTRIES = sql`(select closing_entry_id from finance.fiscal_years where closing_entry_id is not null)`;

/** The ids of the cash accounts. */
export async function cashAccountIds(db: Db): Promise<string[]> {
  const { rows } = await sql<{ account_id: string }>`select distinct account_id from ${CASH_ACCOUNTS} c`.execute(db);
  return rows.map((r) => r.account_id);
}

/** The cash accounts' posted base balance (debit − credit) before `from` and up to `to`. */
export async function cashBalances(db: Db, from: string, to: string) {
  const { rows } = await sql<{ opening: string; closing: string }>`
    select coalesce(sum(base_debit - base_credit) filter (where posted_date < ${from}), 0) as opening,
           coalesce(sum(base_debit - base_credit), 0) as closing
      from finance.journal_lines
     where posted_date is not null and posted_date <= ${to}
       and account_id in ${CASH_ACCOUNTS}`.execute(db);
  return rows[0]!;
}

export interface CashFlowMovement {
  account_id: string;
  /** Whether the lines belong to entries that also have a line on a cash account. */
  with_cash: boolean;
  debit: string;
  credit: string;
}

/**
 * Posted base debits and credits per non-cash account in [from, to], split by whether their entry
 * also moves cash. Closing entries are left out. Lines of the cash accounts themselves are not
 * returned (a transfer between two cash accounts moves no cash in total).
 */
export async function cashFlowMovements(db: Db, from: string, to: string): Promise<CashFlowMovement[]> {
  const { rows } = await sql<CashFlowMovement>`
    with cash_entries as (
      select distinct entry_id from finance.journal_lines
       where posted_date is not null and posted_date >= ${from} and posted_date <= ${to}
         and account_id in ${CASH_ACCOUNTS}
    )
    select l.account_id, (ce.entry_id is not null) as with_cash,
           sum(l.base_debit) as debit, sum(l.base_credit) as credit
      from finance.journal_lines l
      left join cash_entries ce on ce.entry_id = l.entry_id
     where l.posted_date is not null and l.posted_date >= ${from} and l.posted_date <= ${to}
       and l.account_id not in ${CASH_ACCOUNTS}
       and l.entry_id not in ${CLOSING_ENTRIES}
     group by l.account_id, (ce.entry_id is not null)`.execute(db);
  return rows;
}

/** Every account's roles. */
export function accountRoles(db: Db) {
  return db.selectFrom('finance.account_roles').select(['role', 'account_id']).execute();
}
