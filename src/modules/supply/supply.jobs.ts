import { defineJob } from '../../platform/jobs/job-registry.js';
import { defineSchedule } from '../../platform/jobs/work-registry.js';

// The payload schemas are imported with the first job (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
const schemas = async () => await import('./supply.jobs.schemas.js');

/** Proposes draft purchase orders (grouped by supplier) for every reorder rule below its minimum. */
export const replenishmentJob = defineJob({
  type: 'supply.replenishment',
  payload: async () => (await schemas()).replenishmentPayload(),
  load: async () => (await import('./purchasing/replenishment.job.js')).runReplenishment,
});

/** The month-end valuation snapshot (valuations as of a date read from it). */
export const valuationSnapshotJob = defineJob({
  type: 'supply.valuation-snapshot',
  payload: async () => (await schemas()).valuationSnapshotPayload(),
  load: async () => (await import('./stock/snapshots.job.js')).runValuationSnapshot,
});

export const supplyJobs = [replenishmentJob, valuationSnapshotJob];
/**
 * Replenishment every night at 03:15 UTC; the month-end valuation snapshot on the 1st at 03:15 UTC —
 * in the platform's nightly window (housekeeping 03:17, upload sweep 03:19), so a database that pauses
 * when idle wakes once a night for all of them.
 */
export const supplySchedules = [
  defineSchedule({ name: 'supply.nightly-replenishment', cron: '15 3 * * *', job: replenishmentJob, payload: {} }),
  defineSchedule({ name: 'supply.month-end-valuation', cron: '15 3 1 * *', job: valuationSnapshotJob, payload: {} }),
];
