import { sql } from 'kysely';
import type { RecordVisibility } from '../../platform/files/attachable.js';
import { CRM_IMPORT_RECORD_TYPE } from './crm.imports.js';

/**
 * Import files (declared in crm.module.ts as the `crm.import` attachment type): a `crm.import`
 * record is just the id the client chose for one import, and it is there for the caller unless
 * somebody else has already uploaded to it — so an import file is seen only by its uploader.
 */
export const importVisible: RecordVisibility = async (db, ctx, id) => {
  const me = ctx.actor?.userId;
  if (!me) return false;
  const other = await db
    .selectFrom('platform.file_uploads')
    .select('id')
    .where('record_type', '=', CRM_IMPORT_RECORD_TYPE)
    .where('record_id', '=', id)
    .where(sql<boolean>`created_by <> ${me}`)
    .limit(1)
    .executeTakeFirst();
  return other === undefined;
};
