import { z } from '@hono/zod-openapi';
import { defineJob } from '../../platform/jobs/job-registry.js';
import { defineSchedule } from '../../platform/jobs/work-registry.js';

/** Evaluates every metric-bound key result of the open cycles that have started (a snapshot each). */
export const evaluateKeyResultsJob = defineJob({
  type: 'strategy.evaluate-key-results',
  payload: z.object({}),
  load: async () => (await import('./evaluation/evaluate.job.js')).runEvaluateKeyResults,
});

export const strategyJobs = [evaluateKeyResultsJob];
/** Every night at 03:16 UTC, in the platform's nightly window (supply 03:15, housekeeping 03:17, uploads 03:19). */
export const strategySchedules = [
  defineSchedule({
    name: 'strategy.nightly-evaluation',
    cron: '16 3 * * *',
    job: evaluateKeyResultsJob,
    payload: {},
  }),
];
