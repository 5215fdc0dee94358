import { z } from 'zod';
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

const financeListExportPayload = () =>
  z.object({
    list: z.enum(FINANCE_EXPORT_LISTS),
    /** The list's query parameters as sent (strings): parsed again by the list's export schema when it runs. */
    filter: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    /** Rows per page (tests use small ones so paging shows). */
    pageSize: z.number().int().min(1).max(1_000).default(1_000),
  });
export type FinanceListExportPayload = z.output<ReturnType<typeof financeListExportPayload>>;

/**
 * A Finance list exported in the background (no row or size limit): the same rows, order and
 * columns as its `…/export.csv` route (which stops at EXPORT_MAX_ROWS), streamed page by page into
 * one file in the file store; the jobs API gives its owner a download link.
 */
export const financeListExportJob = defineJob({
  type: 'finance.list-export',
  // Its owner waits on it: told in the app when it ends.
  notifyOwner: 'Finance export',
  payload: financeListExportPayload,
  maxAttempts: 3,
  backoffMs: 5_000,
  load: async () => (await import('./list-exports.job.js')).runFinanceListExport,
});
