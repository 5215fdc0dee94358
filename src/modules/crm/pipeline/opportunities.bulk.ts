import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { lockVisible, runBulk, type BulkOpportunityAction } from '../crm.bulk.js';
import { assertAssignable, scopeOf, visibleTo, type CrmScope } from '../visibility.js';
import { deleteOpportunity, moveOpportunity, updateOpportunity } from './opportunities.service.js';
import { findPipeline } from './pipelines.repository.js';

/**
 * Locks as a single move or delete does, pipelines first (in id order), then the opportunities, so a
 * bulk action and single-record changes in the same pipelines cannot deadlock.
 */
async function lockOpportunities(trx: Tx, scope: CrmScope, ids: readonly string[]) {
  const { rows } = await sql<{ pipeline_id: string }>`
    select distinct pipeline_id from crm.opportunities
    where id in (${sql.join(ids)}) and ${visibleTo(scope, 'owner_id')}
    order by pipeline_id`.execute(trx);
  for (const r of rows) await findPipeline(trx, r.pipeline_id, { forUpdate: true });
  return lockVisible(trx, scope, 'crm.opportunities', ids);
}

async function stageOf(trx: Tx, id: string): Promise<string> {
  const row = await trx
    .selectFrom('crm.opportunities')
    .select('stage_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.stage_id;
}

/** Bulk assign-owner / move-stage / delete of opportunities through their single-record rules (`crm.bulk.ts`). */
export async function bulkOpportunities(db: Db, ctx: RequestContext, input: BulkOpportunityAction) {
  if (input.action === 'assign-owner') await assertAssignable(db, scopeOf(ctx), input.ownerId);
  return runBulk(
    db,
    ctx,
    input,
    (trx, scope) => lockOpportunities(trx, scope, input.ids),
    async (trx, id, row) => {
      switch (input.action) {
        case 'delete':
          await deleteOpportunity(trx, ctx, id, row.version);
          return true;
        case 'assign-owner':
          if (row.ownerId === input.ownerId) return false;
          await updateOpportunity(trx, ctx, id, { version: row.version, ownerId: input.ownerId });
          return true;
        case 'move-stage':
          if ((await stageOf(trx, id)) === input.stageId) return false;
          await moveOpportunity(trx, ctx, id, {
            version: row.version,
            stageId: input.stageId,
            position: 0,
            ...(input.reason ? { reason: input.reason } : {}),
          });
          return true;
      }
    },
  );
}
