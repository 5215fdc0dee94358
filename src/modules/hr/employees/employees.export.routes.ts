import { hasPermission } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import type { createRouter, z } from '../../../platform/http/router.js';
import {
  checkExportFilter,
  exportPageSize,
  exportRequestBody,
  registerExportStartRoute,
  startExportJob,
} from '../../../platform/jobs/export-start.js';
import { employeesExportJob } from './employees.export.js';
import { EmployeeExportQuery } from './employees.schemas.js';

const StartHrExportBody = exportRequestBody(
  'StartHrExport',
  ['employees'],
  "The directory's query parameters as strings (e.g. { status: 'active', sort: 'lastName' })",
);

/**
 * Starts a background CSV export of the employee directory (no row or size limit) for the caller:
 * checks the filter as `GET /employees/export.csv` would, enqueues the job with who the caller is
 * (their hr:admin decides who they see in full) and audits it, in one transaction.
 */
export async function startHrExport(
  db: Db,
  ctx: RequestContext,
  input: z.output<typeof StartHrExportBody>,
): Promise<{ jobId: string }> {
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  checkExportFilter(input.filter, EmployeeExportQuery);
  return startExportJob(db, ctx, {
    type: employeesExportJob,
    payload: {
      filter: input.filter,
      viewer: { userId: actor.userId, admin: hasPermission(actor, 'hr:admin') },
      ...exportPageSize('MOMS_HR_EXPORT_PAGE'),
    },
    action: 'hr.export-started',
    list: input.list,
    filter: input.filter,
  });
}

/** `POST /exports`: the directory as CSV in the background (its synchronous route stops at EXPORT_MAX_ROWS). */
export function registerHrExportRoutes(router: ReturnType<typeof createRouter>) {
  registerExportStartRoute(router, {
    access: 'hr:read',
    tag: 'hr',
    summary:
      'Export the employee directory as CSV in the background (no row limit): a job; its download link appears on the job when done',
    body: StartHrExportBody,
    startedName: 'HrExportStarted',
    start: startHrExport,
  });
}
