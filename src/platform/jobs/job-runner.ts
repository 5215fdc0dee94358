import { randomUUID } from 'node:crypto';
import { sql, type Selectable, type UpdateObject } from 'kysely';
import type { Database, Db, Tx } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { notify } from '../notifications/notify.js';
import { logger } from '../observability/logger.js';
import { countBusinessEvent } from '../observability/metrics.js';
import type { JobsTable } from './async-work.tables.js';
import { JobCancelledError, JobLeaseLostError, type JobContext, type JsonValue } from './job-registry.js';
import type { WorkRegistry } from './work-registry.js';

/** A claimed job: the row as the claim left it (status `running`, with this worker's lease). */
export interface ClaimedJob {
  id: string;
  type: string;
  payload: JsonValue;
  attempts: number;
  maxAttempts: number;
  checkpoint: JsonValue | null;
  createdBy: string | null;
  leaseToken: string;
  /** It was `running` under another worker whose lease expired (a crash or a timeout). */
  takenOver: boolean;
}

/** How a run ended, for the SQS handler (which acknowledges, or hands the message back). */
export type RunOutcome = 'succeeded' | 'continue' | 'retry' | 'failed' | 'cancelled' | 'lease-lost';

/** Time a worker keeps a job after its invocation would end, before another worker may take it. */
export const LEASE_MARGIN_MS = 60_000;
/** The lease when the invocation has no end (a plain process): renewed at every checkpoint and progress. */
const OPEN_ENDED_LEASE_MS = 15 * 60_000;
const MAX_BACKOFF_MS = 3_600_000;
const MAX_ERROR_LENGTH = 4000;

function leaseSeconds(remainingMs: number): number {
  const ms = Number.isFinite(remainingMs) ? Math.max(0, remainingMs) + LEASE_MARGIN_MS : OPEN_ENDED_LEASE_MS;
  return Math.ceil(ms / 1000);
}

/**
 * Claims one job: the given one, or the next due. A job is claimable when it is queued and due, or
 * running under a lease that expired (its worker was killed: the new run resumes from the last
 * checkpoint). `FOR UPDATE SKIP LOCKED` in the sub-select makes concurrent claimers on PostgreSQL
 * take different jobs, and the re-check of the locked row makes a job claimed once.
 */
export async function claimJob(db: Db, options: { id?: string; remainingMs: number }): Promise<ClaimedJob | undefined> {
  const token = randomUUID();
  const { rows } = await sql<Selectable<JobsTable> & { was_running: boolean }>`
    update platform.jobs j
       set status = 'running',
           lease_token = ${token},
           lease_expires_at = now() + make_interval(secs => ${leaseSeconds(options.remainingMs)}),
           attempts = j.attempts + 1,
           invocations = j.invocations + 1,
           started_at = coalesce(j.started_at, now()),
           updated_at = now()
      from (select id, status = 'running' as was_running
              from platform.jobs
             where ((status = 'queued' and next_attempt_at <= now())
                 or (status = 'running' and lease_expires_at < now()))
               ${options.id === undefined ? sql`` : sql`and id = ${options.id}`}
             order by next_attempt_at
             limit 1
               for update skip locked) c
     where j.id = c.id
    returning j.*, c.was_running`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    type: row.type,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    checkpoint: row.checkpoint,
    createdBy: row.created_by,
    leaseToken: token,
    takenOver: row.was_running,
  };
}

function held(db: Db | Tx, job: ClaimedJob) {
  return db
    .updateTable('platform.jobs')
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('lease_token', '=', job.leaseToken);
}

/** Ends a held job (an update conditioned on this worker's lease; false when the lease was lost). */
async function finish(db: Db, job: ClaimedJob, values: UpdateObject<Database, 'platform.jobs'>) {
  const result = await held(db, job)
    .set({ lease_token: null, lease_expires_at: null, updated_at: sql<Date>`now()`, ...values })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Records a job's end and, for a job type that tells its owner (`notifyOwner`), the owner's in-app
 * notification — in one transaction, so the notification exists exactly when the end was recorded.
 */
async function finishAndTell(
  db: Db,
  job: ClaimedJob,
  values: UpdateObject<Database, 'platform.jobs'> & { status: 'succeeded' | 'failed' },
  label: string | undefined,
): Promise<boolean> {
  if (!label || !job.createdBy) return finish(db, job, values);
  const owner = job.createdBy;
  return inTransaction(db, async (trx) => {
    if (!(await finish(trx, job, values))) return false;
    await notify(trx, [owner], {
      kind: values.status === 'succeeded' ? 'jobs.succeeded' : 'jobs.failed',
      title: values.status === 'succeeded' ? `${label} finished` : `${label} failed`,
      body:
        values.status === 'succeeded'
          ? 'Its file is ready under Jobs in the top bar.'
          : typeof values.error === 'string'
            ? values.error
            : undefined,
      dedupeKey: `jobs:${job.id}:${values.status}`,
    });
    return true;
  });
}

export function backoffMs(base: number, attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempt - 1));
}

/**
 * Runs a claimed job's handler and records how it ended: succeeded (with its result), `'continue'`
 * (queued again at once, resuming from its checkpoint; the failed-try count starts again), a failure
 * (queued again after an exponential backoff, or `failed` with its error after `maxAttempts` tries),
 * or cancelled (at a checkpoint, or when it asks to continue after a cancel request).
 */
export async function runClaimedJob(
  db: Db,
  registry: WorkRegistry,
  job: ClaimedJob,
  remainingMs: () => number,
): Promise<RunOutcome> {
  const at = { jobId: job.id, jobType: job.type };
  const log = {
    info: (message: string, extra: Record<string, unknown>) => logger.info(message, { ...at, ...extra }),
    warn: (message: string, extra: Record<string, unknown>) => logger.warn(message, { ...at, ...extra }),
    error: (message: string, extra: Record<string, unknown>) => logger.error(message, { ...at, ...extra }),
  };
  const label = registry.jobs.get(job.type)?.notifyOwner;
  const fail = async (message: string): Promise<RunOutcome> => {
    const ok = await finishAndTell(
      db,
      job,
      { status: 'failed', error: message.slice(0, MAX_ERROR_LENGTH), finished_at: sql<Date>`now()` },
      label,
    );
    if (!ok) return 'lease-lost';
    log.error('job failed', { error: message, attempts: job.attempts });
    countBusinessEvent('JobsFailed');
    return 'failed';
  };
  if (job.takenOver && job.attempts > job.maxAttempts)
    return fail(`The worker stopped during this job ${job.attempts - 1} times (a crash or a timeout).`);
  const definition = registry.jobs.get(job.type);
  if (!definition) return fail(`No module of this installation runs jobs of type ${job.type}.`);
  const parsed = (await definition.payload()).safeParse(job.payload);
  if (!parsed.success)
    return fail(
      `The payload is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ')}`,
    );

  let checkpoint: JsonValue | undefined = job.checkpoint ?? undefined;
  const renew = () => sql<Date>`now() + make_interval(secs => ${leaseSeconds(remainingMs())})`;
  const ctx: JobContext = {
    jobId: job.id,
    type: job.type,
    attempt: job.attempts,
    createdBy: job.createdBy,
    db,
    remainingMs,
    checkpoint: {
      load: async () => checkpoint,
      save: async (value, options) => {
        const row = await held(options?.trx ?? db, job)
          .set({ checkpoint: JSON.stringify(value), lease_expires_at: renew(), updated_at: sql<Date>`now()` })
          .returning('cancel_requested_at')
          .executeTakeFirst();
        if (!row) throw new JobLeaseLostError(job.id);
        if (row.cancel_requested_at) throw new JobCancelledError();
        checkpoint = value;
      },
    },
    progress: async (percent, message) => {
      const row = await held(db, job)
        .set({
          progress: Math.max(0, Math.min(100, Math.round(percent))),
          progress_message: message?.slice(0, 500) ?? null,
          lease_expires_at: renew(),
          updated_at: sql<Date>`now()`,
        })
        .returning('id')
        .executeTakeFirst();
      if (!row) throw new JobLeaseLostError(job.id);
    },
    isCancelled: async () => {
      const row = await db
        .selectFrom('platform.jobs')
        .select('cancel_requested_at')
        .where('id', '=', job.id)
        .executeTakeFirst();
      return Boolean(row?.cancel_requested_at);
    },
  };

  try {
    const handler = await registry.jobs.handler(job.type);
    if (!handler) return fail(`No module of this installation runs jobs of type ${job.type}.`);
    const outcome = await handler(parsed.data, ctx);
    if (outcome === 'continue') {
      if (await ctx.isCancelled()) {
        await finish(db, job, { status: 'cancelled', finished_at: sql<Date>`now()` });
        return 'cancelled';
      }
      const ok = await finish(db, job, {
        status: 'queued',
        attempts: 0,
        next_attempt_at: sql<Date>`now()`,
        dispatched_at: null,
      });
      return ok ? 'continue' : 'lease-lost';
    }
    const ok = await finishAndTell(
      db,
      job,
      {
        status: 'succeeded',
        progress: 100,
        result: outcome ? JSON.stringify(outcome.result) : null,
        error: null,
        finished_at: sql<Date>`now()`,
      },
      label,
    );
    if (ok) {
      log.info('job succeeded', { invocations: job.attempts });
      countBusinessEvent('JobsSucceeded');
    }
    return ok ? 'succeeded' : 'lease-lost';
  } catch (error) {
    if (error instanceof JobLeaseLostError) {
      log.warn('job taken over by another worker', {});
      return 'lease-lost';
    }
    if (error instanceof JobCancelledError) {
      return (await finish(db, job, { status: 'cancelled', finished_at: sql<Date>`now()` }))
        ? 'cancelled'
        : 'lease-lost';
    }
    const message = error instanceof Error ? error.message : String(error);
    if (job.attempts >= job.maxAttempts) return fail(message);
    const delay = backoffMs(definition.backoffMs, job.attempts);
    const ok = await finish(db, job, {
      status: 'queued',
      error: message.slice(0, MAX_ERROR_LENGTH),
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${delay / 1000})`,
      dispatched_at: null,
    });
    // Another worker holds it now (this one's lease expired): whatever failed here is its business.
    if (!ok) return 'lease-lost';
    log.warn('job failed; retrying', { error: message, attempt: job.attempts, retryInMs: delay });
    return 'retry';
  }
}
