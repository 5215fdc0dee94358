import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { CheckInsTable, KeyResultsTable, ObjectivesTable } from '../strategy.tables.js';

export const insertObjective = (db: Db, values: Insertable<ObjectivesTable>) =>
  db.insertInto('strategy.objectives').values(values).returningAll().executeTakeFirstOrThrow();

export function findObjective(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  const q = db.selectFrom('strategy.objectives').selectAll().where('id', '=', id);
  return (options.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export const updateObjective = (db: Db, id: string, values: Updateable<ObjectivesTable>) =>
  db
    .updateTable('strategy.objectives')
    .set({ ...values, updated_at: new Date(), version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const objectivesOfCycle = (db: Db, cycleId: string) =>
  db
    .selectFrom('strategy.objectives')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const insertKeyResult = (db: Db, values: Insertable<KeyResultsTable>) =>
  db.insertInto('strategy.key_results').values(values).returningAll().executeTakeFirstOrThrow();

export function findKeyResult(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  const q = db.selectFrom('strategy.key_results').selectAll().where('id', '=', id);
  return (options.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export const updateKeyResult = (db: Db, id: string, values: Updateable<KeyResultsTable>) =>
  db
    .updateTable('strategy.key_results')
    .set({ ...values, updated_at: new Date(), version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const keyResultsOfCycle = (db: Db, cycleId: string) =>
  db
    .selectFrom('strategy.key_results as k')
    .innerJoin('strategy.objectives as o', 'o.id', 'k.objective_id')
    .selectAll('k')
    .where('o.cycle_id', '=', cycleId)
    .orderBy('k.created_at')
    .orderBy('k.id')
    .execute();

export const insertCheckIn = (db: Db, values: Insertable<CheckInsTable>) =>
  db.insertInto('strategy.check_ins').values(values).returningAll().executeTakeFirstOrThrow();

export const checkInsOf = (db: Db, keyResultId: string) =>
  db
    .selectFrom('strategy.check_ins')
    .selectAll()
    .where('key_result_id', '=', keyResultId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

/** The latest check-in's confidence of each key result of an objective that has one. */
export const latestConfidences = (db: Db, objectiveId: string) =>
  db
    .selectFrom('strategy.check_ins as c')
    .innerJoin('strategy.key_results as k', 'k.id', 'c.key_result_id')
    .select(['c.key_result_id', 'c.confidence'])
    .distinctOn('c.key_result_id')
    .where('k.objective_id', '=', objectiveId)
    .orderBy('c.key_result_id')
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();

/** Notes that a key result reached its target (once; not a change of its own, so no new version). */
export const markCompleted = (db: Db, id: string) =>
  db
    .updateTable('strategy.key_results')
    .set({ completed_at: new Date() })
    .where('id', '=', id)
    .where('completed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();

/** The not yet completed key results bound to a Projects milestone, in open cycles. */
export const openKeyResultsOfMilestone = (db: Db, milestoneId: string) =>
  db
    .selectFrom('strategy.key_results as k')
    .innerJoin('strategy.objectives as o', 'o.id', 'k.objective_id')
    .innerJoin('strategy.cycles as c', 'c.id', 'o.cycle_id')
    .selectAll('k')
    .where('k.milestone_id', '=', milestoneId)
    .where('k.completed_at', 'is', null)
    .where('c.status', '=', 'open')
    .execute();
