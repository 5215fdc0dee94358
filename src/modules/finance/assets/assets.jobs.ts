import { z } from '@hono/zod-openapi';
import { defineJob } from '../../../platform/jobs/job-registry.js';
import { defineSchedule } from '../../../platform/jobs/work-registry.js';

/** Posts the fixed assets' depreciation due through a month (default: last month). */
export const assetDepreciationJob = defineJob({
  type: 'finance.asset-depreciation',
  payload: () =>
    z.object({
      through: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
        .optional(),
    }),
  load: async () => (await import('./assets.job-handlers.js')).runAssetDepreciation,
});

export const assetJobs = [assetDepreciationJob];
/**
 * Monthly, on the 1st at 02:20 UTC: last month's depreciation. The slot runs once; the job is
 * idempotent on its own as well (one posting per asset and month).
 */
export const assetSchedules = [
  defineSchedule({ name: 'finance.monthly-depreciation', cron: '20 2 1 * *', job: assetDepreciationJob, payload: {} }),
];
