import type { Db } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { lockVisible, runBulk, type BulkOwnerAction } from '../crm.bulk.js';
import { assertAssignable, scopeOf } from '../visibility.js';
import { deleteOrganization, updateOrganization } from './organizations.service.js';

/** Bulk assign-owner / delete of organizations through their single-record rules (`crm.bulk.ts`). */
export async function bulkOrganizations(db: Db, ctx: RequestContext, input: BulkOwnerAction) {
  if (input.action === 'assign-owner') await assertAssignable(db, scopeOf(ctx), input.ownerId);
  return runBulk(
    db,
    ctx,
    input,
    (trx, scope) => lockVisible(trx, scope, 'crm.organizations', input.ids),
    async (trx, id, row) => {
      if (input.action === 'delete') {
        await deleteOrganization(trx, ctx, id, row.version);
        return true;
      }
      if (row.ownerId === input.ownerId) return false;
      await updateOrganization(trx, ctx, id, { version: row.version, ownerId: input.ownerId });
      return true;
    },
  );
}
