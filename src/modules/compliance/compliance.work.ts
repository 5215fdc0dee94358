import type { JobHandler } from '../../platform/jobs/job-registry.js';
import type { CollectorKey } from './compliance.module.js';
import { runCollectors } from './evidence/collector-runs.service.js';

/**
 * The module's background code, loaded on first use by the job type its manifest declares (the worker
 * and the containerizedApi function carry it; the standardApi zip does not).
 */
export const collectEvidenceHandler: JobHandler<{ collectors?: CollectorKey[] }> = async (payload, ctx) => {
  const runs = await runCollectors(ctx.db, payload.collectors, { jobId: ctx.jobId });
  return {
    result: { runs: runs.map((r) => ({ id: r.id, collector: r.collector, status: r.status, sha256: r.sha256 })) },
  };
};

/** Completing a finding's remediation task in Projects closes the finding. */
export { closeFindingOnTaskCompleted } from './assessments/findings.service.js';
