import { defineJob } from '../../../platform/jobs/job-registry.js';

/** Lines per chunk of the background general-ledger export read through a cursor (PGlite, the Data API). */
export const GL_EXPORT_CHUNK = 10_000;
/** Lines per COPY of the export on PostgreSQL over TCP (streamed: the worker never holds a chunk). */
export const GL_EXPORT_COPY_CHUNK = 100_000;

export type { GeneralLedgerExportPayload } from './general-ledger.export.schemas.js';

/**
 * The general ledger of one account as a CSV file in the file store, written in chunks of lines on a
 * keyset cursor (bounded memory, resumable by segments): same rows as `/reports/general-ledger.csv`,
 * without its line cap. On PostgreSQL over TCP each chunk is a `COPY … TO STDOUT` streamed into the
 * file; on PGlite and the Data API a query per chunk. The result carries the file
 * (`{ file: { key, name, contentType }, size, rows }`) and the jobs API turns it into a download
 * link for the job's owner.
 */
export const generalLedgerExportJob = defineJob({
  type: 'finance.general-ledger.export',
  // Its owner waits on it: told in the app when it ends.
  notifyOwner: 'General ledger export',
  // Imported with the first job (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
  payload: async () => (await import('./general-ledger.export.schemas.js')).generalLedgerExportPayload(),
  maxAttempts: 5,
  backoffMs: 5_000,
  load: async () => (await import('./general-ledger.export-job.js')).runGeneralLedgerExport,
});
