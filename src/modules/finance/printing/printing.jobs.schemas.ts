import { z } from 'zod';
import { commercialDocument } from './commercial-document.js';

/** The payload of `finance.document-send` (printing.jobs.ts): imported when such a job is first enqueued or run. */
export const documentSendPayload = () =>
  z.object({
    sendId: z.uuid(),
    /** The mail's text (the template's body filled in, or what the sender wrote). */
    body: z.string().max(4000),
  });
export type DocumentSendPayload = z.output<ReturnType<typeof documentSendPayload>>;

/** The payload of `finance.commercial-send` (printing.jobs.ts): imported when such a job is first enqueued or run. */
export const commercialSendPayload = () =>
  z.object({
    document: commercialDocument(),
    to: z.array(z.email()).min(1).max(10),
    cc: z.array(z.email()).max(10).default([]),
    subject: z.string().min(1).max(200),
    body: z.string().max(4000),
    fileName: z.string().min(1).max(200),
  });
export type CommercialSendPayload = z.output<ReturnType<typeof commercialSendPayload>>;
