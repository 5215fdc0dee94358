import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

export interface DueCheckIn {
  key_result_id: string;
  key_result_title: string;
  objective_id: string;
  objective_title: string;
  owner_id: string;
  cycle_name: string;
  last_check_in: Date | null;
}

/**
 * The key results whose check-in is due at `now`: open (not completed) key results of active
 * objectives in open cycles running on `today` that remind (`check_in_days` set), with no check-in in
 * the cycle's interval — counted from the latest check-in, or from the key result's creation.
 */
export const dueCheckIns = (db: Db, now: Date, today: string) =>
  db
    .selectFrom('strategy.key_results as k')
    .innerJoin('strategy.objectives as o', 'o.id', 'k.objective_id')
    .innerJoin('strategy.cycles as c', 'c.id', 'o.cycle_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('strategy.check_ins')
          .select(['key_result_id', (e) => e.fn.max('created_at').as('last')])
          .groupBy('key_result_id')
          .as('ci'),
      (join) => join.onRef('ci.key_result_id', '=', 'k.id'),
    )
    .select([
      'k.id as key_result_id',
      'k.title as key_result_title',
      'o.id as objective_id',
      'o.title as objective_title',
      'o.owner_id',
      'c.name as cycle_name',
      sql<Date | null>`ci.last`.as('last_check_in'),
    ])
    .where('c.status', '=', 'open')
    .where('c.check_in_days', 'is not', null)
    .where('c.start_date', '<=', today)
    .where('c.end_date', '>=', today)
    .where('o.status', '=', 'active')
    .where('k.completed_at', 'is', null)
    .where(
      sql<boolean>`coalesce(ci.last, k.created_at) <= ${now}::timestamptz - make_interval(days => c.check_in_days)`,
    )
    .orderBy('o.owner_id')
    .orderBy('k.created_at')
    .orderBy('k.id')
    .execute() as Promise<DueCheckIn[]>;

/** Records the reminders of a due week; answers the key results not reminded of that week before. */
export async function recordReminders(db: Db, dueWeek: string, rows: { keyResultId: string; ownerId: string }[]) {
  if (rows.length === 0) return new Set<string>();
  const inserted = await db
    .insertInto('strategy.check_in_reminders')
    .values(rows.map((r) => ({ key_result_id: r.keyResultId, owner_id: r.ownerId, due_week: dueWeek })))
    .onConflict((oc) => oc.columns(['key_result_id', 'due_week']).doNothing())
    .returning('key_result_id')
    .execute();
  return new Set(inserted.map((r) => r.key_result_id));
}
