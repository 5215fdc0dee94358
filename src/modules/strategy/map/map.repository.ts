import type { Insertable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { ObjectiveLinksTable } from '../strategy.tables.js';

export const insertLink = (db: Db, values: Insertable<ObjectiveLinksTable>) =>
  db.insertInto('strategy.objective_links').values(values).returningAll().executeTakeFirstOrThrow();

export function findLink(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  const q = db.selectFrom('strategy.objective_links').selectAll().where('id', '=', id);
  return (options.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

/** A link between the two objectives, either way round. */
export const linkBetween = (db: Db, a: string, b: string) =>
  db
    .selectFrom('strategy.objective_links')
    .selectAll()
    .where((eb) => eb.or([eb.and({ from_id: a, to_id: b }), eb.and({ from_id: b, to_id: a })]))
    .executeTakeFirst();

export const deleteLink = (db: Db, id: string) =>
  db.deleteFrom('strategy.objective_links').where('id', '=', id).executeTakeFirst();

export const linksOfCycle = (db: Db, cycleId: string) =>
  db
    .selectFrom('strategy.objective_links')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
