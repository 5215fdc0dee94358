import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/job-registry.js';

/** Rows per chunk of the background general-ledger export (each chunk is one checkpoint). */
export const GL_EXPORT_CHUNK = 10_000;

export const GeneralLedgerExportPayload = z.object({
  accountId: z.uuid(),
  from: z.iso.date(),
  to: z.iso.date(),
  /** Rows per chunk (tests use small ones so progress and resuming show). */
  chunkSize: z.number().int().min(1).max(50_000).default(GL_EXPORT_CHUNK),
});

/**
 * The general ledger of one account as a CSV file in the file store, written in chunks of lines on a
 * keyset cursor (bounded memory, a checkpoint per chunk): same rows as `/reports/general-ledger.csv`,
 * without its line cap. The result carries the file (`{ file: { key, name, contentType }, size, rows }`)
 * and the jobs API turns it into a download link for the job's owner.
 */
export const generalLedgerExportJob = defineJob({
  type: 'finance.general-ledger.export',
  payload: GeneralLedgerExportPayload,
  maxAttempts: 5,
  backoffMs: 5_000,
  load: async () => (await import('./general-ledger.export-job.js')).runGeneralLedgerExport,
});
