import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { paginate } from '../../../platform/http/pagination.js';
import { visibleProject, type ProjectScope } from '../access.js';
import type { MemberRole, MembersTable, ProjectsTable, StatusCategory } from '../projects.tables.js';
import type { ProjectListFilter } from './project.schemas.js';
import { containsPattern } from '../../../platform/db/like.js';

export function findByCode(db: Db, code: string) {
  return db.selectFrom('projects.projects').select('id').where('code', '=', code).executeTakeFirst();
}

export function listProjects(db: Db, scope: ProjectScope, f: ProjectListFilter) {
  let q = db
    .selectFrom('projects.projects as p')
    .selectAll('p')
    .select(['p.created_at as createdAt', 'p.end_date as endDate'])
    .where(visibleProject(scope, 'p.id'));
  q = f.archived ? q.where('p.archived_at', 'is not', null) : q.where('p.archived_at', 'is', null);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.managerId) q = q.where('p.manager_id', '=', f.managerId);
  if (f.billingMethod) q = q.where('p.billing_method', '=', f.billingMethod);
  if (f.tag) q = q.where(sql<boolean>`${f.tag} = any(p.tags)`);
  if (f.q) {
    const pattern = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('p.name', 'ilike', pattern), eb('p.code', 'ilike', pattern)]));
  }
  return paginate(q, f, {
    sort: { code: 'p.code', name: 'p.name', createdAt: 'p.created_at', endDate: 'p.end_date' },
    id: 'p.id',
    idKey: 'id',
  });
}

/** The caller's role in each of these projects. */
export async function rolesIn(db: Db, userId: string, projectIds: string[]) {
  if (projectIds.length === 0) return new Map<string, MemberRole>();
  const rows = await db
    .selectFrom('projects.members')
    .select(['project_id', 'role'])
    .where('user_id', '=', userId)
    .where('project_id', 'in', projectIds)
    .execute();
  return new Map<string, MemberRole>(rows.map((r) => [r.project_id, r.role]));
}

export type ProjectValues = Omit<Updateable<ProjectsTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;

export function insertProject(db: Db, values: Insertable<ProjectsTable>) {
  return db.insertInto('projects.projects').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateProject(db: Db, id: string, patch: ProjectValues) {
  return db
    .updateTable('projects.projects')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listMembers(db: Db, projectId: string) {
  return db
    .selectFrom('projects.members')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('role')
    .orderBy('user_id')
    .execute();
}

export function upsertMember(db: Db, values: Insertable<MembersTable>) {
  return db
    .insertInto('projects.members')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['project_id', 'user_id']).doUpdateSet({
        role: (eb) => eb.ref('excluded.role'),
        cost_rate: (eb) => eb.ref('excluded.cost_rate'),
        billing_rate: (eb) => eb.ref('excluded.billing_rate'),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function deleteMember(db: Db, projectId: string, userId: string) {
  return db
    .deleteFrom('projects.members')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

export function listStatuses(db: Db, projectId: string) {
  return db
    .selectFrom('projects.statuses')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('position')
    .execute();
}

export function insertStatuses(
  db: Db,
  projectId: string,
  statuses: { name: string; category: StatusCategory; position: number }[],
) {
  return db
    .insertInto('projects.statuses')
    .values(statuses.map((s) => ({ ...s, project_id: projectId })))
    .returningAll()
    .execute();
}

export function updateStatus(db: Db, id: string, values: { name: string; category: StatusCategory; position: number }) {
  return db.updateTable('projects.statuses').set(values).where('id', '=', id).execute();
}

export function deleteStatus(db: Db, id: string) {
  return db.deleteFrom('projects.statuses').where('id', '=', id).execute();
}

/** Moves every status out of the way before a reorder: a temporary unique name (its id) and a negative position. */
export function parkStatuses(db: Db, projectId: string) {
  return db
    .updateTable('projects.statuses')
    .set({ position: sql`-position - 1`, name: sql`'#' || id` })
    .where('project_id', '=', projectId)
    .execute();
}

export async function tasksPerStatus(db: Db, projectId: string) {
  const rows = await db
    .selectFrom('projects.tasks')
    .select(['status_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('project_id', '=', projectId)
    .groupBy('status_id')
    .execute();
  return new Map(rows.map((r) => [r.status_id, Number(r.n)]));
}

/** Tasks whose status is in `statusIds` get `completed_at` per the new categories (after a workflow change). */
export function syncCompletion(db: Db, projectId: string) {
  return sql`update projects.tasks t set completed_at = case when s.category = 'done' then coalesce(t.completed_at, now()) end
    from projects.statuses s where s.id = t.status_id and t.project_id = ${projectId}
    and (s.category = 'done') <> (t.completed_at is not null)`.execute(db);
}
