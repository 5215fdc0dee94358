import { sql, type Expression, type SqlBool } from 'kysely';
import { hasPermission } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { errors } from '../../platform/errors/app-error.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { activeUserIds } from '../auth/index.js';
import { projectsErrors } from './projects.errors.js';
import type { MemberRole, ProjectsTable } from './projects.tables.js';
import type { Selectable } from 'kysely';

/**
 * Who sees and changes which project. `projects:admin` sees and manages every project; anyone else
 * sees the projects they manage or are a member of (any project role), works in them as a `member`
 * or `manager`, and manages them as their manager (the project's `manager_id` or a member with the
 * project role `manager`). Enforced in the queries: lists filter, gets answer 404.
 */
export interface ProjectScope {
  userId: string;
  admin: boolean;
}

export function scopeOf(ctx: RequestContext): ProjectScope {
  const actor = ctx.actor;
  if (!actor) throw new Error('Projects services need an actor');
  return { userId: actor.userId, admin: hasPermission(actor, 'projects:admin') };
}

/** The project id in `projectColumn` is one the scope sees (use in `where`). */
export function visibleProject(scope: ProjectScope, projectColumn: string): Expression<SqlBool> {
  if (scope.admin) return sql<SqlBool>`true`;
  const col = sql.ref(projectColumn);
  return sql<SqlBool>`(${col} in (select p.id from projects.projects p where p.manager_id = ${scope.userId})
    or ${col} in (select m.project_id from projects.members m where m.user_id = ${scope.userId}))`;
}

export type ProjectRow = Selectable<ProjectsTable>;

/** A project as the caller sees it, with what they may do in it. */
export interface ProjectAccess {
  project: ProjectRow;
  /** The caller's project role (null for an administrator who is not a member). */
  role: MemberRole | null;
  canManage: boolean;
  canWork: boolean;
}

export async function loadProjectAccess(
  db: Db,
  scope: ProjectScope,
  projectId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ProjectAccess | undefined> {
  let q = db.selectFrom('projects.projects').selectAll().where('id', '=', projectId);
  if (options.forUpdate) q = q.forUpdate();
  const project = await q.executeTakeFirst();
  if (!project) return undefined;
  const member = await db
    .selectFrom('projects.members')
    .select('role')
    .where('project_id', '=', projectId)
    .where('user_id', '=', scope.userId)
    .executeTakeFirst();
  const role = member?.role ?? (project.manager_id === scope.userId ? 'manager' : null);
  if (!scope.admin && role === null) return undefined;
  const canManage = scope.admin || project.manager_id === scope.userId || role === 'manager';
  return { project, role, canManage, canWork: canManage || role === 'member' };
}

/** 404 when the caller cannot see the project; 403 when they may not do `need` in it; 409 when archived and changing. */
export async function requireProject(
  db: Db,
  scope: ProjectScope,
  projectId: string,
  need: 'read' | 'work' | 'manage',
  options: { forUpdate?: boolean; path?: string } = {},
): Promise<ProjectAccess> {
  const access = await loadProjectAccess(db, scope, projectId, options);
  if (!access) {
    if (options.path) throw errors.invalidReference(options.path, 'Project', projectId);
    throw errors.notFound('Project', projectId);
  }
  if (need === 'manage' && !access.canManage) throw projectsErrors.notManager();
  if (need === 'work' && !access.canWork)
    throw errors.forbidden('projects:write (as a member of this project, not a viewer)');
  if (need !== 'read' && access.project.archived_at) throw projectsErrors.archived(access.project.code);
  return access;
}

/** Each user id is an active MOMS user (422 on its path otherwise). */
export async function assertActiveUsers(db: Db, users: { userId: string; path: string }[]): Promise<void> {
  if (users.length === 0) return;
  const active = await activeUserIds(
    db,
    users.map((u) => u.userId),
  );
  const inactive = users.filter((u) => !active.has(u.userId));
  if (inactive.length > 0)
    throw errors.validation(
      inactive.map((u) => ({ path: u.path, message: `No active user ${u.userId}.`, code: 'not_an_active_user' })),
      'Projects need active users.',
    );
}
