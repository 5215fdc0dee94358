import { defineJob } from './job-registry.js';
import { defineSchedule } from './work-registry.js';

/**
 * How long the async-work tables keep what is done (days). The defaults are the schedule's payload
 * (`jobsHousekeepingSchedule`); a deployment that wants others changes them there.
 * - `outboxDays`: a relayed outbox row has done its work (its deliveries are jobs of their own).
 * - `processedEventDays`: the subscriber dedupe; longer than any redelivery (SQS keeps a message at
 *   most 14 days), so a late duplicate still finds its row.
 * - `jobDays`: finished jobs (succeeded, failed, cancelled) and their result files (exports'
 *   download links last minutes; the job list shows a month of history).
 * - `scheduleRunDays`: the once-per-slot rows of the schedules.
 */
export const HOUSEKEEPING_DEFAULTS = {
  outboxDays: 7,
  processedEventDays: 30,
  jobDays: 30,
  scheduleRunDays: 30,
} as const;

export type { JobsHousekeepingPayload } from './housekeeping.schemas.js';

/**
 * Prunes the async-work tables: relayed outbox rows, processed-event rows, finished jobs with their
 * result files, and schedule slots, each older than its retention. Idempotent: a run cut short (or a
 * slot fired twice) leaves nothing half done that the next run does not finish.
 */
export const jobsHousekeepingJob = defineJob({
  type: 'platform.jobs.housekeeping',
  // Imported with the first job (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
  payload: async () => (await import('./housekeeping.schemas.js')).jobsHousekeepingPayload(),
  maxAttempts: 3,
  backoffMs: 60_000,
  load: async () => (await import('./housekeeping.job.js')).runJobsHousekeeping,
});

/** Every night at 03:17 UTC. */
export const jobsHousekeepingSchedule = defineSchedule({
  name: 'platform.jobs.housekeeping',
  cron: '17 3 * * *',
  job: jobsHousekeepingJob,
  payload: {},
});
