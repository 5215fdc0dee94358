import { z } from 'zod';
import { GL_EXPORT_COPY_CHUNK } from './general-ledger.export.js';

/**
 * The payload of `finance.general-ledger.export` (general-ledger.export.ts): imported when such a job
 * is first enqueued or run.
 */
export const generalLedgerExportPayload = () =>
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
