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

/** Renders a report into the file store (pdf-lib and exceljs load with it, on the first report). */
export const generateReportHandler: JobHandler<{ reportId: string }> = async (payload, ctx) =>
  (await import('./reports/report.job.js')).runReport(payload, ctx);

/** Completing a finding's remediation task in Projects closes the finding. */
export { closeFindingOnTaskCompleted } from './assessments/findings.service.js';

/** Privacy requests: an export or an erasure about one person, through every module's `privacy` hooks. */
export { runPrivacyRequest } from './privacy/privacy.job.js';
