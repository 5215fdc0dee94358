import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/job-registry.js';

export const DocumentSendPayload = z.object({
  sendId: z.uuid(),
  /** The mail's text (the template's body filled in, or what the sender wrote). */
  body: z.string().max(4000),
});

/**
 * `finance.document-send`: renders the PDF of a document or statement, stores it, and queues the
 * mail with it attached (`platform.mail.send`), marking the send log row — once per send row.
 */
export const documentSendJob = defineJob({
  type: 'finance.document-send',
  payload: DocumentSendPayload,
  maxAttempts: 5,
  load: async () => (await import('./document-send.job.js')).runDocumentSend,
});
