import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { maySeeCompensation, viewerOf, type HrViewer } from '../access.js';

/**
 * The payroll part's use of the HR privacy rules (../access.ts). Salaries, pay components and
 * payslips of an employee the viewer may not see are a 404, the same as an employee that does not
 * exist: the answer never tells a manager whether a report has a salary on file.
 */
export async function compensationViewer(db: Db, ctx: RequestContext, employeeId: string): Promise<HrViewer> {
  const viewer = await viewerOf(db, ctx);
  if (!(await maySeeCompensation(db, viewer, employeeId))) throw errors.notFound('Employee', employeeId);
  return viewer;
}

/** Payroll runs are read by hr:admin and hr:compensation holders; others get a 403. */
export async function runReader(db: Db, ctx: RequestContext): Promise<HrViewer> {
  const viewer = await viewerOf(db, ctx);
  if (!viewer.admin && !viewer.compensation) throw errors.forbidden('hr:compensation');
  return viewer;
}

/** The employee exists (for hr:admin writes). */
export async function requireEmployee(db: Db, employeeId: string) {
  const row = await db
    .selectFrom('hr.employees')
    .select(['id', 'start_date', 'end_date', 'status'])
    .where('id', '=', employeeId)
    .executeTakeFirst();
  if (!row) throw errors.notFound('Employee', employeeId);
  return row;
}
