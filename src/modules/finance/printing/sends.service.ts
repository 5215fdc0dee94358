import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { isoTimestamp } from '../../../platform/dates.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { getDocument } from '../documents/documents.service.js';
import type { DocumentKind } from '../documents/documents.tables.js';
import { getParty } from '../documents/parties.service.js';
import { documentValues, KIND_TITLES } from './document-pdf.js';
import * as settingsRepo from './company-profile.repository.js';
import { effectiveTexts } from './company-profile.service.js';
import { assertSendable } from './printing.service.js';
import { documentSendJob } from './printing.jobs.js';
import type { SendInput } from './printing.schemas.js';
import * as repo from './sends.repository.js';
import { statementValues } from './statement-pdf.js';
import { getStatement, type StatementQuery } from './statement.service.js';
import { fillTemplate } from './template-text.js';

type SendRow = Awaited<ReturnType<typeof repo.listSends>>[number];

/** A filled-in subject: one line of at most 200 characters (a mail header), never empty. */
const subjectLine = (text: string, fallback: string) =>
  (text.replace(/[\r\n\t]+/g, ' ').trim() || fallback).slice(0, 200);
/** A filled-in text fits the mail job (the placeholders' values can make it longer than the template). */
const bodyText = (text: string) => text.slice(0, 4000);

/** A send as the log shows it: `failed` when the PDF job or the mail job failed for good. */
export function toSendDto(row: SendRow) {
  const failed = row.job_status === 'failed' || row.mail_status === 'failed' || row.status === 'failed';
  return {
    id: row.id,
    kind: row.kind,
    documentId: row.document_id,
    partyId: row.party_id,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    to: row.recipients.to,
    cc: row.recipients.cc,
    subject: row.subject,
    fileName: row.file_name,
    status: failed ? ('failed' as const) : row.status,
    mailStatus: row.mail_status ?? null,
    error: row.error ?? row.mail_error ?? row.job_error ?? null,
    jobId: row.job_id,
    mailJobId: row.mail_job_id,
    sentBy: row.sent_by,
    sentByEmail: row.sent_by_email,
    createdAt: isoTimestamp(row.created_at),
  };
}

function recipients(input: SendInput, partyEmail: string | null) {
  const to = input.to ?? (partyEmail ? [partyEmail] : []);
  if (to.length === 0)
    throw errors.validation([
      { path: 'to', message: 'The party has no email address: name a recipient.', code: 'no_recipient' },
    ]);
  return { to, cc: input.cc ?? [] };
}

/**
 * Queues the email of one issued document with its PDF: a send log row and the
 * `finance.document-send` job (which renders the PDF and queues the mail) in one transaction, with
 * the audit record. Recipient, subject and text default to the party's email and the template.
 */
export async function sendDocument(
  db: Db,
  ctx: RequestContext,
  kind: DocumentKind,
  id: string,
  input: SendInput,
  options: { system?: boolean } = {},
) {
  if (!ctx.actor && !options.system) throw errors.unauthenticated();
  const sendId = await inTransaction(db, async (trx) => {
    const doc = await getDocument(trx, kind, id);
    assertSendable(doc, KIND_TITLES[kind].toLowerCase());
    const party = await getParty(trx, doc.partyId);
    const settings = await settingsRepo.getCompanyProfile(trx);
    const texts = effectiveTexts(settings);
    const values = documentValues(doc, party, settings);
    const to = recipients(input, party.email);
    const subject =
      input.subject ?? subjectLine(fillTemplate(texts.emailSubject, values), `${KIND_TITLES[kind]} ${doc.number}`);
    const body = input.message ?? bodyText(fillTemplate(texts.emailBody, values));
    return queue(trx, ctx, {
      system: options.system ?? false,
      kind,
      document_id: doc.id,
      party_id: party.id,
      subject,
      body,
      recipients: to,
      file_name: `${KIND_TITLES[kind].replace(/\s+/g, '-')}-${doc.number}.pdf`.replace(/[^A-Za-z0-9._-]+/g, '-'),
    });
  });
  return getSend(db, sendId);
}

/** Queues the email of a party's statement of account for the period, with its PDF. */
export async function sendStatement(
  db: Db,
  ctx: RequestContext,
  partyId: string,
  query: StatementQuery,
  input: SendInput,
) {
  const sendId = await inTransaction(db, async (trx) => {
    const statement = await getStatement(trx, partyId, query);
    const settings = await settingsRepo.getCompanyProfile(trx);
    const texts = effectiveTexts(settings);
    const values = statementValues(statement, settings);
    return queue(trx, ctx, {
      kind: 'statement',
      document_id: null,
      party_id: partyId,
      period_from: statement.from,
      period_to: statement.to,
      subject: input.subject ?? subjectLine(fillTemplate(texts.statementEmailSubject, values), 'Statement of account'),
      body: input.message ?? bodyText(fillTemplate(texts.statementEmailBody, values)),
      recipients: recipients(input, statement.party.email),
      file_name: `Statement-${statement.from}-${statement.to}.pdf`,
    });
  });
  return getSend(db, sendId);
}

async function queue(
  trx: Tx,
  ctx: RequestContext,
  send: {
    /** Sent by a scheduled job (reminders, recurring documents): no person, logged without a sender. */
    system?: boolean;
    kind: 'invoice' | 'credit-note' | 'bill' | 'vendor-credit' | 'statement';
    document_id: string | null;
    party_id: string;
    period_from?: string;
    period_to?: string;
    subject: string;
    body: string;
    recipients: { to: string[]; cc: string[] };
    file_name: string;
  },
): Promise<string> {
  const actor = ctx.actor;
  if (!actor && !send.system) throw errors.unauthenticated();
  const { body, recipients: r, system: _system, ...values } = send;
  const row = await repo.insertSend(trx, {
    ...values,
    recipients: JSON.stringify(r),
    sent_by: actor?.userId ?? null,
    sent_by_email: actor?.email ?? null,
  });
  const job = await enqueueJob(trx, {
    type: documentSendJob,
    payload: { sendId: row.id, body },
    createdBy: actor?.userId ?? null,
  });
  await repo.updateSend(trx, row.id, { job_id: job.id });
  await writeAudit(trx, ctx, {
    action: 'finance-document.sent',
    entityType: send.kind === 'statement' ? 'finance.party' : 'finance.document',
    entityId: send.document_id ?? send.party_id,
    after: { sendId: row.id, kind: send.kind, to: r.to, cc: r.cc, subject: send.subject, jobId: job.id },
  });
  return row.id;
}

export async function getSend(db: Db, id: string) {
  const [row] = await repo.listSends(db, { id });
  if (!row) throw errors.notFound('Send', id);
  return toSendDto(row);
}

export async function documentSends(db: Db, kind: DocumentKind, id: string) {
  await getDocument(db, kind, id);
  return { items: (await repo.listSends(db, { documentId: id })).map(toSendDto) };
}

export async function statementSends(db: Db, partyId: string) {
  await getParty(db, partyId);
  return { items: (await repo.listSends(db, { partyId })).map(toSendDto) };
}
