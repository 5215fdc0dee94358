import type { SubscriberHandler } from '../../platform/events/event-types.js';
import type { JobHandler } from '../../platform/jobs/job-registry.js';
import { advanceExecution } from './engine/engine.js';
import { automationHousekeeping } from './engine/retention.js';
import { onAnyEvent as triggerFlows, automationTickRun } from './engine/triggers.js';
import { deliverWebhook, enqueueWebhookDeliveries } from './webhooks/outbound.js';

/**
 * The module's background code, loaded on first use by the job types and the subscriber its manifest
 * declares (the worker and the containerizedApi function carry it; the standardApi zip does not).
 *
 * The catch-all subscriber: the flows the event triggers, and the outbound webhooks subscribed to it.
 */
export const onAnyEvent: SubscriberHandler = async (event, trx) => {
  await triggerFlows(event, trx);
  await enqueueWebhookDeliveries(trx, event);
};

export const deliverWebhookHandler: JobHandler<{ deliveryId: string }> = async (payload, ctx) => ({
  result: { outcome: await deliverWebhook(ctx.db, payload.deliveryId) },
});

export const runExecutionHandler: JobHandler<{ executionId: string }> = async (payload, ctx) =>
  (await advanceExecution(ctx.db, payload.executionId, ctx.remainingMs)) === 'continue' ? 'continue' : undefined;

export const automationTickHandler: JobHandler<Record<string, never>> = async (_payload, ctx) => {
  const { resumed, approvals, started, nextTick } = await automationTickRun(ctx.db);
  return { result: { resumed, approvals, started, nextTick: nextTick?.toISOString() ?? null } };
};

export const automationHousekeepingHandler: JobHandler<Record<string, never>> = async (_payload, ctx) => {
  const { deleted, nextTick } = await automationHousekeeping(ctx.db);
  return { result: { deleted, nextTick: nextTick?.toISOString() ?? null } };
};
