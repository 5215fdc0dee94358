import type { Db } from '../../../platform/db/database.js';
import { now } from './clock.js';
import { wakeForNext } from './wake.js';

/** Days a run is kept when its flow does not say (`retentionDays`). */
export const DEFAULT_RETENTION_DAYS = 90;

/**
 * The daily housekeeping (one platform schedule, at night): each flow's finished runs older than its
 * retention are deleted with their steps and approvals (a batch per transaction, by the index
 * `executions_flow`), and their idempotency keys; runs still waiting are kept whatever their age.
 * Then the tick's safety net: the next tick is queued for the earliest due time if none is.
 */
export async function automationHousekeeping(
  db: Db,
  options: { batch?: number } = {},
): Promise<{ deleted: number; nextTick: Date | null }> {
  const batch = options.batch ?? 1_000;
  const at = now();
  let deleted = 0;
  const flows = await db.selectFrom('automation.flows').select(['id', 'retention_days']).execute();
  for (const flow of flows) {
    const cutoff = new Date(at.getTime() - (flow.retention_days ?? DEFAULT_RETENTION_DAYS) * 86_400_000);
    for (;;) {
      const n = await db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('automation.executions')
          .select('id')
          .where('flow_id', '=', flow.id)
          .where('created_at', '<', cutoff)
          .where('status', 'in', ['succeeded', 'failed', 'cancelled'])
          .orderBy('created_at')
          .limit(batch)
          .forUpdate()
          .skipLocked()
          .execute();
        if (rows.length === 0) return 0;
        const ids = rows.map((r) => r.id);
        // A retry or a sub-flow's run keeps its own row; the link to a deleted run goes.
        await trx.updateTable('automation.executions').set({ retry_of: null }).where('retry_of', 'in', ids).execute();
        await trx.deleteFrom('automation.action_keys').where('execution_id', 'in', ids).execute();
        await trx.deleteFrom('automation.executions').where('id', 'in', ids).execute();
        return rows.length;
      });
      deleted += n;
      if (n < batch) break;
    }
  }
  return { deleted, nextTick: await wakeForNext(db, at) };
}
