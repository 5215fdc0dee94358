import { defineJob } from '../jobs/job-registry.js';

export type { MailAddressInput, MailAttachmentInput, MailSendPayload } from './mail.jobs.schemas.js';

/** Inline attachments travel in the job's row: keep them small (a larger file goes by its file-store key). */
export const MAX_INLINE_ATTACHMENT_BYTES = 256 * 1024;
/** All attachments of one message together (SES accepts 40 MB of raw message; mailboxes often less). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * `platform.mail.send`: renders a template and sends it with the process's transport (SES, or the
 * local outbox). Enqueued by `sendMail(trx, …)` only; failures retry with the jobs' backoff.
 */
export const mailSendJob = defineJob({
  type: 'platform.mail.send',
  // Imported with the first job (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
  payload: async () => (await import('./mail.jobs.schemas.js')).mailSendPayload(),
  maxAttempts: 6,
  backoffMs: 30_000,
  load: async () => (await import('./mail-send.job.js')).runMailSend,
});
