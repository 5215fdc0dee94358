import { z } from 'zod';
import { isValidKey } from '../files/file-store.js';
import { defineJob } from '../jobs/job-registry.js';

/** Text for a header: one line, no control characters (header injection is impossible by construction). */
const headerText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    // eslint-disable-next-line no-control-regex -- refusing control characters
    .regex(/^[^\x00-\x1f\x7f]*$/, 'One line, no control characters.');

const mailAddressInput = () =>
  z.union([z.email().max(254), z.object({ address: z.email().max(254), name: headerText(200).optional() })]);
export type MailAddressInput = z.input<ReturnType<typeof mailAddressInput>>;

/** Inline attachments travel in the job's row: keep them small (a larger file goes by its file-store key). */
export const MAX_INLINE_ATTACHMENT_BYTES = 256 * 1024;
/** All attachments of one message together (SES accepts 40 MB of raw message; mailboxes often less). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const mailAttachmentInput = () => {
  const attachmentName = headerText(200);
  const contentType = z
    .string()
    .max(200)
    .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i, 'A media type such as application/pdf.');
  return z.union([
    z.object({
      fileKey: z.string().max(512).refine(isValidKey, 'A file-store key (docs/files.md).'),
      fileName: attachmentName,
      contentType,
    }),
    z.object({
      fileName: attachmentName,
      contentType,
      contentBase64: z
        .base64()
        .max(Math.ceil(MAX_INLINE_ATTACHMENT_BYTES / 3) * 4, `At most ${MAX_INLINE_ATTACHMENT_BYTES} bytes inline.`),
    }),
  ]);
};
export type MailAttachmentInput = z.input<ReturnType<typeof mailAttachmentInput>>;

/** The send job's payload (built on first use: docs/adr/0008). */
const mailSendPayload = () => {
  const address = mailAddressInput();
  return z.object({
    template: z.string().min(1).max(100),
    data: z.record(z.string(), z.json()),
    to: z.array(address).min(1).max(50),
    cc: z.array(address).max(50).optional(),
    replyTo: address.optional(),
    attachments: z.array(mailAttachmentInput()).max(10).optional(),
  });
};
export type MailSendPayload = z.output<ReturnType<typeof mailSendPayload>>;

/**
 * `platform.mail.send`: renders a template and sends it with the process's transport (SES, or the
 * local outbox). Enqueued by `sendMail(trx, …)` only; failures retry with the jobs' backoff.
 */
export const mailSendJob = defineJob({
  type: 'platform.mail.send',
  payload: mailSendPayload,
  maxAttempts: 6,
  backoffMs: 30_000,
  load: async () => (await import('./mail-send.job.js')).runMailSend,
});
