import type { Readable } from 'node:stream';
import type { JobContext, JobOutcome } from '../jobs/job-registry.js';
import { jobFileStore } from '../jobs/job-files.js';
import { mailTransport } from './mail-environment.js';
import {
  MAX_ATTACHMENT_BYTES,
  type MailAddressInput,
  type MailAttachmentInput,
  type MailSendPayload,
} from './mail.jobs.js';
import { composeMessage, type MailAddress, type MimeAttachment } from './mime.js';
import { renderTemplate } from './templates.js';
// The platform's own templates; a module's are registered by its manifest's imports.
import './mail.templates.js';

const address = (a: MailAddressInput): MailAddress => (typeof a === 'string' ? { address: a } : a);

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += bytes.length;
    if (size > MAX_ATTACHMENT_BYTES) throw new Error(`Attachments larger than ${MAX_ATTACHMENT_BYTES} bytes`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** Renders the template, loads the attachments, and sends once per job (the job id is the send key). */
export async function runMailSend(payload: MailSendPayload, ctx: JobContext): Promise<JobOutcome> {
  const transport = await mailTransport();
  if (!transport.from) {
    const { MailDisabledError } = await import('./transport.js');
    throw new MailDisabledError();
  }
  const rendered = await renderTemplate(payload.template, payload.data);
  const attachments: MimeAttachment[] = [];
  let total = 0;
  for (const a of (payload.attachments ?? []) as MailAttachmentInput[]) {
    const content =
      'fileKey' in a
        ? await readAll(await (await jobFileStore()).read(a.fileKey))
        : Buffer.from(a.contentBase64, 'base64');
    total += content.length;
    if (total > MAX_ATTACHMENT_BYTES) throw new Error(`Attachments larger than ${MAX_ATTACHMENT_BYTES} bytes`);
    attachments.push({ fileName: a.fileName, contentType: a.contentType, content });
  }
  const domain = transport.from.address.split('@')[1] ?? 'moms.local';
  const message = {
    from: transport.from,
    to: payload.to.map(address),
    cc: (payload.cc ?? []).map(address),
    ...(payload.replyTo ? { replyTo: address(payload.replyTo) } : {}),
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html.value,
    attachments,
    messageId: `<${ctx.jobId}@${domain}>`,
    date: new Date(),
  };
  const sent = await transport.send({ message, raw: composeMessage(message), key: ctx.jobId });
  return { result: { transport: sent.transport, id: sent.id, messageId: message.messageId } };
}
