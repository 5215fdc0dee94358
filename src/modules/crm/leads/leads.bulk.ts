import type { Db } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { lockVisible, runBulk, type BulkOwnerAction } from '../crm.bulk.js';
import { assertAssignable, scopeOf } from '../visibility.js';
import { deleteLead, updateLead } from './leads.service.js';

/** Bulk assign-owner / delete of leads through their single-record rules (`crm.bulk.ts`). */
export async function bulkLeads(db: Db, ctx: RequestContext, input: BulkOwnerAction) {
  if (input.action === 'assign-owner') await assertAssignable(db, scopeOf(ctx), input.ownerId);
  return runBulk(
    db,
    ctx,
    input,
    (trx, scope) => lockVisible(trx, scope, 'crm.leads', input.ids),
    async (trx, id, row) => {
      if (input.action === 'delete') {
        await deleteLead(trx, ctx, id, row.version);
        return true;
      }
      if (row.ownerId === input.ownerId) return false;
      await updateLead(trx, ctx, id, { version: row.version, ownerId: input.ownerId });
      return true;
    },
  );
}
