import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-registry.js';

/**
 * The CRM record kinds that import from CSV in the background (contacts and organizations also have
 * a synchronous `…/import` route, up to IMPORT_MAX_ROWS rows; leads import only in the background).
 */
export const CRM_IMPORT_KINDS = ['contacts', 'organizations', 'leads'] as const;
export type CrmImportKind = (typeof CRM_IMPORT_KINDS)[number];

/**
 * The upload "purpose" of an import file: the file is uploaded through the generic upload flow
 * (docs/files.md) as an attachment on a `crm.import` record, whose id the client makes up (a new
 * UUID per import). Only its uploader can see it.
 */
export const CRM_IMPORT_RECORD_TYPE = 'crm.import';

/** Rows a background import takes (the file store's size limit usually comes first). */
export const IMPORT_JOB_MAX_ROWS = 200_000;

const crmImportPayload = () =>
  z.object({
    kind: z.enum(CRM_IMPORT_KINDS),
    /** The uploaded file (an attachment on a `crm.import` record). */
    attachmentId: z.uuid(),
    objectKey: z.string().min(1),
    fileName: z.string(),
    dryRun: z.boolean(),
    /** The importer as they were when they started it (owner of the new records, visibility, audit). */
    actor: z.object({
      userId: z.uuid(),
      email: z.string(),
      roles: z.array(z.string()),
      permissions: z.array(z.string()),
    }),
    /** Rows per chunk: each chunk is checked, written and checkpointed in one transaction. */
    chunkSize: z.number().int().min(1).max(10_000).default(500),
  });
export type CrmImportPayload = z.output<ReturnType<typeof crmImportPayload>>;

/**
 * A CRM CSV import in the background (no 5,000-row limit) of contacts, organizations or leads: the
 * rows are checked with the same rules as the synchronous import (crm.importers.ts), chunk by chunk; a real run writes each chunk's good rows in the chunk's
 * transaction together with the checkpoint (the row offset), so a retried or resumed job neither
 * loses nor repeats rows. Progress counts rows; the result is the synchronous import's report.
 */
export const crmImportJob = defineJob({
  type: 'crm.import',
  // Its owner waits on it: told in the app when it ends.
  notifyOwner: 'CRM import',
  payload: crmImportPayload,
  maxAttempts: 3,
  backoffMs: 5_000,
  load: async () => (await import('./crm.imports.job.js')).runCrmImport,
});
