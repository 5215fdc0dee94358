import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { today } from '../../../platform/dates.js';
import { paginate } from '../../../platform/http/pagination.js';
import { visibleProject, type ProjectScope } from '../access.js';
import type { TasksTable } from '../projects.tables.js';
import type { TaskListFilter } from './tasks.schemas.js';
import { containsPattern } from '../../../platform/db/like.js';

/** A task with its status and project code (what every task answer shows). */
export function selectTasks(db: Db) {
  return db
    .selectFrom('projects.tasks as t')
    .innerJoin('projects.statuses as s', 's.id', 't.status_id')
    .innerJoin('projects.projects as p', 'p.id', 't.project_id')
    .selectAll('t')
    .select(['s.name as status_name', 's.category as status_category', 'p.code as project_code']);
}

export type TaskRow = Awaited<ReturnType<ReturnType<typeof selectTasks>['executeTakeFirstOrThrow']>>;

export function findTask(db: Db, scope: ProjectScope, id: string) {
  return selectTasks(db).where('t.id', '=', id).where(visibleProject(scope, 't.project_id')).executeTakeFirst();
}

/** Locks the task row (for update) and answers it with its status; no visibility check. */
export async function lockTask(db: Db, id: string) {
  await db.selectFrom('projects.tasks').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return selectTasks(db).where('t.id', '=', id).executeTakeFirst();
}

export function listTasks(db: Db, scope: ProjectScope, f: TaskListFilter) {
  let q = selectTasks(db)
    .select([
      't.due_date as dueDate',
      't.start_date as startDate',
      't.created_at as createdAt',
      't.updated_at as updatedAt',
    ])
    .where(visibleProject(scope, 't.project_id'))
    .where('p.archived_at', 'is', null);
  if (f.projectId) q = q.where('t.project_id', '=', f.projectId);
  if (f.statusId) q = q.where('t.status_id', '=', f.statusId);
  if (f.category) q = q.where('s.category', '=', f.category);
  if (f.type) q = q.where('t.type', '=', f.type);
  if (f.priority) q = q.where('t.priority', '=', f.priority);
  if (f.parentId) q = q.where('t.parent_id', '=', f.parentId);
  if (f.label) q = q.where(sql<boolean>`${f.label} = any(t.labels)`);
  if (f.dueFrom) q = q.where('t.due_date', '>=', f.dueFrom);
  if (f.dueTo) q = q.where('t.due_date', '<=', f.dueTo);
  if (f.overdue) q = q.where('t.due_date', '<', today()).where('s.category', '<>', 'done');
  if (f.assigneeId) {
    const assignee = f.assigneeId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('projects.task_assignees as a')
          .select('a.task_id')
          .whereRef('a.task_id', '=', 't.id')
          .where('a.user_id', '=', assignee),
      ),
    );
  }
  if (f.q) q = q.where('t.title', 'ilike', containsPattern(f.q));
  return paginate(q, f, {
    sort: {
      number: 't.number',
      dueDate: 't.due_date',
      startDate: 't.start_date',
      createdAt: 't.created_at',
      updatedAt: 't.updated_at',
      title: 't.title',
    },
    id: 't.id',
    idKey: 'id',
  });
}

export async function assigneesOf(db: Db, taskIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (taskIds.length === 0) return map;
  const rows = await db
    .selectFrom('projects.task_assignees')
    .select(['task_id', 'user_id'])
    .where('task_id', 'in', [...new Set(taskIds)])
    .orderBy('user_id')
    .execute();
  for (const r of rows) map.set(r.task_id, [...(map.get(r.task_id) ?? []), r.user_id]);
  return map;
}

export async function setAssignees(db: Db, taskId: string, userIds: readonly string[]) {
  await db.deleteFrom('projects.task_assignees').where('task_id', '=', taskId).execute();
  if (userIds.length > 0)
    await db
      .insertInto('projects.task_assignees')
      .values([...new Set(userIds)].map((user_id) => ({ task_id: taskId, user_id })))
      .execute();
}

/** The next task number of the project (locks the project row's counter). */
export async function nextTaskNumber(db: Db, projectId: string): Promise<number> {
  const row = await db
    .updateTable('projects.projects')
    .set({ next_task_number: sql`next_task_number + 1` })
    .where('id', '=', projectId)
    .returning(sql<number>`next_task_number - 1`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

export function insertTask(db: Db, values: Insertable<TasksTable>) {
  return db.insertInto('projects.tasks').values(values).returning('id').executeTakeFirstOrThrow();
}

export type TaskValues = Omit<Updateable<TasksTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;

export function updateTask(db: Db, id: string, patch: TaskValues) {
  return db
    .updateTable('projects.tasks')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export function deleteTask(db: Db, id: string) {
  return db.deleteFrom('projects.tasks').where('id', '=', id).execute();
}

export function findStatus(db: Db, projectId: string, statusId: string) {
  return db
    .selectFrom('projects.statuses')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', statusId)
    .executeTakeFirst();
}

export function firstStatus(db: Db, projectId: string) {
  return db
    .selectFrom('projects.statuses')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('position')
    .limit(1)
    .executeTakeFirstOrThrow();
}

/** The last rank in a status column (null when empty). */
export async function lastRank(db: Db, statusId: string): Promise<string | null> {
  const row = await db
    .selectFrom('projects.tasks')
    .select((eb) => eb.fn.max('rank').as('r'))
    .where('status_id', '=', statusId)
    .executeTakeFirst();
  return (row?.r as string | null | undefined) ?? null;
}

/** The ranks around a place in a column: the rank of `afterId` (or null: the top) and of the task after it. */
export async function neighbourRanks(db: Db, statusId: string, afterId: string | null, movingId: string) {
  const after = afterId
    ? await db
        .selectFrom('projects.tasks')
        .select('rank')
        .where('id', '=', afterId)
        .where('status_id', '=', statusId)
        .executeTakeFirst()
    : undefined;
  if (afterId && !after) return undefined;
  let q = db
    .selectFrom('projects.tasks')
    .select('rank')
    .where('status_id', '=', statusId)
    .where('id', '<>', movingId)
    .orderBy('rank')
    .limit(1);
  if (after) q = q.where('rank', '>', after.rank);
  const next = await q.executeTakeFirst();
  return { before: after?.rank ?? null, next: next?.rank ?? null };
}

/** Is `ancestorId` the task `id` itself or one of its ancestors? (a parent must not be its own descendant) */
export async function isSelfOrAncestor(db: Db, id: string, candidateParentId: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    with recursive up(id, parent_id) as (
      select id, parent_id from projects.tasks where id = ${candidateParentId}
      union all
      select t.id, t.parent_id from projects.tasks t join up on t.id = up.parent_id
    )
    select exists (select 1 from up where id = ${id}) as found`.execute(db);
  return rows[0]?.found ?? false;
}

// ---- progress roll-up -------------------------------------------------------------------------

export interface ProgressRow {
  id: string;
  total: number;
  done: number;
  total_hours: string;
  done_hours: string;
  /** Leaves with an estimate (the weighting uses only those; none: by count). */
  estimated: number;
}

/**
 * Roll-up over the leaf descendants (tasks without children) of each root task: how many, how many
 * done, and their estimates (all, done). One recursive query for all roots.
 */
export async function subtreeProgress(db: Db, rootIds: readonly string[]): Promise<Map<string, ProgressRow>> {
  if (rootIds.length === 0) return new Map();
  const { rows } = await sql<ProgressRow>`
    with recursive sub(root, id) as (
      select c.parent_id, c.id from projects.tasks c where c.parent_id = any(${[...rootIds]}::uuid[])
      union all
      select sub.root, c.id from sub join projects.tasks c on c.parent_id = sub.id
    )
    select sub.root as id,
      count(*)::int as total,
      (count(*) filter (where s.category = 'done'))::int as done,
      coalesce(sum(t.estimate_hours), 0)::text as total_hours,
      coalesce(sum(t.estimate_hours) filter (where s.category = 'done'), 0)::text as done_hours,
      count(t.estimate_hours)::int as estimated
    from sub
    join projects.tasks t on t.id = sub.id
    join projects.statuses s on s.id = t.status_id
    where not exists (select 1 from projects.tasks k where k.parent_id = t.id)
    group by sub.root`.execute(db);
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * A project's tree, condensed for rolling progress up without a recursive query: each task that has
 * subtasks with its parent, and per such task the figures of its direct leaf children (progress.ts
 * adds them up the chain). Both answers have one row per parent, not per task.
 */
export async function projectTree(db: Db, projectId: string) {
  const [parents, leaves] = await Promise.all([
    sql<{ id: string; parent_id: string | null }>`
      select t.id, t.parent_id from projects.tasks t
      where t.project_id = ${projectId} and exists (select 1 from projects.tasks k where k.parent_id = t.id)`.execute(
      db,
    ),
    sql<ProgressRow>`
      select t.parent_id as id,
        count(*)::int as total,
        (count(*) filter (where s.category = 'done'))::int as done,
        coalesce(sum(t.estimate_hours), 0)::text as total_hours,
        coalesce(sum(t.estimate_hours) filter (where s.category = 'done'), 0)::text as done_hours,
        count(t.estimate_hours)::int as estimated
      from projects.tasks t join projects.statuses s on s.id = t.status_id
      where t.project_id = ${projectId} and t.parent_id is not null
        and not exists (select 1 from projects.tasks k where k.parent_id = t.id)
      group by t.parent_id`.execute(db),
  ]);
  return { parents: parents.rows, leaves: leaves.rows };
}

/** The same roll-up over all leaf tasks of each project. */
export async function projectProgress(db: Db, projectIds: readonly string[]): Promise<Map<string, ProgressRow>> {
  if (projectIds.length === 0) return new Map();
  const { rows } = await sql<ProgressRow>`
    select t.project_id as id,
      count(*)::int as total,
      (count(*) filter (where s.category = 'done'))::int as done,
      coalesce(sum(t.estimate_hours), 0)::text as total_hours,
      coalesce(sum(t.estimate_hours) filter (where s.category = 'done'), 0)::text as done_hours,
      count(t.estimate_hours)::int as estimated
    from projects.tasks t
    join projects.statuses s on s.id = t.status_id
    where t.project_id = any(${[...projectIds]}::uuid[])
      and not exists (select 1 from projects.tasks k where k.parent_id = t.id)
    group by t.project_id`.execute(db);
  return new Map(rows.map((r) => [r.id, r]));
}

// ---- comments and activity ---------------------------------------------------------------------

export function listComments(db: Db, taskId: string) {
  return db
    .selectFrom('projects.comments')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function insertComment(
  db: Db,
  values: { task_id: string; author_id: string; body: string; mentions: string[] },
) {
  return db.insertInto('projects.comments').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The task's audit records, newest first (the platform's shared audit log). */
export function activityOf(db: Db, taskId: string, limit: number) {
  return db
    .selectFrom('platform.audit_log')
    .select(['id', 'occurred_at', 'actor_id', 'action', 'before', 'after'])
    .where('entity_type', '=', 'projects.task')
    .where('entity_id', '=', taskId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Project members among these user ids. */
export async function membersAmong(db: Db, projectId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('projects.members')
    .select('user_id')
    .where('project_id', '=', projectId)
    .where('user_id', 'in', [...new Set(userIds)])
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
