import { sql, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { CompanyProfileTable } from './printing.tables.js';

/** The company profile row (the migration creates it; created again here should it be missing). */
export async function getCompanyProfile(db: Db) {
  const row = await db.selectFrom('finance.company_profile').selectAll().executeTakeFirst();
  if (row) return row;
  await sql`insert into finance.company_profile (id) values (1) on conflict (id) do nothing`.execute(db);
  return db.selectFrom('finance.company_profile').selectAll().executeTakeFirstOrThrow();
}

export async function lockCompanyProfile(trx: Db) {
  await getCompanyProfile(trx);
  return trx.selectFrom('finance.company_profile').selectAll().forUpdate().executeTakeFirstOrThrow();
}

export function updateCompanyProfile(trx: Db, values: Updateable<CompanyProfileTable>) {
  return trx
    .updateTable('finance.company_profile')
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
