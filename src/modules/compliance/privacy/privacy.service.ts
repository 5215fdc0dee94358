import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { hasPermission } from '../../../platform/auth/permissions.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { jobFileStore } from '../../../platform/jobs/job-files.js';
import type { PrivacyHandlers } from '../../../platform/modules/privacy.js';
import { privacyRequestJob } from '../compliance.module.js';
import { SUBJECT_LABELS, type CreatePrivacyRequestBody, type PrivacyRequestListQuery } from './privacy.schemas.js';
import type { PrivacyRequestsTable } from './privacy.tables.js';
import './privacy.tables.js';

type RequestRow = Selectable<PrivacyRequestsTable>;

/** A module's privacy hooks, as its manifest declares them. */
export interface PrivacyContributor {
  module: string;
  subjects: readonly string[];
  handlers: () => Promise<PrivacyHandlers>;
}

let contributors: PrivacyContributor[] | undefined;

/**
 * Every installed module that declares `privacy` in its manifest, in the module list's order (a lazy
 * import: the list names this module's manifest too, as Strategy's metric registry does).
 */
export async function privacyContributors(): Promise<readonly PrivacyContributor[]> {
  if (!contributors) {
    const { modules } = await import('../../../app/modules.js');
    contributors = modules.flatMap((m) => {
      const privacy = m.privacy;
      if (!privacy) return [];
      let loaded: Promise<PrivacyHandlers> | undefined;
      return [
        {
          module: m.name,
          subjects: privacy.subjects ?? [],
          handlers: () => (loaded ??= privacy.load()),
        },
      ];
    });
  }
  return contributors;
}

/** How long a download link works. */
const DOWNLOAD_TTL_SECONDS = 900;

/** The request's status: a job that failed for good (or was cancelled) fails the request. */
async function withJobStatus(db: Db, rows: RequestRow[]) {
  const jobIds = rows.map((r) => r.job_id).filter((id): id is string => id !== null);
  const jobs =
    jobIds.length === 0
      ? []
      : await db.selectFrom('platform.jobs').select(['id', 'status', 'error']).where('id', 'in', jobIds).execute();
  return rows.map((r) => {
    const job = jobs.find((j) => j.id === r.job_id);
    const jobEnded = job && (job.status === 'failed' || job.status === 'cancelled') && r.status !== 'succeeded';
    return {
      id: r.id,
      kind: r.kind,
      subject: { type: r.subject_type, id: r.subject_id },
      reason: r.reason,
      status: jobEnded ? ('failed' as const) : r.status,
      error: jobEnded ? (job.error ?? `The job was ${job.status}.`) : r.error,
      jobId: r.job_id,
      summary: r.summary,
      file:
        r.file_key && r.file_name && r.file_sha256
          ? { name: r.file_name, size: Number(r.file_size ?? 0), sha256: r.file_sha256 }
          : null,
      requestedBy: r.requested_by,
      createdAt: r.created_at.toISOString(),
      finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
    };
  });
}

async function requestRow(db: Db, id: string): Promise<RequestRow> {
  const row = await db.selectFrom('compliance.privacy_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('Privacy request', id);
  return row;
}

/**
 * Records a privacy request and queues its job (in one transaction, audited). An export needs
 * `compliance:write` (the route checks it); an erasure `compliance:admin` and the confirmation word
 * (the schema checks it). The subject must exist (422 otherwise); a second erasure of an erased
 * subject is accepted and changes nothing.
 */
export async function createPrivacyRequest(
  db: Db,
  ctx: RequestContext,
  input: z.output<typeof CreatePrivacyRequestBody>,
) {
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  if (input.kind === 'erasure' && !hasPermission(actor, 'compliance:admin')) throw errors.forbidden('compliance:admin');
  const owner = (await privacyContributors()).find((c) => c.subjects.includes(input.subject.type));
  const identify = owner ? (await owner.handlers()).identify : undefined;
  if (!identify || !(await identify(db, input.subject)))
    throw errors.invalidReference('subject.id', SUBJECT_LABELS[input.subject.type], input.subject.id);
  const id = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('compliance.privacy_requests')
      .values({
        kind: input.kind,
        subject_type: input.subject.type,
        subject_id: input.subject.id,
        reason: input.reason,
        requested_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const job = await enqueueJob(trx, {
      type: privacyRequestJob,
      payload: { requestId: row.id },
      createdBy: actor.userId,
    });
    await trx.updateTable('compliance.privacy_requests').set({ job_id: job.id }).where('id', '=', row.id).execute();
    await writeAudit(trx, ctx, {
      action: input.kind === 'erasure' ? 'compliance.privacy-erasure-requested' : 'compliance.privacy-export-requested',
      entityType: 'compliance.privacy-request',
      entityId: row.id,
      after: { kind: input.kind, subject: input.subject, reason: input.reason, jobId: job.id },
    });
    return row.id;
  });
  return getPrivacyRequest(db, id);
}

export async function getPrivacyRequest(db: Db, id: string) {
  return (await withJobStatus(db, [await requestRow(db, id)]))[0]!;
}

export async function listPrivacyRequests(db: Db, query: z.output<typeof PrivacyRequestListQuery>) {
  let q = db.selectFrom('compliance.privacy_requests').selectAll().select('created_at as createdAt');
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.subjectType) q = q.where('subject_type', '=', query.subjectType);
  if (query.subjectId) q = q.where('subject_id', '=', query.subjectId);
  const page = await paginate(q, query, { sort: { createdAt: 'created_at' }, id: 'id', idKey: 'id' });
  return { items: await withJobStatus(db, page.items), nextCursor: page.nextCursor };
}

/**
 * A short-lived link to the export or the erasure report (409 until the request is done). The link is
 * a bearer credential to personal data: handing it out is audited.
 */
export async function privacyDownload(db: Db, ctx: RequestContext, id: string) {
  const row = await requestRow(db, id);
  if (row.status !== 'succeeded' || !row.file_key || !row.file_name || !row.file_sha256)
    throw errors.conflict('The request has no file yet: it is not done.');
  const signed = await (
    await jobFileStore()
  ).downloadUrl(row.file_key, {
    fileName: row.file_name,
    contentType: 'application/json',
    expiresInSeconds: DOWNLOAD_TTL_SECONDS,
  });
  await inTransaction(db, (trx) =>
    writeAudit(trx, ctx, {
      action: 'compliance.privacy-report-downloaded',
      entityType: 'compliance.privacy-request',
      entityId: id,
      after: { file: row.file_name, sha256: row.file_sha256 },
    }),
  );
  return {
    url: signed.url,
    expiresAt: signed.expiresAt.toISOString(),
    name: row.file_name,
    size: Number(row.file_size ?? 0),
    sha256: row.file_sha256,
  };
}
