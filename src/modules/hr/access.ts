import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { hasPermission } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/app-env.js';

/**
 * Who sees what in HR (the privacy rules; README.md has the table).
 *
 * - `directory`: anyone with `hr:read` sees every employee's directory card (name, work email and
 *   phone, department, position, location, manager, status).
 * - `full`: the personal and job data, job history and leave of yourself, of your reports (direct
 *   and indirect, following `manager_id`) and, for `hr:admin`, of everyone.
 * - compensation (salary, payslips): yourself; `hr:admin`; and `hr:compensation` holders for the
 *   employees they see in full. A manager without `hr:compensation` never sees a report's salary.
 */
export interface HrViewer {
  userId: string;
  /** The employee record linked to the signed-in user, if any. */
  employeeId: string | null;
  admin: boolean;
  compensation: boolean;
  approve: boolean;
  write: boolean;
}

export type EmployeeAccess = 'none' | 'directory' | 'full';

export async function viewerOf(db: Db, ctx: RequestContext): Promise<HrViewer> {
  const actor = ctx.actor;
  if (!actor) throw new Error('HR services need an actor');
  const self = await db.selectFrom('hr.employees').select('id').where('user_id', '=', actor.userId).executeTakeFirst();
  return {
    userId: actor.userId,
    employeeId: self?.id ?? null,
    admin: hasPermission(actor, 'hr:admin'),
    compensation: hasPermission(actor, 'hr:compensation'),
    approve: hasPermission(actor, 'hr:approve'),
    write: hasPermission(actor, 'hr:write'),
  };
}

/** The ids of everyone reporting to `managerId`, directly or not (a subquery). */
export function reportsOf(managerId: string) {
  return sql<{ id: string }>`(with recursive r(id) as (
      select id from hr.employees where manager_id = ${managerId}
      union
      select e.id from hr.employees e join r on e.manager_id = r.id
    ) select id from r)`;
}

/** `employeeColumn` is an employee the viewer sees in full (use in `where`). */
export function seesInFull(viewer: HrViewer, employeeColumn: string): RawBuilder<SqlBool> {
  if (viewer.admin) return sql<SqlBool>`true`;
  if (!viewer.employeeId) return sql<SqlBool>`false`;
  const column = sql.ref(employeeColumn);
  return sql<SqlBool>`(${column} = ${viewer.employeeId} or ${column} in ${reportsOf(viewer.employeeId)})`;
}

/** `employeeColumn` is an employee whose compensation the viewer may see (use in `where`). */
export function seesCompensation(viewer: HrViewer, employeeColumn: string): RawBuilder<SqlBool> {
  if (viewer.admin) return sql<SqlBool>`true`;
  if (!viewer.employeeId) return sql<SqlBool>`false`;
  const column = sql.ref(employeeColumn);
  if (!viewer.compensation) return sql<SqlBool>`${column} = ${viewer.employeeId}`;
  return seesInFull(viewer, employeeColumn);
}

/** How much of one employee the viewer sees. */
export async function accessTo(db: Db, viewer: HrViewer, employeeId: string): Promise<EmployeeAccess> {
  const row = await db
    .selectFrom('hr.employees as e')
    .select(seesInFull(viewer, 'e.id').as('full'))
    .where('e.id', '=', employeeId)
    .executeTakeFirst();
  if (!row) return 'none';
  return row.full ? 'full' : 'directory';
}

/** May the viewer see this employee's compensation? */
export async function maySeeCompensation(db: Db, viewer: HrViewer, employeeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('hr.employees as e')
    .select(seesCompensation(viewer, 'e.id').as('ok'))
    .where('e.id', '=', employeeId)
    .executeTakeFirst();
  return row?.ok === true;
}
