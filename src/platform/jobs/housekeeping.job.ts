import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import type { JobsHousekeepingPayload } from './housekeeping.js';
import type { JobContext, JobOutcome } from './job-registry.js';
import { jobFileStore } from './job-files.js';

type Payload = JobsHousekeepingPayload;

export interface HousekeepingCounts {
  outbox: number;
  processedEvents: number;
  jobs: number;
  resultFiles: number;
  scheduleRuns: number;
}

const cutoff = (days: number) => sql<Date>`now() - make_interval(days => ${days})`;

/** Deletes `batch` rows at a time until none is left (each batch its own statement). */
async function inBatches(deleteBatch: () => Promise<number>, batch: number): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await deleteBatch();
    total += n;
    if (n < batch) return total;
  }
}

/** The result file a finished job left (`result.file.key`, as the exports write it), if any. */
function resultKey(result: unknown): string | null {
  const file = (result as { file?: { key?: unknown } } | null)?.file;
  return typeof file?.key === 'string' ? file.key : null;
}

/**
 * Finished jobs older than the retention, a batch at a time: their result files first (removing a
 * file twice is harmless), then the rows, in one transaction per batch with the rows locked so two
 * runs do not both take them.
 */
async function pruneJobs(db: Db, days: number, batch: number): Promise<{ jobs: number; files: number }> {
  const store = await jobFileStore();
  let files = 0;
  const jobs = await inBatches(
    () =>
      inTransaction(db, async (trx) => {
        const rows = await trx
          .selectFrom('platform.jobs')
          .select(['id', 'result'])
          .where('finished_at', 'is not', null)
          .where('finished_at', '<', cutoff(days))
          .where('status', 'in', ['succeeded', 'failed', 'cancelled'])
          .orderBy('finished_at')
          .limit(batch)
          .forUpdate()
          .skipLocked()
          .execute();
        for (const row of rows) {
          const key = resultKey(row.result);
          if (key) {
            await store.delete(key);
            files++;
          }
        }
        if (rows.length === 0) return 0;
        await trx
          .deleteFrom('platform.jobs')
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
        return rows.length;
      }),
    batch,
  );
  return { jobs, files };
}

/** Prunes everything older than its retention and reports how much (the job's result). */
export async function housekeep(db: Db, payload: Payload): Promise<HousekeepingCounts> {
  const { batch } = payload;
  const outbox = await inBatches(async () => {
    const r = await sql`delete from platform.outbox where id in (
        select id from platform.outbox where relayed_at is not null and relayed_at < ${cutoff(payload.outboxDays)}
         limit ${batch})`.execute(db);
    return Number(r.numAffectedRows ?? 0);
  }, batch);
  const processedEvents = await inBatches(async () => {
    const r = await sql`delete from platform.processed_events where (event_id, subscriber) in (
        select event_id, subscriber from platform.processed_events
         where processed_at < ${cutoff(payload.processedEventDays)} limit ${batch})`.execute(db);
    return Number(r.numAffectedRows ?? 0);
  }, batch);
  const scheduleRuns = await inBatches(async () => {
    const r = await sql`delete from platform.schedule_runs where (schedule, slot) in (
        select schedule, slot from platform.schedule_runs
         where created_at < ${cutoff(payload.scheduleRunDays)} limit ${batch})`.execute(db);
    return Number(r.numAffectedRows ?? 0);
  }, batch);
  const jobs = await pruneJobs(db, payload.jobDays, batch);
  return { outbox, processedEvents, jobs: jobs.jobs, resultFiles: jobs.files, scheduleRuns };
}

export async function runJobsHousekeeping(payload: Payload, ctx: JobContext): Promise<JobOutcome> {
  const counts = await housekeep(ctx.db, payload);
  return { result: { ...counts } };
}
