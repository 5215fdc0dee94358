import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import { writeAudit } from '../audit/audit-writer.js';
import { hasPermission } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, errors } from '../errors/app-error.js';
import { isValidKey, type FileStore } from '../files/file-store.js';
import type { RequestContext } from '../http/app-env.js';
import { paginate, type PageRequest } from '../http/pagination.js';
import type { JobsTable, JobStatus } from './async-work.tables.js';

export interface JobView {
  id: string;
  type: string;
  status: JobStatus;
  progress: number;
  progressMessage: string | null;
  attempts: number;
  maxAttempts: number;
  result: unknown;
  error: string | null;
  cancelRequested: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  nextAttemptAt: string | null;
  /** A short-lived link to the file a finished job made (its owner only), else null. */
  download: { url: string; expiresAt: string } | null;
}

/** How long a job's download link works. */
export const DOWNLOAD_TTL_SECONDS = 900;

/** A job result that carries a file in the file store (`{ file: { key, name, contentType }, … }`). */
const ResultFile = z.object({
  file: z.object({ key: z.string().refine(isValidKey), name: z.string().min(1).max(255), contentType: z.string() }),
});

type JobRow = Selectable<JobsTable>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toJobView(row: JobRow): JobView {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    progress: row.progress,
    progressMessage: row.progress_message,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    result: row.result,
    error: row.error,
    cancelRequested: row.cancel_requested_at !== null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    nextAttemptAt: row.status === 'queued' ? row.next_attempt_at.toISOString() : null,
    download: null,
  };
}

/**
 * The view with a download link when the job succeeded with a file in its result and the actor is
 * the job's owner (a link is a bearer credential: nobody else gets one, not even with jobs:read-all).
 */
async function withDownload(
  row: JobRow,
  ctx: RequestContext,
  getFileStore: (() => Promise<FileStore>) | undefined,
): Promise<JobView> {
  const view = toJobView(row);
  if (!getFileStore || row.status !== 'succeeded' || !ctx.actor || row.created_by !== ctx.actor.userId) return view;
  const parsed = ResultFile.safeParse(row.result);
  if (!parsed.success) return view;
  const { key, name, contentType } = parsed.data.file;
  const signed = await (
    await getFileStore()
  ).downloadUrl(key, { fileName: name, contentType, expiresInSeconds: DOWNLOAD_TTL_SECONDS });
  return { ...view, download: { url: signed.url, expiresAt: signed.expiresAt.toISOString() } };
}

/** The job, if the actor may see it: their own, or anyone's with `jobs:read-all` (else "not found"). */
async function visibleJob(db: Db, ctx: RequestContext, id: string, lock = false): Promise<JobRow> {
  let q = db.selectFrom('platform.jobs').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  const actor = ctx.actor;
  if (!row || !actor || (row.created_by !== actor.userId && !hasPermission(actor, 'jobs:read-all')))
    throw errors.notFound('Job', id);
  return row;
}

export async function getJob(
  db: Db,
  ctx: RequestContext,
  id: string,
  getFileStore?: () => Promise<FileStore>,
): Promise<JobView> {
  return withDownload(await visibleJob(db, ctx, id), ctx, getFileStore);
}

export interface JobListQuery extends PageRequest {
  scope: 'mine' | 'all';
  status?: JobStatus | undefined;
  type?: string | undefined;
}

export async function listJobs(
  db: Db,
  ctx: RequestContext,
  query: JobListQuery,
  getFileStore?: () => Promise<FileStore>,
) {
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  if (query.scope === 'all' && !hasPermission(actor, 'jobs:read-all')) throw errors.forbidden('jobs:read-all');
  // The page cursor reads the sort key from the row: select it under its public name.
  let q = db.selectFrom('platform.jobs').selectAll().select('created_at as createdAt');
  if (query.scope === 'mine') q = q.where('created_by', '=', actor.userId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.type) q = q.where('type', '=', query.type);
  const page = await paginate(q, query, { sort: { createdAt: 'created_at' }, id: 'id', idKey: 'id' });
  return {
    nextCursor: page.nextCursor,
    items: await Promise.all(page.items.map((row) => withDownload(row, ctx, getFileStore))),
  };
}

/**
 * Cancels a job: a queued one at once; a running one at its next checkpoint (its handler sees
 * `isCancelled()`, and `checkpoint.save` stops it). Your own jobs, or anyone's with `jobs:cancel-all`.
 */
export async function cancelJob(db: Db, ctx: RequestContext, id: string): Promise<JobView> {
  return inTransaction(db, async (trx) => {
    const row = await visibleJob(trx, ctx, id, true);
    const actor = ctx.actor!;
    if (row.created_by !== actor.userId && !hasPermission(actor, 'jobs:cancel-all'))
      throw errors.forbidden('jobs:cancel-all');
    if (row.status === 'succeeded' || row.status === 'failed' || row.status === 'cancelled')
      throw new AppError('job-finished', 409, 'Job finished', {
        detail: `The job has already ${row.status === 'cancelled' ? 'been cancelled' : row.status}; there is nothing to cancel.`,
        extensions: { status: row.status },
      });
    const updated = await trx
      .updateTable('platform.jobs')
      .set(
        row.status === 'queued'
          ? {
              status: 'cancelled',
              cancel_requested_at: sql<Date>`now()`,
              finished_at: sql<Date>`now()`,
              updated_at: sql<Date>`now()`,
            }
          : { cancel_requested_at: sql<Date>`coalesce(cancel_requested_at, now())`, updated_at: sql<Date>`now()` },
      )
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'job.cancelled',
      entityType: 'platform.job',
      entityId: id,
      before: { status: row.status },
      after: { status: updated.status, cancelRequested: true },
    });
    return toJobView(updated);
  });
}
