import type { Insertable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { SnapshotsTable } from '../strategy.tables.js';

export const insertSnapshot = (db: Db, values: Insertable<SnapshotsTable>) =>
  db.insertInto('strategy.snapshots').values(values).returningAll().executeTakeFirstOrThrow();

/** Oldest first: the history chart's order. */
export const snapshotsOf = (db: Db, keyResultId: string) =>
  db
    .selectFrom('strategy.snapshots')
    .selectAll()
    .where('key_result_id', '=', keyResultId)
    .orderBy('as_of')
    .orderBy('id')
    .execute();

/** The latest snapshot of each of these key results. */
export async function latestSnapshots(db: Db, keyResultIds: readonly string[]) {
  if (keyResultIds.length === 0) return [];
  return db
    .selectFrom('strategy.snapshots')
    .selectAll()
    .distinctOn('key_result_id')
    .where('key_result_id', 'in', keyResultIds)
    .orderBy('key_result_id')
    .orderBy('as_of', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The metric-bound key results of open cycles that have started by `date` (the nightly evaluation). */
export const keyResultsToEvaluate = (db: Db, date: string) =>
  db
    .selectFrom('strategy.key_results as k')
    .innerJoin('strategy.objectives as o', 'o.id', 'k.objective_id')
    .innerJoin('strategy.cycles as c', 'c.id', 'o.cycle_id')
    .select('k.id')
    .where('k.kind', '=', 'metric')
    .where('o.status', '<>', 'cancelled')
    .where('c.status', '=', 'open')
    .where('c.start_date', '<=', date)
    .orderBy('k.id')
    .execute();
