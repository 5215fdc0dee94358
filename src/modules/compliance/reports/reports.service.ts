import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import { digest, FileNotFoundError, type FileStore } from '../../../platform/files/file-store.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { reportJob } from '../compliance.module.js';
import type { ReportFormat, ReportKind, ReportsTable } from '../compliance.tables.js';
import { reportSubject } from './report.data.js';
import { TEMPLATE_VERSIONS } from './report.document.js';
import type { CreateReportBody, ReportListQuery } from './reports.schemas.js';

type ReportRow = Selectable<ReportsTable>;
interface JobState {
  status: string;
  progress: number;
  progress_message: string | null;
  error: string | null;
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const ENTITY = 'compliance.report';

/** `soa-nist-csf-2.0-2026-12-08.pdf`: what, of which framework version, when asked. */
function fileName(kind: ReportKind, key: string, version: string, format: ReportFormat, at: Date) {
  const safe = `${kind}-${key}-${version}`.replace(/[^A-Za-z0-9.-]+/g, '-').slice(0, 100);
  return `${safe}-${at.toISOString().slice(0, 10)}.${format}`;
}

/**
 * The report as the API shows it. While it waits or runs, its job gives the progress; a job that failed
 * for good (or was cancelled) makes the report failed with the job's error. Once finished, the row alone
 * answers (jobs are pruned after a month; the report and its file stay).
 */
function toDto(r: ReportRow, job: JobState | undefined) {
  const finished = r.status === 'succeeded' || r.status === 'failed';
  const jobFailed = !finished && job !== undefined && (job.status === 'failed' || job.status === 'cancelled');
  return {
    id: r.id,
    kind: r.kind,
    format: r.format,
    frameworkId: r.framework_id,
    assessmentId: r.assessment_id,
    parameters: r.parameters,
    templateVersion: r.template_version,
    status: jobFailed ? ('failed' as const) : r.status,
    progress: r.status === 'succeeded' ? 100 : (job?.progress ?? 0),
    progressMessage: finished ? null : (job?.progress_message ?? null),
    error: r.error ?? (jobFailed ? (job.error ?? `The job was ${job.status}.`) : null),
    jobId: r.job_id,
    asOf: r.as_of?.toISOString() ?? null,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size === null ? null : Number(r.size),
    sha256: r.sha256,
    requestedBy: r.requested_by,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

async function jobStates(db: Db, rows: readonly ReportRow[]) {
  const ids = rows.map((r) => r.job_id).filter((id): id is string => id !== null);
  if (ids.length === 0) return new Map<string, JobState>();
  const jobs = await db
    .selectFrom('platform.jobs')
    .select(['id', 'status', 'progress', 'progress_message', 'error'])
    .where('id', 'in', ids)
    .execute();
  return new Map<string, JobState>(jobs.map((j) => [j.id, j]));
}

async function reportRow(db: Db, id: string): Promise<ReportRow> {
  const row = await db.selectFrom('compliance.reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('Report', id);
  return row;
}

export async function getReport(db: Db, id: string) {
  const row = await reportRow(db, id);
  return toDto(row, (await jobStates(db, [row])).get(row.job_id ?? ''));
}

export async function listReports(db: Db, filter: z.output<typeof ReportListQuery>) {
  let q = db.selectFrom('compliance.reports as r').selectAll('r');
  if (filter.kind) q = q.where('r.kind', '=', filter.kind);
  if (filter.frameworkId) q = q.where('r.framework_id', '=', filter.frameworkId);
  const page = await paginate(q, filter, { sort: { createdAt: 'r.created_at' }, id: 'r.id', idKey: 'id' });
  const jobs = await jobStates(db, page.items);
  return { items: page.items.map((r) => toDto(r, jobs.get(r.job_id ?? ''))), nextCursor: page.nextCursor };
}

/**
 * Records the request and queues its job in one transaction (202). The assessment is resolved now
 * (the one named, or the framework version's latest), so the file reads the one the requester saw.
 */
export async function requestReport(db: Db, ctx: RequestContext, input: z.output<typeof CreateReportBody>) {
  return inTransaction(db, async (trx) => {
    const requested = input.assessmentId ?? null;
    const { framework, assessment } = await reportSubject(trx, input.frameworkId, requested);
    const now = new Date();
    const row = await trx
      .insertInto('compliance.reports')
      .values({
        kind: input.kind,
        format: input.format,
        framework_id: framework.id,
        assessment_id: assessment?.id ?? null,
        parameters: JSON.stringify({
          kind: input.kind,
          format: input.format,
          frameworkId: framework.id,
          framework: `${framework.key} ${framework.version}`,
          assessmentId: requested,
          resolvedAssessmentId: assessment?.id ?? null,
        }),
        template_version: TEMPLATE_VERSIONS[input.kind],
        error: null,
        job_id: null,
        as_of: null,
        file_key: null,
        file_name: fileName(input.kind, framework.key, framework.version, input.format, now),
        content_type: CONTENT_TYPES[input.format],
        sha256: null,
        requested_by: ctx.actor?.userId ?? null,
        finished_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const job = await enqueueJob(trx, {
      type: reportJob,
      payload: { reportId: row.id },
      createdBy: ctx.actor?.userId ?? null,
    });
    const saved = await trx
      .updateTable('compliance.reports')
      .set({ job_id: job.id })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'compliance.report-requested',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...saved.parameters, templateVersion: saved.template_version, jobId: job.id },
    });
    return toDto(saved, { status: 'queued', progress: 0, progress_message: null, error: null });
  });
}

function ready(row: ReportRow): asserts row is ReportRow & { file_key: string; sha256: string; as_of: Date } {
  if (row.status !== 'succeeded' || !row.file_key || !row.sha256 || !row.as_of)
    throw errors.conflict(`The report is ${row.status === 'failed' ? 'failed' : 'not ready yet'}: there is no file.`);
}

/** A short-lived URL to the stored file (anyone with compliance:read may fetch a report). */
export async function downloadReport(db: Db, store: FileStore, id: string, expiresInSeconds: number) {
  const row = await reportRow(db, id);
  ready(row);
  const signed = await store.downloadUrl(row.file_key, {
    fileName: row.file_name,
    contentType: row.content_type,
    expiresInSeconds,
  });
  return {
    report: toDto(row, undefined),
    download: {
      method: 'GET' as const,
      url: signed.url,
      headers: signed.headers,
      expiresAt: signed.expiresAt.toISOString(),
    },
  };
}

/**
 * Re-hashes the stored bytes and compares them with the SHA-256 and size recorded when the file was
 * written: a changed, truncated or missing file is `valid: false`. Audited (who checked, and the outcome).
 */
export async function verifyReport(db: Db, ctx: RequestContext, store: FileStore, id: string) {
  const row = await reportRow(db, id);
  ready(row);
  let recomputed: { size: number; sha256: string } | null = null;
  try {
    const { size, sha256 } = await digest(await store.read(row.file_key), 0);
    recomputed = { size, sha256 };
  } catch (error) {
    if (!(error instanceof FileNotFoundError)) throw error;
  }
  const size = Number(row.size);
  const valid = recomputed !== null && recomputed.sha256 === row.sha256 && recomputed.size === size;
  const checkedAt = new Date();
  await inTransaction(db, (trx) =>
    writeAudit(trx, ctx, {
      action: 'compliance.report-verified',
      entityType: ENTITY,
      entityId: row.id,
      after: { valid, sha256: row.sha256, recomputedSha256: recomputed?.sha256 ?? null },
    }),
  );
  return {
    reportId: row.id,
    valid,
    sha256: row.sha256,
    recomputedSha256: recomputed?.sha256 ?? null,
    size,
    recomputedSize: recomputed?.size ?? null,
    templateVersion: row.template_version,
    asOf: row.as_of.toISOString(),
    checkedAt: checkedAt.toISOString(),
  };
}
