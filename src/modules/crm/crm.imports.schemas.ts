import { z } from 'zod';
import { CRM_IMPORT_KINDS } from './crm.imports.js';

/** The payload of `crm.import` (crm.imports.ts): imported when such a job is first enqueued or run. */
export const crmImportPayload = () =>
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
