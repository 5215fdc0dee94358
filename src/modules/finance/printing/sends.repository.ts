import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { DocumentSendsTable } from './printing.tables.js';

export function insertSend(trx: Db, values: Insertable<DocumentSendsTable>) {
  return trx.insertInto('finance.document_sends').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateSend(trx: Db, id: string, values: Updateable<DocumentSendsTable>): Promise<void> {
  await trx
    .updateTable('finance.document_sends')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function lockSend(trx: Db, id: string) {
  return trx.selectFrom('finance.document_sends').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findSend(db: Db, id: string) {
  return db.selectFrom('finance.document_sends').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The log of a document (or of a party's statements, or one entry), newest first, with its jobs' states. */
export function listSends(db: Db, where: { documentId: string } | { partyId: string } | { id: string }) {
  let q = db
    .selectFrom('finance.document_sends as s')
    .leftJoin('platform.jobs as j', 'j.id', 's.job_id')
    .leftJoin('platform.jobs as m', 'm.id', 's.mail_job_id')
    .selectAll('s')
    .select(['j.status as job_status', 'j.error as job_error', 'm.status as mail_status', 'm.error as mail_error']);
  if ('id' in where) q = q.where('s.id', '=', where.id);
  else if ('documentId' in where) q = q.where('s.document_id', '=', where.documentId);
  else q = q.where('s.party_id', '=', where.partyId).where('s.kind', '=', 'statement');
  return q.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(100).execute();
}
