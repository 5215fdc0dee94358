import { sql, type Updateable } from 'kysely';
import type { SettingsTable } from '../finance.tables.js';
import type { Db } from '../../../platform/db/database.js';

/** The settings row's id, when the ledger has been set up. */
export function findSettingsId(db: Db) {
  return db.selectFrom('finance.settings').select('id').executeTakeFirst();
}

/** Serialises the ledger's first-use setup across concurrent transactions (released at commit). */
export async function lockLedgerSetup(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('moms.finance.ledger'))`.execute(trx);
}

export async function insertSettings(trx: Db, baseCurrency: string): Promise<void> {
  await trx.insertInto('finance.settings').values({ id: 1, base_currency: baseCurrency }).execute();
}

export function getSettings(db: Db) {
  return db.selectFrom('finance.settings').selectAll().executeTakeFirstOrThrow();
}

/** Share-locks the settings row: a year end (which locks it for update) waits for postings in flight. */
export async function shareLockSettings(trx: Db): Promise<void> {
  await trx.selectFrom('finance.settings').select('id').forShare().executeTakeFirst();
}

export function lockSettings(trx: Db) {
  return trx.selectFrom('finance.settings').selectAll().forUpdate().executeTakeFirstOrThrow();
}

export function updateBaseCurrency(trx: Db, baseCurrency: string) {
  return updateSettings(trx, { base_currency: baseCurrency });
}

export function updateSettings(trx: Db, values: Updateable<SettingsTable>) {
  return trx
    .updateTable('finance.settings')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The month fiscal years start in (1 when the ledger is not set up yet). */
export async function fiscalYearStartMonth(db: Db): Promise<number> {
  const row = await db.selectFrom('finance.settings').select('fiscal_year_start_month').executeTakeFirst();
  return row?.fiscal_year_start_month ?? 1;
}

export function getBaseCurrency(trx: Db) {
  return trx.selectFrom('finance.settings').select('base_currency').executeTakeFirstOrThrow();
}

/** The company's tax rounding: per line (default) or per document. */
export async function taxRounding(db: Db): Promise<'line' | 'document'> {
  const row = await db.selectFrom('finance.settings').select('tax_rounding').executeTakeFirst();
  return row?.tax_rounding ?? 'line';
}
