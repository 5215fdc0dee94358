import { defineJob } from '../../platform/jobs/job-registry.js';
import { defineSchedule } from '../../platform/jobs/work-registry.js';

// The payload schemas are imported with the first job (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
const schemas = async () => await import('./strategy.jobs.schemas.js');

/** Evaluates every metric-bound key result of the open cycles that have started (a snapshot each). */
export const evaluateKeyResultsJob = defineJob({
  type: 'strategy.evaluate-key-results',
  payload: async () => (await schemas()).evaluateKeyResultsPayload(),
  load: async () => (await import('./evaluation/evaluate.job.js')).runEvaluateKeyResults,
});

/** Reminds the owners of key results whose check-in is due (in the app and by mail), once per key result and week. */
export const checkInRemindersJob = defineJob({
  type: 'strategy.check-in-reminders',
  payload: async () => (await schemas()).checkInRemindersPayload(),
  load: async () => (await import('./reminders/reminders.job.js')).runCheckInReminders,
});

export const strategyJobs = [evaluateKeyResultsJob, checkInRemindersJob];
export const strategySchedules = [
  /** Every night at 03:16 UTC, in the platform's nightly window (supply 03:15, housekeeping 03:17, uploads 03:19). */
  defineSchedule({
    name: 'strategy.nightly-evaluation',
    cron: '16 3 * * *',
    job: evaluateKeyResultsJob,
    payload: {},
  }),
  /** Mondays at 08:00 UTC: the week's check-ins due. */
  defineSchedule({
    name: 'strategy.check-in-reminders',
    cron: '0 8 * * 1',
    job: checkInRemindersJob,
    payload: {},
  }),
];
