import type { Db } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import type { createRouter, z } from '../../platform/http/router.js';
import {
  checkExportFilter,
  exportPageSize,
  exportRequestBody,
  registerExportStartRoute,
  startExportJob,
} from '../../platform/jobs/export-start.js';
import { CRM_EXPORT_LISTS, crmListExportJob } from './crm.exports.js';
import { crmExportLists } from './crm.exports.lists.js';
import { scopeOf } from './visibility.js';

const StartCrmExportBody = exportRequestBody(
  'StartCrmExport',
  CRM_EXPORT_LISTS,
  "The list's query parameters as strings (e.g. { q: 'mar', tag: 'vip' })",
);

/**
 * Starts a background CSV export of a CRM list (no row or size limit) for the caller: checks the
 * filter as the list's `…/export.csv` route would, then enqueues the job with the caller's
 * visibility and audits it, in one transaction.
 */
export async function startCrmExport(
  db: Db,
  ctx: RequestContext,
  input: z.output<typeof StartCrmExportBody>,
): Promise<{ jobId: string }> {
  checkExportFilter(input.filter, crmExportLists[input.list].filter);
  return startExportJob(db, ctx, {
    type: crmListExportJob,
    payload: {
      list: input.list,
      filter: input.filter,
      scope: scopeOf(ctx),
      ...exportPageSize('MOMS_CRM_EXPORT_PAGE'),
    },
    action: 'crm.export-started',
    list: input.list,
    filter: input.filter,
  });
}

export function registerCrmExportRoutes(router: ReturnType<typeof createRouter>) {
  registerExportStartRoute(router, {
    access: 'crm:read',
    tag: 'crm',
    summary:
      'Export a CRM list as CSV in the background (no row or size limit): a job; its download link appears on the job when done',
    body: StartCrmExportBody,
    startedName: 'CrmExportStarted',
    start: startCrmExport,
  });
}
