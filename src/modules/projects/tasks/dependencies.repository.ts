import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { DependencyKind, StatusCategory } from '../projects.tables.js';

/** Serializes every change of the dependency graph (it spans projects): a transaction-level advisory lock. */
export async function lockDependencyGraph(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('projects.dependencies'))`.execute(db);
}

export function findLink(db: Db, predecessorId: string, successorId: string) {
  return db
    .selectFrom('projects.dependencies')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('predecessor_id', '=', predecessorId), eb('successor_id', '=', successorId)]),
        eb.and([eb('predecessor_id', '=', successorId), eb('successor_id', '=', predecessorId)]),
      ]),
    )
    .executeTakeFirst();
}

/** Does `from` lead to `to` along dependencies (predecessor → successor)? */
export async function reaches(db: Db, from: string, to: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    with recursive r(id) as (
      select successor_id from projects.dependencies where predecessor_id = ${from}
      union
      select d.successor_id from projects.dependencies d join r on d.predecessor_id = r.id
    )
    select exists (select 1 from r where id = ${to}) as found`.execute(db);
  return rows[0]?.found ?? false;
}

export function insertDependency(
  db: Db,
  values: { predecessor_id: string; successor_id: string; kind: DependencyKind; lag_days: number },
) {
  return db.insertInto('projects.dependencies').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findDependency(db: Db, id: string) {
  return db.selectFrom('projects.dependencies').selectAll().where('id', '=', id).executeTakeFirst();
}

export function deleteDependency(db: Db, id: string) {
  return db.deleteFrom('projects.dependencies').where('id', '=', id).execute();
}

export interface LinkRow {
  id: string;
  predecessor_id: string;
  successor_id: string;
  kind: DependencyKind;
  lag_days: number;
  predecessor_key: string;
  successor_key: string;
  predecessor_title: string;
  successor_title: string;
  predecessor_category: StatusCategory;
  successor_category: StatusCategory;
}

/** The dependencies touching a task (either side), with both ends' keys, titles and status categories. */
export async function linksOf(db: Db, taskId: string): Promise<LinkRow[]> {
  const { rows } = await sql<LinkRow>`
    select d.id, d.predecessor_id, d.successor_id, d.kind, d.lag_days,
      pp.code || '-' || p.number as predecessor_key, sp.code || '-' || s.number as successor_key,
      p.title as predecessor_title, s.title as successor_title,
      ps.category as predecessor_category, ss.category as successor_category
    from projects.dependencies d
    join projects.tasks p on p.id = d.predecessor_id
    join projects.projects pp on pp.id = p.project_id
    join projects.statuses ps on ps.id = p.status_id
    join projects.tasks s on s.id = d.successor_id
    join projects.projects sp on sp.id = s.project_id
    join projects.statuses ss on ss.id = s.status_id
    where d.predecessor_id = ${taskId} or d.successor_id = ${taskId}
    order by d.created_at, d.id`.execute(db);
  return rows;
}

export interface BlockerRow {
  id: string;
  key: string;
  title: string;
  kind: DependencyKind;
  status: string;
}

/**
 * The predecessors that keep `taskId` from starting or finishing: finish-to-start ones not done,
 * start-to-start ones not started.
 */
export async function openBlockers(db: Db, taskId: string): Promise<BlockerRow[]> {
  const { rows } = await sql<BlockerRow>`
    select p.id, pr.code || '-' || p.number as key, p.title, d.kind, s.name as status
    from projects.dependencies d
    join projects.tasks p on p.id = d.predecessor_id
    join projects.statuses s on s.id = p.status_id
    join projects.projects pr on pr.id = p.project_id
    where d.successor_id = ${taskId}
      and ((d.kind = 'finish_to_start' and s.category <> 'done') or (d.kind = 'start_to_start' and s.category = 'todo'))
    order by pr.code, p.number`.execute(db);
  return rows;
}

export interface GraphEdge {
  predecessor_id: string;
  successor_id: string;
  kind: DependencyKind;
  lag_days: number;
}

/** Every dependency reachable downstream of `rootId` (the edges among it and its transitive successors). */
export async function downstreamEdges(db: Db, rootId: string): Promise<GraphEdge[]> {
  const { rows } = await sql<GraphEdge>`
    with recursive r(id) as (
      select ${rootId}::uuid
      union
      select d.successor_id from projects.dependencies d join r on d.predecessor_id = r.id
    )
    select d.predecessor_id, d.successor_id, d.kind, d.lag_days
    from projects.dependencies d where d.predecessor_id in (select id from r)`.execute(db);
  return rows;
}

/** All predecessors' edges of these tasks (to compute their earliest start from every predecessor). */
export async function incomingEdges(db: Db, taskIds: readonly string[]): Promise<GraphEdge[]> {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom('projects.dependencies')
    .select(['predecessor_id', 'successor_id', 'kind', 'lag_days'])
    .where('successor_id', 'in', [...taskIds])
    .execute();
}
