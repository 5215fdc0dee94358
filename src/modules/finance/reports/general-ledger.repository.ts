import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

/** A position in the general ledger: a line's posted date and id. */
export interface LedgerCursor {
  d: string;
  id: string;
}

export function findLedgerAccount(db: Db, id: string) {
  return db
    .selectFrom('finance.accounts')
    .select(['id', 'code', 'name', 'type'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The account's posted lines (the covering index: account, date). */
const postedLines = (db: Db, accountId: string) =>
  db.selectFrom('finance.journal_lines').where('account_id', '=', accountId).where('posted_date', 'is not', null);

/** Base debits and credits before `from` (opening) and in [from, to] (period), in one pass. */
export function ledgerTotals(db: Db, accountId: string, from: string, to: string) {
  return postedLines(db, accountId)
    .select([
      sql<string>`coalesce(sum(base_debit) filter (where posted_date < ${from}), 0)`.as('od'),
      sql<string>`coalesce(sum(base_credit) filter (where posted_date < ${from}), 0)`.as('oc'),
      sql<string>`coalesce(sum(base_debit) filter (where posted_date >= ${from}), 0)`.as('pd'),
      sql<string>`coalesce(sum(base_credit) filter (where posted_date >= ${from}), 0)`.as('pc'),
    ])
    .where('posted_date', '<=', to)
    .executeTakeFirstOrThrow();
}

/**
 * Base debits and credits up to the cursor's line: whole days before its date from the covering
 * index, then its own day up to its line.
 */
export function ledgerSumsThrough(db: Db, accountId: string, cursor: LedgerCursor) {
  const posted = postedLines(db, accountId);
  const sums = (q: typeof posted) =>
    q
      .select([sql<string>`coalesce(sum(base_debit), 0)`.as('d'), sql<string>`coalesce(sum(base_credit), 0)`.as('c')])
      .executeTakeFirstOrThrow();
  return Promise.all([
    sums(posted.where('posted_date', '<', cursor.d)),
    sums(posted.where('posted_date', '=', cursor.d).where(sql<boolean>`id <= ${cursor.id}::bigint`)),
  ]);
}

/** Up to `limit` posted lines in [from, to] after the cursor, in date then posting order, with their entries. */
export function ledgerLines(
  db: Db,
  accountId: string,
  range: { from: string; to: string },
  cursor: LedgerCursor | undefined,
  limit: number,
) {
  let q = db
    .selectFrom('finance.journal_lines as l')
    .innerJoin('finance.journal_entries as e', 'e.id', 'l.entry_id')
    .select([
      'l.id',
      'l.posted_date',
      'l.description',
      'l.base_debit',
      'l.base_credit',
      'e.id as entry_id',
      'e.number',
      'e.reference',
      'e.memo',
    ])
    .where('l.account_id', '=', accountId)
    .where('l.posted_date', 'is not', null)
    .where('l.posted_date', '>=', range.from)
    .where('l.posted_date', '<=', range.to);
  // `posted_date >= d` is implied by the row comparison but lets the (account, date) index start at
  // the cursor's day instead of the range's start (a long export would otherwise rescan every chunk).
  if (cursor)
    q = q
      .where('l.posted_date', '>=', cursor.d)
      .where(sql<boolean>`(l.posted_date, l.id) > (${cursor.d}::date, ${cursor.id}::bigint)`);
  return q.orderBy('l.posted_date').orderBy('l.id').limit(limit).execute();
}
