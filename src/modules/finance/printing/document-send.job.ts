import { inTransaction } from '../../../platform/db/transaction.js';
import { objectKey } from '../../../platform/files/file-store.js';
import type { JobContext, JobOutcome } from '../../../platform/jobs/job-registry.js';
import { jobFileStore } from '../../../platform/jobs/job-files.js';
import { sendMail } from '../../../platform/mail/send-mail.js';
import { documentPdf, statementPdf } from './printing.service.js';
import { documentMail } from './printing.mail.js';
import type { DocumentSendPayload } from './printing.jobs.js';
import * as repo from './sends.repository.js';

/**
 * Renders the PDF into the file store (`results/…/<send id>`, the same key on every try) and queues
 * the mail with it attached, marking the send row `sent` in the same transaction — so a repeated
 * run after that commit finds the row sent and queues nothing twice.
 */
export async function runDocumentSend(payload: DocumentSendPayload, ctx: JobContext): Promise<JobOutcome> {
  const send = await repo.findSend(ctx.db, payload.sendId);
  // Gone with its party (a party with no documents may be deleted): nothing to send.
  if (!send) return { result: { sendId: payload.sendId, status: 'gone' } };
  if (send.status !== 'queued') return { result: { sendId: send.id, status: send.status } };
  const store = await jobFileStore();
  await ctx.progress(10, 'Rendering the PDF');
  const pdf =
    send.kind === 'statement'
      ? await statementPdf(ctx.db, store, send.party_id, { from: send.period_from!, to: send.period_to! })
      : await documentPdf(ctx.db, store, send.kind, send.document_id!);
  const key = objectKey('results', send.id);
  const written = await store.write(key, pdf.bytes, { contentType: 'application/pdf' });
  await ctx.progress(70, 'Queuing the mail');
  const mailJobId = await inTransaction(ctx.db, async (trx) => {
    const row = await repo.lockSend(trx, send.id);
    if (!row || row.status !== 'queued') return row?.mail_job_id ?? null;
    const mail = await sendMail(trx, {
      template: documentMail,
      data: { subject: row.subject, body: payload.body },
      to: row.recipients.to,
      ...(row.recipients.cc.length > 0 ? { cc: row.recipients.cc } : {}),
      attachments: [{ fileKey: key, fileName: row.file_name, contentType: 'application/pdf' }],
      createdBy: row.sent_by,
    });
    await repo.updateSend(trx, row.id, { status: 'sent', mail_job_id: mail.id, file_key: key });
    return mail.id;
  });
  return { result: { sendId: send.id, mailJobId, size: written.size } };
}
