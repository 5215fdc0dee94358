import { today } from '../../../platform/dates.js';
import type { JobHandler } from '../../../platform/jobs/job-registry.js';
import { keyResultsToEvaluate } from './snapshots.repository.js';
import { evaluateKeyResult } from './evaluation.service.js';

/**
 * The nightly evaluation: a snapshot of every metric-bound key result of the open cycles that have
 * started, each in its own transaction (one that fails, e.g. a metric no longer installed, does not
 * stop the others, and is listed in the job's result: a retry would snapshot the others twice).
 */
export const runEvaluateKeyResults: JobHandler = async (_payload, ctx) => {
  const ids = await keyResultsToEvaluate(ctx.db, today());
  const failed: string[] = [];
  for (const [i, { id }] of ids.entries()) {
    try {
      await evaluateKeyResult(ctx.db, { actor: null, requestId: `job:${ctx.jobId}` }, id, 'schedule');
    } catch {
      failed.push(id);
    }
    if (i % 20 === 19) await ctx.progress(Math.round(((i + 1) * 100) / ids.length), `${i + 1} of ${ids.length}`);
  }
  return { result: { evaluated: ids.length - failed.length, failed } };
};
