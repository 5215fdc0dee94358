import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Db } from '../platform/db/database.js';
import { JobRegistry } from '../platform/jobs/job-registry.js';
import { createWorker } from './worker.js';

function record(messageId: string, body: unknown): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1795608000000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1795608000001',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:moms-jobs',
    awsRegion: 'eu-west-1',
  };
}

describe('the worker', () => {
  it('runs each job by type and reports only the failed ones for retry', async () => {
    const ran: unknown[] = [];
    const registry = new JobRegistry()
      .register('test.ok', async (payload) => {
        ran.push(payload);
      })
      .register('test.fail', async () => {
        throw new Error('disk full');
      });
    const worker = createWorker({ getDb: async () => ({}) as Db }, registry);
    const event: SQSEvent = {
      Records: [
        record('m1', { type: 'test.ok', id: 'j1', payload: { n: 1 } }),
        record('m2', { type: 'test.fail', id: 'j2', payload: null }),
        record('m3', 'not json'),
        record('m4', { type: 'test.unknown', id: 'j4', payload: null }),
        record('m5', { type: 'test.ok', id: 'j5', payload: { n: 5 } }),
      ],
    };
    const result = await worker(event);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(ran).toEqual([{ n: 1 }, { n: 5 }]);
  });

  it('refuses to register a job type twice', () => {
    const registry = new JobRegistry().register('a.b', async () => undefined);
    expect(() => registry.register('a.b', async () => undefined)).toThrow(/twice/);
  });
});
