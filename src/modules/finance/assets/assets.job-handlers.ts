import type { JobHandler } from '../../../platform/jobs/job-registry.js';
import { runDepreciation } from './assets.service.js';

/** The monthly depreciation run (no person: audited without an actor). */
export const runAssetDepreciation: JobHandler<{ through?: string | undefined }> = async (payload, ctx) => {
  const result = await runDepreciation(ctx.db, { actor: null, requestId: `job:${ctx.jobId}` }, payload.through);
  return { result };
};
