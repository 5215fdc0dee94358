import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { visibleProject, type ProjectScope } from '../access.js';
import type { StatusCategory, TaskType } from '../projects.tables.js';
import type { BoardFilter, GanttFilter, PortfolioFilter, WorkloadFilter } from './views.schemas.js';

export interface CardRow {
  status_id: string;
  id: string;
  number: number;
  title: string;
  type: TaskType;
  priority: 'low' | 'medium' | 'high' | 'urgent';
  due_date: string | null;
  estimate_hours: string | null;
  labels: string[];
  assignee_ids: string[];
  rank: string;
  blocked: boolean;
  version: number;
}

/** The first `limit` cards of every status column (by rank), with assignees and whether blocked. */
export async function boardCards(db: Db, projectId: string, f: BoardFilter): Promise<CardRow[]> {
  const assignee = f.assigneeId
    ? sql`and exists (select 1 from projects.task_assignees a where a.task_id = t.id and a.user_id = ${f.assigneeId})`
    : sql``;
  const label = f.label ? sql`and ${f.label} = any(t.labels)` : sql``;
  const { rows } = await sql<CardRow>`
    select s.id as status_id, c.* from projects.statuses s
    cross join lateral (
      select t.id, t.number, t.title, t.type, t.priority, t.due_date, t.estimate_hours, t.labels, t.rank::text as rank, t.version,
        coalesce((select array_agg(a.user_id order by a.user_id) from projects.task_assignees a where a.task_id = t.id), '{}') as assignee_ids,
        exists (select 1 from projects.dependencies d join projects.tasks p on p.id = d.predecessor_id
          join projects.statuses ps on ps.id = p.status_id where d.successor_id = t.id
          and ((d.kind = 'finish_to_start' and ps.category <> 'done') or (d.kind = 'start_to_start' and ps.category = 'todo'))) as blocked
      from projects.tasks t where t.project_id = ${projectId} and t.status_id = s.id ${assignee} ${label}
      order by t.rank, t.id limit ${f.limit}
    ) c
    where s.project_id = ${projectId}
    order by s.position, c.rank, c.id`.execute(db);
  return rows;
}

export async function columnCounts(db: Db, projectId: string, f: BoardFilter) {
  const assignee = f.assigneeId
    ? sql`and exists (select 1 from projects.task_assignees a where a.task_id = t.id and a.user_id = ${f.assigneeId})`
    : sql``;
  const label = f.label ? sql`and ${f.label} = any(t.labels)` : sql``;
  const { rows } = await sql<{ status_id: string; n: number }>`
    select t.status_id, count(*)::int as n from projects.tasks t
    where t.project_id = ${projectId} ${assignee} ${label} group by t.status_id`.execute(db);
  return new Map(rows.map((r) => [r.status_id, r.n]));
}

export interface GanttRow {
  id: string;
  number: number;
  title: string;
  type: TaskType;
  parent_id: string | null;
  start_date: string | null;
  due_date: string | null;
  category: StatusCategory;
  version: number;
}

export async function ganttTasks(db: Db, projectId: string, f: GanttFilter): Promise<GanttRow[]> {
  const from = f.from ? sql`and coalesce(t.due_date, t.start_date) >= ${f.from}` : sql``;
  const to = f.to ? sql`and coalesce(t.start_date, t.due_date) <= ${f.to}` : sql``;
  const { rows } = await sql<GanttRow>`
    select t.id, t.number, t.title, t.type, t.parent_id, t.start_date, t.due_date, s.category, t.version
    from projects.tasks t join projects.statuses s on s.id = t.status_id
    where t.project_id = ${projectId} and (t.start_date is not null or t.due_date is not null) ${from} ${to}
    order by coalesce(t.start_date, t.due_date), t.number`.execute(db);
  return rows;
}

/** The dependencies touching the project's tasks (either end), with whether they cross projects. */
export async function ganttEdges(db: Db, projectId: string) {
  const { rows } = await sql<{
    id: string;
    predecessor_id: string;
    successor_id: string;
    kind: 'finish_to_start' | 'start_to_start';
    lag_days: number;
    cross_project: boolean;
  }>`
    select d.id, d.predecessor_id, d.successor_id, d.kind, d.lag_days, p.project_id <> s.project_id as cross_project
    from projects.dependencies d
    join projects.tasks p on p.id = d.predecessor_id
    join projects.tasks s on s.id = d.successor_id
    where p.project_id = ${projectId} or s.project_id = ${projectId}`.execute(db);
  return rows;
}

export interface PortfolioRow {
  id: string;
  code: string;
  name: string;
  status: string;
  billing_method: string;
  manager_id: string;
  start_date: string | null;
  end_date: string | null;
  currency: string;
  budget_hours: string | null;
  budget_amount: string | null;
  actual_hours: string;
  actual_cost: string;
  overdue_milestones: number;
  open_tasks: number;
}

export async function portfolio(db: Db, scope: ProjectScope, f: PortfolioFilter, today: string) {
  const status = f.status ? sql`and p.status = ${f.status}` : sql``;
  const manager = f.managerId ? sql`and p.manager_id = ${f.managerId}` : sql``;
  // Logged time from the running totals (time_totals); open tasks and overdue milestones in one grouped pass.
  const { rows } = await sql<PortfolioRow>`
    with p as (
      select p.* from projects.projects p
      where p.archived_at is null and ${visibleProject(scope, 'p.id')} ${status} ${manager}
      order by p.code limit 500
    ),
    e as (select x.project_id, x.hours, x.cost from projects.time_totals x where x.project_id in (select id from p)),
    m as (
      select t.project_id, count(*) filter (where t.type = 'milestone' and t.due_date < ${today}) as overdue, count(*) as open
      from projects.tasks t join projects.statuses s on s.id = t.status_id
      where t.project_id in (select id from p) and s.category <> 'done' group by t.project_id
    )
    select p.id, p.code, p.name, p.status, p.billing_method, p.manager_id, p.start_date, p.end_date, p.currency,
      p.budget_hours, p.budget_amount,
      coalesce(e.hours, 0)::text as actual_hours, coalesce(e.cost, 0)::text as actual_cost,
      coalesce(m.overdue, 0)::int as overdue_milestones, coalesce(m.open, 0)::int as open_tasks
    from p left join e on e.project_id = p.id left join m on m.project_id = p.id
    order by p.code`.execute(db);
  return rows;
}

/** Projects of these ids the scope manages (sees costs of). */
export async function managedAmong(db: Db, scope: ProjectScope, ids: string[]): Promise<Set<string>> {
  if (scope.admin) return new Set(ids);
  if (ids.length === 0) return new Set();
  const { rows } = await sql<{ id: string }>`
    select p.id from projects.projects p where p.id = any(${ids}::uuid[]) and (p.manager_id = ${scope.userId}
      or exists (select 1 from projects.members m where m.project_id = p.id and m.user_id = ${scope.userId} and m.role = 'manager'))`.execute(
    db,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Planned hours per person per week: each open task's estimate, shared equally among its assignees
 * and spread evenly over its working days (Monday–Friday) from start to due (a task with one date:
 * that day; a task only on a weekend: its first day).
 */
export async function workload(db: Db, scope: ProjectScope, f: WorkloadFilter, to: string) {
  const project = f.projectId ? sql`and t.project_id = ${f.projectId}` : sql``;
  const user = f.userId ? sql`and a.user_id = ${f.userId}` : sql``;
  const { rows } = await sql<{ user_id: string; week_start: string; hours: string }>`
    with t as (
      select t.id, coalesce(t.start_date, t.due_date) as s, coalesce(t.due_date, t.start_date) as d, t.estimate_hours as e,
        (select count(*) from projects.task_assignees a where a.task_id = t.id) as people
      from projects.tasks t join projects.statuses st on st.id = t.status_id join projects.projects p on p.id = t.project_id
      where st.category <> 'done' and t.estimate_hours > 0 and p.archived_at is null
        and coalesce(t.start_date, t.due_date) <= ${to} and coalesce(t.due_date, t.start_date) >= ${f.from}
        and ${visibleProject(scope, 't.project_id')} ${project}
    ),
    days as (
      select t.id, g::date as day from t cross join lateral generate_series(t.s, t.d, interval '1 day') g
      where extract(isodow from g) < 6
      union all
      select t.id, t.s from t where not exists (
        select 1 from generate_series(t.s, t.d, interval '1 day') g where extract(isodow from g) < 6)
    ),
    n as (select id, count(*) as c from days group by id)
    select a.user_id, (days.day - (extract(isodow from days.day)::int - 1))::text as week_start,
      round(sum(t.e / n.c / t.people), 2)::text as hours
    from days join t on t.id = days.id join n on n.id = days.id
    join projects.task_assignees a on a.task_id = days.id
    where days.day between ${f.from} and ${to} ${user}
    group by a.user_id, week_start order by a.user_id, week_start`.execute(db);
  return rows;
}
