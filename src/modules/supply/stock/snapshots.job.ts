import type { JobHandler } from '../../../platform/jobs/job-registry.js';
import { snapshotPreviousMonth } from './reports.service.js';

/** Snapshots the valuation at the last day of the previous month (once). */
export const runValuationSnapshot: JobHandler<Record<string, never>> = async (_payload, ctx) => {
  const asOf = await snapshotPreviousMonth(ctx.db, { actor: null, requestId: `job:${ctx.jobId}` });
  return { result: { asOf } };
};
