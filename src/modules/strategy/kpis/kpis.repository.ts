import type { Insertable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { KpisTable } from '../strategy.tables.js';

export const insertKpi = (db: Db, values: Insertable<KpisTable>) =>
  db.insertInto('strategy.kpis').values(values).returningAll().executeTakeFirstOrThrow();

export const findKpi = (db: Db, id: string) =>
  db.selectFrom('strategy.kpis').selectAll().where('id', '=', id).executeTakeFirst();

export const kpisOfCycle = (db: Db, cycleId: string) =>
  db.selectFrom('strategy.kpis').selectAll().where('cycle_id', '=', cycleId).orderBy('name').orderBy('id').execute();
