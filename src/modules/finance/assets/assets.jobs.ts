import { defineJob } from '../../../platform/jobs/job-registry.js';
import { defineSchedule } from '../../../platform/jobs/work-registry.js';

/** Posts the fixed assets' depreciation due through a month (default: last month). */
export const assetDepreciationJob = defineJob({
  type: 'finance.asset-depreciation',
  // Imported with the first job (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
  payload: async () => (await import('./assets.jobs.schemas.js')).assetDepreciationPayload(),
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
