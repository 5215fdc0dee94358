import { z } from 'zod';
import { isValidKey } from '../files/file-store.js';
import { MAX_INLINE_ATTACHMENT_BYTES } from './mail.jobs.js';

// The schemas of `platform.mail.send` (mail.jobs.ts): imported when such a job is first enqueued or run
// (the manifest is imported at every cold start; Zod is not: docs/adr/0008).

/** Text for a header: one line, no control characters (header injection is impossible by construction). */
const headerText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    // eslint-disable-next-line no-control-regex -- refusing control characters
    .regex(/^[^\x00-\x1f\x7f]*$/, 'One line, no control characters.');

export const mailAddressInput = () =>
  z.union([z.email().max(254), z.object({ address: z.email().max(254), name: headerText(200).optional() })]);
export type MailAddressInput = z.input<ReturnType<typeof mailAddressInput>>;

export const mailAttachmentInput = () => {
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
export const mailSendPayload = () => {
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
