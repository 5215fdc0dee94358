import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-registry.js';

/** The CRM lists that export as CSV (each also has a synchronous `…/export.csv` route). */
export const CRM_EXPORT_LISTS = ['organizations', 'contacts', 'leads', 'opportunities'] as const;
export type CrmExportList = (typeof CRM_EXPORT_LISTS)[number];

const crmListExportPayload = () =>
  z.object({
    list: z.enum(CRM_EXPORT_LISTS),
    /** The list's query parameters as sent (strings): parsed again by the list's export schema when it runs. */
    filter: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    /** Whose records: the visibility of the user who started it, as it was then. */
    scope: z.object({ userId: z.uuid(), all: z.boolean() }),
    /** Rows per page (tests use small ones so paging and progress show). */
    pageSize: z.number().int().min(1).max(10_000).default(1_000),
  });
export type CrmListExportPayload = z.output<ReturnType<typeof crmListExportPayload>>;

/**
 * A CRM list exported in the background (no row or size limit): the same rows, order and columns
 * as its `…/export.csv` route, written page by page into one streamed file in the file store. The
 * result carries the file; the jobs API turns it into a download link for the job's owner.
 */
export const crmListExportJob = defineJob({
  type: 'crm.list-export',
  // Its owner waits on it: told in the app when it ends.
  notifyOwner: 'CRM export',
  payload: crmListExportPayload,
  maxAttempts: 3,
  backoffMs: 5_000,
  load: async () => (await import('./crm.exports.job.js')).runCrmListExport,
});
