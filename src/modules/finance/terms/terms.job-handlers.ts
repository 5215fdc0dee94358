import type { JobHandler } from '../../../platform/jobs/job-registry.js';
import { proposeReminders } from './dunning.service.js';
import { runRecurring } from './recurring.service.js';

/** The daily reminder proposals (no person: audited without an actor, sent as the system). */
export const runProposeReminders: JobHandler<{ date?: string | undefined }> = async (payload, ctx) => {
  const result = await proposeReminders(ctx.db, { actor: null, requestId: `job:${ctx.jobId}` }, payload.date);
  return { result };
};

/** The daily run of recurring invoices and bills. */
export const runRecurringDocuments: JobHandler<{ date?: string | undefined }> = async (payload, ctx) => {
  const result = await runRecurring(ctx.db, { actor: null, requestId: `job:${ctx.jobId}` }, payload.date);
  return { result };
};
