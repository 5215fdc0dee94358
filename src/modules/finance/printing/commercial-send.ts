import type { Db, Tx } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import type { JobStatus } from '../../../platform/jobs/async-work.tables.js';
import { commercialDocument, type CommercialDocumentInput } from './commercial-document.js';
import { commercialFileName, commercialValues, printParty } from './commercial-pdf.js';
import * as settingsRepo from './company-profile.repository.js';
import { effectiveTexts } from './company-profile.service.js';
import { commercialSendJob } from './printing.jobs.js';
import { fillTemplate } from './template-text.js';

export interface CommercialSendRequest {
  document: CommercialDocumentInput;
  /** Default: the party's email (422 on `to` when it has none). */
  to?: readonly string[] | undefined;
  cc?: readonly string[] | undefined;
  /** Default: Finance's document email subject (Finance → Company and documents), filled in. */
  subject?: string | undefined;
  /** Default: Finance's document email text, filled in. */
  message?: string | undefined;
  /** Who sends it (they see the job in the jobs API). */
  createdBy: string | null;
}

export interface CommercialSendQueued {
  jobId: string;
  to: string[];
  cc: string[];
  subject: string;
  fileName: string;
}

/**
 * For other modules: emails a commercial document they own (a quotation) as a PDF with Finance's
 * letterhead. Inside the caller's transaction, it only queues the `finance.commercial-send` job
 * (with the document as the sender saw it): the job renders the PDF and queues the mail with it
 * attached. Returns the job's id — follow it with `commercialSendStates`. The caller audits the send.
 */
export async function sendCommercialDocument(trx: Tx, request: CommercialSendRequest): Promise<CommercialSendQueued> {
  const parsed = commercialDocument().safeParse(request.document);
  if (!parsed.success)
    throw errors.validation(
      parsed.error.issues.map((i) => ({ path: ['document', ...i.path].join('.'), message: i.message, code: i.code })),
      'The document to send is not valid.',
    );
  const document = parsed.data;
  const party = await printParty(trx, document.partyId);
  const to = request.to && request.to.length > 0 ? [...request.to] : party.email ? [party.email] : [];
  if (to.length === 0)
    throw errors.validation(
      [{ path: 'to', message: 'The customer has no email address: name a recipient.', code: 'no_recipient' }],
      `${party.name} has no email address: name a recipient.`,
    );
  const cc = [...(request.cc ?? [])];
  const settings = await settingsRepo.getCompanyProfile(trx);
  const texts = effectiveTexts(settings);
  const values = commercialValues(document, party, settings);
  const subject = (
    request.subject ??
    (fillTemplate(texts.emailSubject, values)
      .replace(/[\r\n\t]+/g, ' ')
      .trim() ||
      `${document.title} ${document.number}`)
  ).slice(0, 200);
  const body = (request.message ?? fillTemplate(texts.emailBody, values)).slice(0, 4000);
  const fileName = commercialFileName(document);
  const job = await enqueueJob(trx, {
    type: commercialSendJob,
    payload: { document, to, cc, subject, body, fileName },
    createdBy: request.createdBy,
  });
  return { jobId: job.id, to, cc, subject, fileName };
}

export interface CommercialSendState {
  /** queued: the PDF is being made; sent: the mail with the PDF is queued; failed: either job failed for good. */
  status: 'queued' | 'sent' | 'failed';
  mailJobId: string | null;
  /** The mail job: succeeded when the mail left. */
  mailStatus: JobStatus | null;
  error: string | null;
}

const mailJobOf = (checkpoint: unknown): string | null =>
  typeof checkpoint === 'object' &&
  checkpoint !== null &&
  'mailJobId' in checkpoint &&
  typeof checkpoint.mailJobId === 'string'
    ? checkpoint.mailJobId
    : null;

/** For other modules: the state of `sendCommercialDocument` jobs by their ids (unknown ids are left out). */
export async function commercialSendStates(
  db: Db,
  jobIds: readonly string[],
): Promise<Map<string, CommercialSendState>> {
  const states = new Map<string, CommercialSendState>();
  if (jobIds.length === 0) return states;
  const jobs = await db
    .selectFrom('platform.jobs')
    .select(['id', 'status', 'error', 'checkpoint'])
    .where('id', 'in', [...jobIds])
    .where('type', '=', commercialSendJob.type)
    .execute();
  const mailIds = jobs.map((j) => mailJobOf(j.checkpoint)).filter((id): id is string => id !== null);
  const mails = new Map(
    mailIds.length === 0
      ? []
      : (
          await db.selectFrom('platform.jobs').select(['id', 'status', 'error']).where('id', 'in', mailIds).execute()
        ).map((m) => [m.id, m] as const),
  );
  for (const job of jobs) {
    const mailJobId = mailJobOf(job.checkpoint);
    const mail = mailJobId ? mails.get(mailJobId) : undefined;
    const failed =
      job.status === 'failed' ||
      job.status === 'cancelled' ||
      mail?.status === 'failed' ||
      mail?.status === 'cancelled';
    states.set(job.id, {
      status: failed ? 'failed' : mailJobId ? 'sent' : 'queued',
      mailJobId,
      mailStatus: mail?.status ?? null,
      error: mail?.error ?? job.error ?? null,
    });
  }
  return states;
}
