import { defineJob } from '../../../platform/jobs/job-registry.js';

export type { CommercialSendPayload, DocumentSendPayload } from './printing.jobs.schemas.js';

/**
 * `finance.document-send`: renders the PDF of a document or statement, stores it, and queues the
 * mail with it attached (`platform.mail.send`), marking the send log row — once per send row.
 */
export const documentSendJob = defineJob({
  type: 'finance.document-send',
  // Imported with the first job (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
  payload: async () => (await import('./printing.jobs.schemas.js')).documentSendPayload(),
  maxAttempts: 5,
  load: async () => (await import('./document-send.job.js')).runDocumentSend,
});

/**
 * `finance.commercial-send`: renders the PDF of another module's commercial document (a quotation),
 * stores it under the job's id, and queues the mail with it attached — the mail job's id is saved as
 * the checkpoint in the same transaction, so a repeated run queues nothing twice.
 */
export const commercialSendJob = defineJob({
  type: 'finance.commercial-send',
  // Imported with the first job, the commercial document's schema with it (docs/adr/0008).
  payload: async () => (await import('./printing.jobs.schemas.js')).commercialSendPayload(),
  maxAttempts: 5,
  load: async () => (await import('./commercial-send.job.js')).runCommercialSend,
});
