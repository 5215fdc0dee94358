import type { Db } from '../../../platform/db/database.js';
import type { RecordVisibility } from '../../../platform/files/attachable.js';
import { scopeOf } from '../visibility.js';
import { findOrganization } from './organizations.repository.js';

/**
 * Attachments on organizations (declared in crm.module.ts): an organization is there for the caller
 * exactly when its own `GET /organizations/{id}` would answer it (owner, team manager or crm:admin).
 */
export const organizationVisible: RecordVisibility = async (db, ctx, id) =>
  (await findOrganization(db, scopeOf(ctx), id)) !== undefined;

/** `npm run demo`: the first organizations, to attach sample files to. */
export async function organizationsForDemo(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('crm.organizations')
    .select('id')
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
