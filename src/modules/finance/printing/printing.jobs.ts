import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/job-registry.js';
import { commercialDocument } from './commercial-document.js';

const documentSendPayload = () =>
  z.object({
    sendId: z.uuid(),
    /** The mail's text (the template's body filled in, or what the sender wrote). */
    body: z.string().max(4000),
  });
export type DocumentSendPayload = z.output<ReturnType<typeof documentSendPayload>>;

/**
 * `finance.document-send`: renders the PDF of a document or statement, stores it, and queues the
 * mail with it attached (`platform.mail.send`), marking the send log row — once per send row.
 */
export const documentSendJob = defineJob({
  type: 'finance.document-send',
  payload: documentSendPayload,
  maxAttempts: 5,
  load: async () => (await import('./document-send.job.js')).runDocumentSend,
});

const commercialSendPayload = () =>
  z.object({
    document: commercialDocument(),
    to: z.array(z.email()).min(1).max(10),
    cc: z.array(z.email()).max(10).default([]),
    subject: z.string().min(1).max(200),
    body: z.string().max(4000),
    fileName: z.string().min(1).max(200),
  });
export type CommercialSendPayload = z.output<ReturnType<typeof commercialSendPayload>>;

/**
 * `finance.commercial-send`: renders the PDF of another module's commercial document (a quotation),
 * stores it under the job's id, and queues the mail with it attached — the mail job's id is saved as
 * the checkpoint in the same transaction, so a repeated run queues nothing twice.
 */
export const commercialSendJob = defineJob({
  type: 'finance.commercial-send',
  payload: commercialSendPayload,
  maxAttempts: 5,
  load: async () => (await import('./commercial-send.job.js')).runCommercialSend,
});
