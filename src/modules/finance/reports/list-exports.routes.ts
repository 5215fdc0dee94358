import type { Db } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import type { createRouter, z } from '../../../platform/http/router.js';
import {
  checkExportFilter,
  exportPageSize,
  exportRequestBody,
  registerExportStartRoute,
  startExportJob,
} from '../../../platform/jobs/export-start.js';
import { FINANCE_EXPORT_LISTS, financeListExportJob } from './list-exports.js';
import { financeExportLists } from './list-exports.lists.js';

const StartFinanceExportBody = exportRequestBody(
  'StartFinanceExport',
  FINANCE_EXPORT_LISTS,
  "The list's query parameters as strings (e.g. { status: 'issued', sort: '-date' })",
);

/**
 * Starts a background CSV export of a Finance list (no row or size limit) for the caller: checks
 * the filter as the list's `…/export.csv` route would, enqueues the job and audits it, in one
 * transaction.
 */
export async function startFinanceExport(
  db: Db,
  ctx: RequestContext,
  input: z.output<typeof StartFinanceExportBody>,
): Promise<{ jobId: string }> {
  checkExportFilter(input.filter, financeExportLists[input.list].filter);
  return startExportJob(db, ctx, {
    type: financeListExportJob,
    payload: { list: input.list, filter: input.filter, ...exportPageSize('MOMS_FINANCE_EXPORT_PAGE') },
    action: 'finance.export-started',
    list: input.list,
    filter: input.filter,
  });
}

/** `POST /exports`: a Finance list as CSV in the background (the general ledger has its own, `/exports/general-ledger`). */
export function registerFinanceExportRoutes(router: ReturnType<typeof createRouter>) {
  registerExportStartRoute(router, {
    access: 'finance:read',
    tag: 'finance',
    summary:
      'Export a Finance list (journal entries, documents, parties, payments) as CSV in the background (no row limit): a job; its download link appears on the job when done',
    body: StartFinanceExportBody,
    startedName: 'FinanceExportStarted',
    start: startFinanceExport,
  });
}
