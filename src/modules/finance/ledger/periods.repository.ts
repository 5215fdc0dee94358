import type { Insertable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { FiscalPeriodsTable } from '../finance.tables.js';

/** Inserts a fiscal year unless it exists; returns it only when this call created it. */
export function insertFiscalYear(trx: Db, year: number, startDate: string, endDate: string) {
  return trx
    .insertInto('finance.fiscal_years')
    .values({ year, start_date: startDate, end_date: endDate, closing_entry_id: null, closed_at: null })
    .onConflict((oc) => oc.column('year').doNothing())
    .returning('year')
    .executeTakeFirst();
}

export async function insertPeriods(trx: Db, periods: Insertable<FiscalPeriodsTable>[]): Promise<void> {
  await trx.insertInto('finance.fiscal_periods').values(periods).execute();
}

/** The period containing `date`, share-locked until the transaction ends. */
export function lockPeriodContaining(trx: Db, date: string) {
  return trx
    .selectFrom('finance.fiscal_periods')
    .selectAll()
    .where('start_date', '<=', date)
    .where('end_date', '>=', date)
    .forShare()
    .executeTakeFirstOrThrow();
}

/** The status of the period containing `date`, if it exists (no lock). */
export function findPeriodStatusAt(db: Db, date: string) {
  return db
    .selectFrom('finance.fiscal_periods')
    .select('status')
    .where('start_date', '<=', date)
    .where('end_date', '>=', date)
    .executeTakeFirst();
}

/** The ledger-wide "closed up to" date: the end of the latest closed year (null when none is). */
export async function closedThrough(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('finance.fiscal_years')
    .select('end_date')
    .where('status', '=', 'closed')
    .orderBy('end_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.end_date ?? null;
}

/** Open years before `year`, oldest first. */
export async function openYearsBefore(trx: Db, year: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('finance.fiscal_years')
    .select('year')
    .where('year', '<', year)
    .where('status', '=', 'open')
    .orderBy('year')
    .execute();
  return rows.map((r) => r.year);
}

export function listYears(db: Db) {
  return db.selectFrom('finance.fiscal_years').selectAll().orderBy('year', 'desc').execute();
}

export function listPeriods(db: Db) {
  return db.selectFrom('finance.fiscal_periods').selectAll().orderBy('year').orderBy('period').execute();
}

export function lockPeriod(trx: Db, id: string) {
  return trx.selectFrom('finance.fiscal_periods').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function getYearStatus(trx: Db, year: number) {
  return trx.selectFrom('finance.fiscal_years').select('status').where('year', '=', year).executeTakeFirstOrThrow();
}

export async function setPeriodStatus(trx: Db, id: string, status: 'open' | 'closed'): Promise<void> {
  await trx
    .updateTable('finance.fiscal_periods')
    .set((eb) => ({ status, closed_at: status === 'closed' ? new Date() : null, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export function lockYear(trx: Db, year: number) {
  return trx.selectFrom('finance.fiscal_years').selectAll().where('year', '=', year).forUpdate().executeTakeFirst();
}

export async function closeOpenPeriodsOf(trx: Db, year: number): Promise<void> {
  await trx
    .updateTable('finance.fiscal_periods')
    .set({ status: 'closed', closed_at: new Date() })
    .where('year', '=', year)
    .where('status', '=', 'open')
    .execute();
}

export async function markYearClosed(trx: Db, year: number, closingEntryId: string | null): Promise<void> {
  await trx
    .updateTable('finance.fiscal_years')
    .set({ status: 'closed', closed_at: new Date(), closing_entry_id: closingEntryId })
    .where('year', '=', year)
    .execute();
}

/** The start of the fiscal year containing `date`, if that year is set up. */
export function findYearStartContaining(db: Db, date: string) {
  return db
    .selectFrom('finance.fiscal_years')
    .select('start_date')
    .where('start_date', '<=', date)
    .where('end_date', '>=', date)
    .executeTakeFirst();
}

/** The latest year ending before `date`. */
export function yearEndingBefore(db: Db, date: string) {
  return db
    .selectFrom('finance.fiscal_years')
    .select(['year', 'start_date', 'end_date'])
    .where('end_date', '<', date)
    .orderBy('end_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The earliest year starting after `date`. */
export function yearStartingAfter(db: Db, date: string) {
  return db
    .selectFrom('finance.fiscal_years')
    .select(['year', 'start_date', 'end_date'])
    .where('start_date', '>', date)
    .orderBy('start_date')
    .limit(1)
    .executeTakeFirst();
}

/** A year overlapping [from, to], or named `year`. */
export function findYearClash(db: Db, from: string, to: string, year: number) {
  return db
    .selectFrom('finance.fiscal_years')
    .select(['year', 'start_date', 'end_date'])
    .where((eb) => eb.or([eb.and([eb('start_date', '<=', to), eb('end_date', '>=', from)]), eb('year', '=', year)]))
    .executeTakeFirst();
}
