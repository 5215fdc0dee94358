import { inTransaction } from '../../../platform/db/transaction.js';
import { objectKey } from '../../../platform/files/file-store.js';
import type { JobContext, JobOutcome, JsonValue } from '../../../platform/jobs/job-registry.js';
import { jobFileStore } from '../../../platform/jobs/job-files.js';
import { sendMail } from '../../../platform/mail/send-mail.js';
import { commercialDocumentPdf } from './commercial-pdf.js';
import type { CommercialSendPayload } from './printing.jobs.js';
import { documentMail } from './printing.mail.js';

/** What the job remembers once the mail is queued (saved with the mail job, in one transaction). */
export interface CommercialSendCheckpoint {
  mailJobId: string;
  fileKey: string;
  size: number;
}

const isDone = (value: JsonValue | undefined): value is JsonValue & CommercialSendCheckpoint =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value.mailJobId === 'string';

/**
 * Renders the PDF into the file store (`results/…/<job id>`), then queues the mail with it attached
 * and saves the mail job's id as the checkpoint in the same transaction: a run repeated after that
 * commit finds the checkpoint and queues nothing twice.
 */
export async function runCommercialSend(payload: CommercialSendPayload, ctx: JobContext): Promise<JobOutcome> {
  const done = await ctx.checkpoint.load();
  if (isDone(done)) return { result: { mailJobId: done.mailJobId, fileKey: done.fileKey, size: done.size } };
  const store = await jobFileStore();
  await ctx.progress(10, 'Rendering the PDF');
  const pdf = await commercialDocumentPdf(ctx.db, store, payload.document);
  const key = objectKey('results', ctx.jobId);
  const written = await store.write(key, pdf.bytes, { contentType: 'application/pdf' });
  await ctx.progress(70, 'Queuing the mail');
  const checkpoint = await inTransaction(ctx.db, async (trx) => {
    const mail = await sendMail(trx, {
      template: documentMail,
      data: { subject: payload.subject, body: payload.body },
      to: payload.to,
      ...(payload.cc.length > 0 ? { cc: payload.cc } : {}),
      attachments: [{ fileKey: key, fileName: payload.fileName, contentType: 'application/pdf' }],
      createdBy: ctx.createdBy,
    });
    const value = { mailJobId: mail.id, fileKey: key, size: written.size };
    await ctx.checkpoint.save(value, { trx });
    return value;
  });
  return { result: { ...checkpoint } };
}
