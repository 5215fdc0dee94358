import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/job-registry.js';

/** Lines per chunk of the background general-ledger export read through a cursor (PGlite, the Data API). */
export const GL_EXPORT_CHUNK = 10_000;
/** Lines per COPY of the export on PostgreSQL over TCP (streamed: the worker never holds a chunk). */
export const GL_EXPORT_COPY_CHUNK = 100_000;

const generalLedgerExportPayload = () =>
  z.object({
    accountId: z.uuid(),
    from: z.iso.date(),
    to: z.iso.date(),
    /**
     * Lines per chunk (tests use small ones so progress and resuming show); unset, the path's own
     * (GL_EXPORT_CHUNK read through a cursor, GL_EXPORT_COPY_CHUNK per COPY).
     */
    chunkSize: z.number().int().min(1).max(GL_EXPORT_COPY_CHUNK).optional(),
  });
export type GeneralLedgerExportPayload = z.output<ReturnType<typeof generalLedgerExportPayload>>;

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
  payload: generalLedgerExportPayload,
  maxAttempts: 5,
  backoffMs: 5_000,
  load: async () => (await import('./general-ledger.export-job.js')).runGeneralLedgerExport,
});
