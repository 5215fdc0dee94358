import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { KpisTable } from '../strategy.tables.js';

export const insertKpi = (db: Db, values: Insertable<KpisTable>) =>
  db.insertInto('strategy.kpis').values(values).returningAll().executeTakeFirstOrThrow();

export function findKpi(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  const q = db.selectFrom('strategy.kpis').selectAll().where('id', '=', id);
  return (options.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export const updateKpi = (db: Db, id: string, values: Updateable<KpisTable>) =>
  db
    .updateTable('strategy.kpis')
    .set({ ...values, updated_at: new Date(), version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const kpisOfCycle = (db: Db, cycleId: string) =>
  db.selectFrom('strategy.kpis').selectAll().where('cycle_id', '=', cycleId).orderBy('name').orderBy('id').execute();
