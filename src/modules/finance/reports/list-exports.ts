import { defineJob } from '../../../platform/jobs/job-registry.js';

/** The Finance lists that export as CSV (each also has a synchronous `…/export.csv` route). */
export const FINANCE_EXPORT_LISTS = [
  'journal-entries',
  'invoices',
  'bills',
  'credit-notes',
  'vendor-credits',
  'parties',
  'payments',
] as const;
export type FinanceExportList = (typeof FINANCE_EXPORT_LISTS)[number];

export type { FinanceListExportPayload } from './list-exports.schemas.js';

/**
 * A Finance list exported in the background (no row or size limit): the same rows, order and
 * columns as its `…/export.csv` route (which stops at EXPORT_MAX_ROWS), streamed page by page into
 * one file in the file store; the jobs API gives its owner a download link.
 */
export const financeListExportJob = defineJob({
  type: 'finance.list-export',
  // Its owner waits on it: told in the app when it ends.
  notifyOwner: 'Finance export',
  // Imported with the first job (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
  payload: async () => (await import('./list-exports.schemas.js')).financeListExportPayload(),
  maxAttempts: 3,
  backoffMs: 5_000,
  load: async () => (await import('./list-exports.job.js')).runFinanceListExport,
});
