import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { workRegistry } from '../app/jobs.js';
import { createRuntime, type Runtime } from '../app/runtime.js';
import { loadConfig } from '../platform/config/config.js';
import { relay } from '../platform/events/relay.js';
import { parseJobMessage } from '../platform/jobs/dispatch.js';
import { claimJob, runClaimedJob } from '../platform/jobs/job-runner.js';
import { fireSchedule } from '../platform/jobs/schedules.js';
import type { WorkRegistry } from '../platform/jobs/work-registry.js';
import { logger } from '../platform/observability/logger.js';

/** What EventBridge sends for a schedule (the stack's input transformer) and for the sweeper. */
export type ScheduleEvent = { kind: 'schedule'; schedule: string; time: string };
export type SweepEvent = { kind: 'sweep' };
export type WorkerEvent = SQSEvent | ScheduleEvent | SweepEvent;

/** A sweep relays only rows at least this old (a request's own relay takes the fresh ones). */
export const SWEEP_AFTER_MS = 60_000;
/** Time kept back from a job's share of the invocation, to record its outcome and relay. */
const RESERVE_MS = 10_000;

/**
 * `worker`: the job queue's consumer (SQS → container-image Lambda, up to 15 minutes), also invoked by
 * EventBridge for schedules and the sweeper. An SQS message names a job; the jobs table holds the
 * rest, and the worker runs it with the same claim-and-run code as the local worker
 * (`src/platform/jobs/job-runner.ts`). A job that ends `failed` has its message handed back as a
 * batch item failure, so after the queue's maxReceiveCount it lands in the dead-letter queue (and the
 * alarm). Retries and long jobs' next invocations are new messages (delayed by the backoff).
 */
export function createWorker(runtime: Pick<Runtime, 'getDb' | 'dispatcher'>, registry: WorkRegistry) {
  return async (event: WorkerEvent, context?: Context): Promise<SQSBatchResponse | { fired: boolean } | object> => {
    const remainingMs = () =>
      context ? Math.max(0, context.getRemainingTimeInMillis() - RESERVE_MS) : Number.POSITIVE_INFINITY;
    const relayAll = async (sweepAfterMs?: number) =>
      relay(await runtime.getDb(), {
        registry,
        dispatcher: runtime.dispatcher,
        ...(sweepAfterMs !== undefined ? { sweepAfterMs } : {}),
      });

    if (!('Records' in event)) {
      const db = await runtime.getDb();
      if (event.kind === 'schedule') {
        const at = new Date(event.time);
        if (Number.isNaN(at.getTime())) throw new Error(`schedule event with a bad time: ${event.time}`);
        const result = await fireSchedule(db, registry, event.schedule, at);
        await relayAll();
        logger.info('schedule fired', { schedule: event.schedule, time: event.time, ...result });
        return result;
      }
      if (event.kind !== 'sweep') throw new Error(`not a worker event: ${JSON.stringify(event).slice(0, 200)}`);
      const report = await relayAll(SWEEP_AFTER_MS);
      logger.info('sweep', { ...report });
      return report;
    }

    const failures: SQSBatchResponse['batchItemFailures'] = [];
    let relayNeeded = false;
    for (const record of event.Records) {
      const message = parseJobMessage(record.body);
      if ('error' in message) {
        logger.error('dropping a message that is not a job', { messageId: record.messageId, reason: message.error });
        continue;
      }
      try {
        // Due later than SQS could delay it: sent on with the rest of the delay, the database untouched.
        const wait = message.notBefore === undefined ? 0 : Date.parse(message.notBefore) - Date.now();
        if (wait > 1000 && runtime.dispatcher) {
          await runtime.dispatcher.dispatch([{ message, delaySeconds: Math.ceil(wait / 1000) }]);
          continue;
        }
        const db = await runtime.getDb();
        const job = await claimJob(db, { id: message.id, remainingMs: remainingMs() });
        if (!job) {
          // Not claimable: finished, running elsewhere, or not due yet (a retry's backoff longer than
          // SQS's 15-minute delay: send it again with the rest of the delay). A failed job's message
          // goes back, so that it ends in the dead-letter queue.
          const row = await db
            .selectFrom('platform.jobs')
            .select(['status', 'next_attempt_at'])
            .where('id', '=', message.id)
            .executeTakeFirst();
          if (row?.status === 'failed') failures.push({ itemIdentifier: record.messageId });
          else if (row?.status === 'queued') {
            await db.updateTable('platform.jobs').set({ dispatched_at: null }).where('id', '=', message.id).execute();
            relayNeeded = true;
          }
          continue;
        }
        relayNeeded = true;
        const outcome = await runClaimedJob(db, registry, job, remainingMs);
        if (outcome === 'failed') failures.push({ itemIdentifier: record.messageId });
      } catch (error) {
        logger.error('job message failed', { jobId: message.id, error: (error as Error).message });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    // Dispatch what the jobs left: their next invocations, retries, and events and jobs they wrote.
    if (relayNeeded)
      await relayAll().catch((error: unknown) =>
        logger.warn('relay deferred to the sweeper', { error: (error as Error).message }),
      );
    return { batchItemFailures: failures };
  };
}

export const handler = createWorker(createRuntime(loadConfig()), workRegistry);
