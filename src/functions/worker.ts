import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { jobRegistry } from '../app/jobs.js';
import { createRuntime, type Runtime } from '../app/runtime.js';
import { loadConfig } from '../platform/config/config.js';
import type { JobRegistry } from '../platform/jobs/job-registry.js';
import { parseJobMessage } from '../platform/jobs/job-registry.js';
import { logger } from '../platform/observability/logger.js';

/**
 * `worker`: consumes the job queue (SQS → container-image Lambda, up to 15 minutes). Each record is
 * one job; a failed job is reported back as a batch item failure, so only it is retried (and after
 * the queue's maxReceiveCount it lands in the dead-letter queue). A message that can never succeed
 * (not a job, unknown type) is logged and dropped rather than retried.
 */
export function createWorker(runtime: Pick<Runtime, 'getDb'>, registry: JobRegistry) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const message = parseJobMessage(record.body);
      if ('error' in message) {
        logger.error('dropping a message that is not a job', { messageId: record.messageId, reason: message.error });
        continue;
      }
      const handler = registry.get(message.type);
      if (!handler) {
        logger.error('dropping a job of an unknown type', { messageId: record.messageId, type: message.type });
        continue;
      }
      try {
        await handler(message.payload, {
          db: await runtime.getDb(),
          remainingMs: () => context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY,
        });
        logger.info('job done', { jobId: message.id, type: message.type });
      } catch (error) {
        logger.error('job failed', { jobId: message.id, type: message.type, error: (error as Error).message });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  };
}

export const handler = createWorker(createRuntime(loadConfig()), jobRegistry);
