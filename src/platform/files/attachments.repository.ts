import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import { paginate, type PageRequest } from '../http/pagination.js';
import type { AttachmentsTable, FileUploadsTable } from './files.tables.js';
import './files.tables.js';

export type UploadRow = Selectable<FileUploadsTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;

export async function insertUpload(
  db: Db,
  values: Omit<UploadRow, 'status' | 'attachment_id' | 'created_at' | 'size'> & { size: number },
): Promise<UploadRow> {
  return db.insertInto('platform.file_uploads').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findUpload(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('platform.file_uploads').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function markUploadCompleted(db: Db, id: string, attachmentId: string): Promise<void> {
  await db
    .updateTable('platform.file_uploads')
    .set({ status: 'completed', attachment_id: attachmentId })
    .where('id', '=', id)
    .execute();
}

export async function insertAttachment(
  db: Db,
  values: Omit<AttachmentRow, 'created_at' | 'deleted_at' | 'deleted_by' | 'size'> & { size: number },
): Promise<AttachmentRow> {
  return db.insertInto('platform.attachments').values(values).returningAll().executeTakeFirstOrThrow();
}

/** A live (not deleted) attachment. */
export async function findAttachment(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('platform.attachments').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listAttachments(db: Db, recordType: string, recordId: string, page: PageRequest) {
  const q = db
    .selectFrom('platform.attachments')
    .selectAll()
    .select(['created_at as createdAt', 'file_name as fileName'])
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .where('deleted_at', 'is', null);
  return paginate(q, page, { sort: { createdAt: 'created_at', fileName: 'file_name' }, id: 'id', idKey: 'id' });
}

export async function softDeleteAttachment(db: Db, id: string, by: string): Promise<void> {
  await db
    .updateTable('platform.attachments')
    .set({ deleted_at: new Date(), deleted_by: by })
    .where('id', '=', id)
    .execute();
}
