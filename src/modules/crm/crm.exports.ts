import { defineJob } from '../../platform/jobs/job-registry.js';

/** The CRM lists that export as CSV (each also has a synchronous `…/export.csv` route). */
export const CRM_EXPORT_LISTS = ['organizations', 'contacts', 'leads', 'opportunities'] as const;
export type CrmExportList = (typeof CRM_EXPORT_LISTS)[number];

export type { CrmListExportPayload } from './crm.exports.schemas.js';

/**
 * A CRM list exported in the background (no row or size limit): the same rows, order and columns
 * as its `…/export.csv` route, written page by page into one streamed file in the file store. The
 * result carries the file; the jobs API turns it into a download link for the job's owner.
 */
export const crmListExportJob = defineJob({
  type: 'crm.list-export',
  // Its owner waits on it: told in the app when it ends.
  notifyOwner: 'CRM export',
  // Imported with the first job (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
  payload: async () => (await import('./crm.exports.schemas.js')).crmListExportPayload(),
  maxAttempts: 3,
  backoffMs: 5_000,
  load: async () => (await import('./crm.exports.job.js')).runCrmListExport,
});
