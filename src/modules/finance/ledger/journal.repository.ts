import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { JournalEntriesTable, JournalLinesTable } from '../finance.tables.js';

export type EntryRow = Selectable<JournalEntriesTable>;
export type LineRow = Awaited<ReturnType<typeof linesOf>>[number];

export function lockEntry(trx: Db, id: string) {
  return trx.selectFrom('finance.journal_entries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findEntry(db: Db, id: string) {
  return db.selectFrom('finance.journal_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The next number of a series for a year, gap-free: the row stays locked until the transaction ends. */
export async function nextNumber(trx: Db, series: string, year: number): Promise<number> {
  const row = await trx
    .insertInto('finance.number_sequences')
    .values({ series, year, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['series', 'year']).doUpdateSet({ last_number: sql`finance.number_sequences.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

/** The lines of entries with their accounts' code and name, by entry then line number. */
export async function linesOf(db: Db, entryIds: string[]) {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom('finance.journal_lines as l')
    .innerJoin('finance.accounts as a', 'a.id', 'l.account_id')
    .select([
      'l.entry_id',
      'l.line_no',
      'l.account_id',
      'a.code',
      'a.name',
      'l.description',
      'l.debit',
      'l.credit',
      'l.base_debit',
      'l.base_credit',
      'l.department',
      'l.project_id',
    ])
    .where('l.entry_id', 'in', entryIds)
    .orderBy('l.entry_id')
    .orderBy('l.line_no')
    .execute();
}

export interface EntryFilter {
  limit: number;
  cursor?: string | undefined;
  sort: string;
  q?: string | undefined;
  status?: ('draft' | 'posted')[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  accountId?: string | undefined;
  sourceType?: string | undefined;
}

/** A page of entries (without their lines). */
export function listEntries(db: Db, filter: EntryFilter) {
  let q = db
    .selectFrom('finance.journal_entries as e')
    .selectAll('e')
    .select(['e.entry_date as date', 'e.created_at as createdAt']);
  if (filter.status) q = q.where('e.status', 'in', filter.status);
  if (filter.from) q = q.where('e.entry_date', '>=', filter.from);
  if (filter.to) q = q.where('e.entry_date', '<=', filter.to);
  if (filter.sourceType) q = q.where('e.source_type', '=', filter.sourceType);
  if (filter.accountId) {
    const accountId = filter.accountId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('finance.journal_lines as l')
          .select('l.id')
          .whereRef('l.entry_id', '=', 'e.id')
          .where('l.account_id', '=', accountId),
      ),
    );
  }
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    q = q.where((eb) =>
      eb.or([eb('e.reference', 'ilike', pattern), eb('e.memo', 'ilike', pattern), eb('e.number', 'ilike', pattern)]),
    );
  }
  return paginate(q, filter, {
    sort: { date: 'e.entry_date', number: 'e.number', createdAt: 'e.created_at' },
    id: 'e.id',
    idKey: 'id',
  });
}

export function insertEntry(trx: Db, values: Insertable<JournalEntriesTable>) {
  return trx.insertInto('finance.journal_entries').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertLines(trx: Db, lines: Insertable<JournalLinesTable>[]): Promise<void> {
  await trx.insertInto('finance.journal_lines').values(lines).execute();
}

export async function deleteLines(trx: Db, entryId: string): Promise<void> {
  await trx.deleteFrom('finance.journal_lines').where('entry_id', '=', entryId).execute();
}

/** The entry's lines as stored, in line order. */
export function storedLinesOf(trx: Db, entryId: string) {
  return trx
    .selectFrom('finance.journal_lines')
    .selectAll()
    .where('entry_id', '=', entryId)
    .orderBy('line_no')
    .execute();
}

/** A line of the entry on a deactivated account, if any. */
export function findInactiveLine(trx: Db, entryId: string) {
  return trx
    .selectFrom('finance.journal_lines as l')
    .innerJoin('finance.accounts as a', 'a.id', 'l.account_id')
    .select(['a.code', 'l.line_no'])
    .where('l.entry_id', '=', entryId)
    .where('a.active', '=', false)
    .executeTakeFirst();
}

/** Puts the entry's lines into the ledger on `date`. */
export async function markLinesPosted(trx: Db, entryId: string, date: string): Promise<void> {
  await trx.updateTable('finance.journal_lines').set({ posted_date: date }).where('entry_id', '=', entryId).execute();
}

export async function markEntryPosted(trx: Db, id: string, number: string, postedBy: string | null): Promise<void> {
  await trx
    .updateTable('finance.journal_entries')
    .set((eb) => ({
      status: 'posted',
      number,
      posted_by: postedBy,
      posted_at: new Date(),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .execute();
}

export async function updateDraftHeader(
  trx: Db,
  id: string,
  header: { entry_date: string; reference: string; memo: string; currency: string; exchange_rate: string },
): Promise<void> {
  await trx
    .updateTable('finance.journal_entries')
    .set((eb) => ({ ...header, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .execute();
}

export async function deleteEntry(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom('finance.journal_entries').where('id', '=', id).execute();
}

export async function setReversedBy(trx: Db, id: string, reversalId: string): Promise<void> {
  await trx
    .updateTable('finance.journal_entries')
    .set({ reversed_by_entry_id: reversalId, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Any entry at all (draft or posted). */
export function findAnyEntry(db: Db) {
  return db.selectFrom('finance.journal_entries').select('id').limit(1).executeTakeFirst();
}

/** Any entry from this source type (e.g. `demo`). */
export function findEntryOfSource(db: Db, sourceType: string) {
  return db.selectFrom('finance.journal_entries').select('id').where('source_type', '=', sourceType).executeTakeFirst();
}

/** A draft dated in [from, to], if any. */
export function findDraftBetween(trx: Db, from: string, to: string) {
  return trx
    .selectFrom('finance.journal_entries')
    .select('id')
    .where('status', '=', 'draft')
    .where('entry_date', '>=', from)
    .where('entry_date', '<=', to)
    .executeTakeFirst();
}

/** Whether any journal line (draft or posted) uses the account. */
export async function accountHasLines(trx: Db, accountId: string): Promise<boolean> {
  return (
    (await trx
      .selectFrom('finance.journal_lines')
      .select('id')
      .where('account_id', '=', accountId)
      .limit(1)
      .executeTakeFirst()) !== undefined
  );
}

/** Base-currency debits and credits per income and expense account, of lines posted in [from, to]. */
export function resultBalances(trx: Db, from: string, to: string) {
  return trx
    .selectFrom('finance.journal_lines as l')
    .innerJoin('finance.accounts as a', 'a.id', 'l.account_id')
    .select([
      'l.account_id',
      (eb) => eb.fn.sum<string>('l.base_debit').as('debit'),
      (eb) => eb.fn.sum<string>('l.base_credit').as('credit'),
    ])
    .where('a.type', 'in', ['income', 'expense'])
    .where('l.posted_date', '>=', from)
    .where('l.posted_date', '<=', to)
    .groupBy('l.account_id')
    .execute();
}
