import type { z } from 'zod';
import type { Tx } from '../db/database.js';
import { errors } from '../errors/app-error.js';
import { enqueueJob, type EnqueuedJob } from '../jobs/enqueue.js';
import { mailSendJob, type MailAddressInput, type MailAttachmentInput } from './mail.jobs.js';
import type { MailTemplate } from './templates.js';

export interface SendMailRequest<S extends z.ZodType> {
  template: MailTemplate<S>;
  data: z.input<S>;
  to: readonly MailAddressInput[];
  cc?: readonly MailAddressInput[];
  replyTo?: MailAddressInput;
  /** File-store keys (`{ fileKey, fileName, contentType }`) or small inline files (`contentBase64`). */
  attachments?: readonly MailAttachmentInput[];
  /** Who caused the mail (they see the send job in the jobs API), or null for the system. */
  createdBy: string | null;
}

/**
 * Sends a mail — later, through a `platform.mail.send` job written in the caller's transaction: the
 * mail exists only if the change commits, is never sent inline in a request, and a failed send is
 * retried with the jobs' backoff. The template's data is checked now (a 422 names the bad field).
 */
export async function sendMail<S extends z.ZodType>(trx: Tx, request: SendMailRequest<S>): Promise<EnqueuedJob> {
  const data = (await request.template.data()).safeParse(request.data);
  if (!data.success)
    throw errors.validation(
      data.error.issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message, code: i.code })),
      `The data of mail template ${request.template.name} is not valid.`,
    );
  return enqueueJob(trx, {
    type: mailSendJob,
    payload: {
      template: request.template.name,
      data: request.data as Record<string, z.core.util.JSONType>,
      to: [...request.to],
      ...(request.cc ? { cc: [...request.cc] } : {}),
      ...(request.replyTo ? { replyTo: request.replyTo } : {}),
      ...(request.attachments ? { attachments: [...request.attachments] } : {}),
    },
    createdBy: request.createdBy,
  });
}
