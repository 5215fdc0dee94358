import type { JobHandler } from '../../platform/jobs/job-registry.js';
import { advanceExecution } from './engine/engine.js';
import { automationTickRun } from './engine/triggers.js';

/**
 * The module's background code, loaded on first use by the job types and the subscriber its manifest
 * declares (the worker and the containerizedApi function carry it; the standardApi zip does not).
 */
export { onAnyEvent } from './engine/triggers.js';

export const runExecutionHandler: JobHandler<{ executionId: string }> = async (payload, ctx) =>
  (await advanceExecution(ctx.db, payload.executionId, ctx.remainingMs)) === 'continue' ? 'continue' : undefined;

export const automationTickHandler: JobHandler<Record<string, never>> = async (_payload, ctx) => {
  const { resumed, started, nextTick } = await automationTickRun(ctx.db);
  return { result: { resumed, started, nextTick: nextTick?.toISOString() ?? null } };
};
