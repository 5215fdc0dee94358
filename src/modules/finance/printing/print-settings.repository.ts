import { sql, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { PrintSettingsTable } from './printing.tables.js';

/** The settings row (created on first read: one row, id 1). */
export async function getPrintSettings(db: Db) {
  const row = await db.selectFrom('finance.print_settings').selectAll().executeTakeFirst();
  if (row) return row;
  await sql`insert into finance.print_settings (id) values (1) on conflict (id) do nothing`.execute(db);
  return db.selectFrom('finance.print_settings').selectAll().executeTakeFirstOrThrow();
}

export async function lockPrintSettings(trx: Db) {
  await getPrintSettings(trx);
  return trx.selectFrom('finance.print_settings').selectAll().forUpdate().executeTakeFirstOrThrow();
}

export function updatePrintSettings(trx: Db, values: Updateable<PrintSettingsTable>) {
  return trx
    .updateTable('finance.print_settings')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A live attachment on the company record (the logo candidate). */
export function findCompanyAttachment(db: Db, id: string, recordId: string) {
  return db
    .selectFrom('platform.attachments')
    .select(['id', 'object_key', 'content_type'])
    .where('id', '=', id)
    .where('record_type', '=', 'finance.company')
    .where('record_id', '=', recordId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}
