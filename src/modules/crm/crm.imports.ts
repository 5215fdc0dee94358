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

export type { CrmImportPayload } from './crm.imports.schemas.js';

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
  // Imported with the first job (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
  payload: async () => (await import('./crm.imports.schemas.js')).crmImportPayload(),
  maxAttempts: 3,
  backoffMs: 5_000,
  load: async () => (await import('./crm.imports.job.js')).runCrmImport,
});
