import type { JobHandler } from '../../../platform/jobs/job-registry.js';
import { replenish } from './replenishment.service.js';

/** The nightly replenishment: draft purchase orders for every rule below its minimum. */
export const runReplenishment: JobHandler<{ warehouseId?: string | undefined }> = async (payload, ctx) => {
  const result = await replenish(ctx.db, { actor: null, requestId: `job:${ctx.jobId}` }, payload.warehouseId);
  return { result: { orders: result.orders.map((o) => o.number), skipped: result.skipped.length } };
};
