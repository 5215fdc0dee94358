import type { Db } from '../../../platform/db/database.js';
import type { RecordVisibility } from '../../../platform/files/attachable.js';
import { findDocumentWithParty } from './documents.repository.js';
import type { DocumentKind } from './documents.tables.js';

/**
 * Attachments on finance documents (declared in finance.module.ts): a document of this kind is there
 * for the caller when it exists (Finance has no per-record visibility; `finance:read` sees all).
 */
export const documentVisible =
  (kind: DocumentKind): RecordVisibility =>
  async (db, _ctx, id) =>
    (await findDocumentWithParty(db, id, kind)) !== undefined;

/** `npm run demo`: the first documents of a kind, to attach sample files to. */
export const documentsForDemo =
  (kind: DocumentKind) =>
  async (db: Db, limit: number): Promise<string[]> => {
    const rows = await db
      .selectFrom('finance.documents')
      .select('id')
      .where('kind', '=', kind)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  };
