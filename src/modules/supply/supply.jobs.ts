import { z } from '@hono/zod-openapi';
import { defineJob } from '../../platform/jobs/job-registry.js';
import { defineSchedule } from '../../platform/jobs/work-registry.js';

/** Proposes draft purchase orders (grouped by supplier) for every reorder rule below its minimum. */
export const replenishmentJob = defineJob({
  type: 'supply.replenishment',
  payload: () => z.object({ warehouseId: z.string().uuid().optional() }),
  load: async () => (await import('./purchasing/replenishment.job.js')).runReplenishment,
});

/** The month-end valuation snapshot (valuations as of a date read from it). */
export const valuationSnapshotJob = defineJob({
  type: 'supply.valuation-snapshot',
  payload: () => z.object({}),
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
