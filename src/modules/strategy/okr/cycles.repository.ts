import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { CyclesTable, ScoresTable } from '../strategy.tables.js';

export const insertCycle = (db: Db, values: Insertable<CyclesTable>) =>
  db.insertInto('strategy.cycles').values(values).returningAll().executeTakeFirstOrThrow();

export const listCycles = (db: Db, status?: 'open' | 'closed') => {
  let q = db.selectFrom('strategy.cycles').selectAll().orderBy('start_date', 'desc').orderBy('id');
  if (status) q = q.where('status', '=', status);
  return q.execute();
};

/** `forShare`: changes inside a cycle take it, so closing (`forUpdate`) waits for them and they for it. */
export function findCycle(db: Db, id: string, options: { forUpdate?: boolean; forShare?: boolean } = {}) {
  const q = db.selectFrom('strategy.cycles').selectAll().where('id', '=', id);
  return (options.forUpdate ? q.forUpdate() : options.forShare ? q.forShare() : q).executeTakeFirst();
}

export const updateCycle = (db: Db, id: string, values: Updateable<CyclesTable>) =>
  db
    .updateTable('strategy.cycles')
    .set({ ...values, updated_at: new Date(), version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export async function insertScores(db: Db, rows: Insertable<ScoresTable>[]) {
  if (rows.length > 0) await db.insertInto('strategy.scores').values(rows).execute();
}

/** A cycle's scores, with the currency of the snapshot behind each. */
export const scoresOf = (db: Db, cycleId: string) =>
  db
    .selectFrom('strategy.scores as s')
    .leftJoin('strategy.snapshots as n', 'n.id', 's.snapshot_id')
    .selectAll('s')
    .select('n.currency')
    .where('s.cycle_id', '=', cycleId)
    .orderBy('s.objective_id')
    .orderBy('s.key_result_id', (ob) => ob.nullsFirst())
    .execute();
