import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export interface MilestoneRef {
  id: string;
  projectId: string;
  dueDate: string | null;
  /** Its status is in the `done` category. */
  reached: boolean;
  reachedOn: string | null;
}

/**
 * For other modules (Strategy's milestone key results): these milestones, by id, whatever project
 * they are in (no per-user visibility: the caller decides who sees what). Ids that are not a
 * milestone are left out.
 */
export async function milestonesById(db: Db, ids: readonly string[]): Promise<Map<string, MilestoneRef>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const { rows } = await sql<{
    id: string;
    project_id: string;
    due_date: string | null;
    reached: boolean;
    reached_on: string | null;
  }>`
    select t.id, t.project_id, to_char(t.due_date, 'YYYY-MM-DD') as due_date, s.category = 'done' as reached,
      case when s.category = 'done' then to_char(t.completed_at at time zone 'UTC', 'YYYY-MM-DD') end as reached_on
    from projects.tasks t join projects.statuses s on s.id = t.status_id
    where t.type = 'milestone' and t.id in (${sql.join(wanted)})`.execute(db);
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, projectId: r.project_id, dueDate: r.due_date, reached: r.reached, reachedOn: r.reached_on },
    ]),
  );
}
