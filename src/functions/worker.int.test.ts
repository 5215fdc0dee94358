import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestDatabase } from '../../test/harness/test-db.js';
import type { DatabaseHandle } from '../platform/db/create-database.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Dispatcher, JobMessage } from '../platform/jobs/dispatch.js';
import { enqueueJob } from '../platform/jobs/enqueue.js';
import type { TypedJobDefinition } from '../platform/jobs/job-registry.js';
import { drainJobs } from '../platform/jobs/local-worker.js';
import { relay } from '../platform/events/relay.js';
import { chunkedJob, createTestTables, failingJob, testRegistry } from '../platform/jobs/test-jobs.js';
import { createWorker } from './worker.js';

/** An SQS record as Lambda delivers it (AWS docs, "Using Lambda with Amazon SQS": example event). */
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

/** A Lambda context whose invocation has `ms` left (the worker keeps 10 s back for itself). */
const lambdaContext = (ms: number) => ({ getRemainingTimeInMillis: () => ms }) as Context;

let handle: DatabaseHandle;
const registry = testRegistry();
/** The queue: what the worker's relay sends (its next invocations and retries). */
const queue: { message: JobMessage; delaySeconds: number }[] = [];
const dispatcher: Dispatcher = { dispatch: async (m) => void queue.push(...m) };

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestTables(handle.db);
});
afterAll(async () => {
  await handle?.close();
});

const worker = () => createWorker({ getDb: async () => handle.db, dispatcher }, registry);
const enqueue = <S extends z.ZodType>(type: TypedJobDefinition<S>, payload: z.input<S>) =>
  inTransaction(handle.db, (trx) => enqueueJob(trx, { type, payload, createdBy: null }));
const jobRow = (id: string) =>
  handle.db.selectFrom('platform.jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('the Lambda worker (SQS)', () => {
  it('runs the same handlers as the local worker: a long job across invocations, each a new message', async () => {
    const local = await enqueue(chunkedJob, { n: 25 });
    expect(await drainJobs(handle.db, registry, { sliceMs: 0 })).toHaveLength(3);
    const { id } = await enqueue(chunkedJob, { n: 25 });
    const handler = worker();
    // 10,040 ms left − the worker's 10 s reserve: under 50 ms for the job, so one chunk per invocation.
    let event: SQSEvent = { Records: [record('m0', { kind: 'job', id, type: 'test.chunked' })] };
    let invocations = 0;
    for (; invocations < 10; invocations++) {
      const result = await handler(event, lambdaContext(10_040));
      expect(result).toEqual({ batchItemFailures: [] });
      const next = queue.splice(0);
      if (next.length === 0) break;
      expect(next).toEqual([{ message: { kind: 'job', id, type: 'test.chunked' }, delaySeconds: 0 }]);
      event = { Records: next.map((m, i) => record(`m${invocations + 1}-${i}`, m.message)) };
    }
    expect(invocations).toBe(2);
    const [lambdaRun, localRun] = [await jobRow(id), await jobRow(local.id)];
    expect(lambdaRun.status).toBe('succeeded');
    expect(lambdaRun.invocations).toBe(3);
    expect(lambdaRun.result).toEqual(localRun.result);
  });

  it('retries a failing job with a delayed message, and hands a failed one back (to the DLQ)', async () => {
    const { id } = await enqueue(failingJob, { reason: 'no route to host' });
    const handler = worker();
    const message = { kind: 'job', id, type: 'test.failing' };
    expect(await handler({ Records: [record('f1', message)] }, lambdaContext(900_000))).toEqual({
      batchItemFailures: [],
    });
    const retry = queue.splice(0);
    expect(retry).toHaveLength(1);
    expect(retry[0]!.delaySeconds).toBeGreaterThanOrEqual(1);
    // A duplicate arriving before the backoff: not run, sent again with the rest of the delay.
    expect(await handler({ Records: [record('f1-dup', message)] }, lambdaContext(900_000))).toEqual({
      batchItemFailures: [],
    });
    expect(queue.splice(0)).toHaveLength(1);
    expect((await jobRow(id)).attempts).toBe(1);
    for (let attempt = 2; attempt <= 3; attempt++) {
      await sql`update platform.jobs set next_attempt_at = now() where id = ${id}`.execute(handle.db);
      const result = await handler({ Records: [record(`f${attempt}`, message)] }, lambdaContext(900_000));
      expect(result).toEqual({ batchItemFailures: attempt === 3 ? [{ itemIdentifier: `f${attempt}` }] : [] });
      queue.splice(0);
    }
    expect(await jobRow(id)).toMatchObject({ status: 'failed', error: 'no route to host (try 3)' });
    // Redelivered by SQS: still failed, handed back again (so after maxReceiveCount it reaches the DLQ).
    expect(await handler({ Records: [record('f4', message)] }, lambdaContext(900_000))).toEqual({
      batchItemFailures: [{ itemIdentifier: 'f4' }],
    });
  });

  it('a job due later than SQS can delay carries its due time, and the worker sends it on without the database', async () => {
    const { id } = await inTransaction(handle.db, (trx) =>
      enqueueJob(trx, {
        type: chunkedJob,
        payload: { n: 1 },
        createdBy: null,
        runAt: new Date(Date.now() + 2 * 3_600_000),
      }),
    );
    queue.length = 0;
    await relay(handle.db, { registry, dispatcher });
    const [sent] = queue.splice(0);
    expect(sent?.message).toMatchObject({ id, notBefore: expect.any(String) });
    expect(Date.parse(sent!.message.notBefore!)).toBeGreaterThan(Date.now() + 7_000_000);
    // The worker woken after SQS's 15 minutes: no database (it throws if asked), the message sent on.
    const noDb = createWorker(
      {
        getDb: async () => {
          throw new Error('the database was touched');
        },
        dispatcher,
      },
      registry,
    );
    const result = await noDb({ Records: [record('late', sent!.message)] }, lambdaContext(60_000));
    expect(result).toEqual({ batchItemFailures: [] });
    const [again] = queue.splice(0);
    expect(again?.message).toEqual(sent!.message);
    expect(again!.delaySeconds).toBeGreaterThan(7_000);
    expect((await jobRow(id)).status).toBe('queued');
    await sql`delete from platform.jobs where id = ${id}`.execute(handle.db);
  });

  it('drops messages that are not jobs, and acknowledges one for a finished job', async () => {
    const handler = worker();
    const result = await handler(
      {
        Records: [
          record('x1', 'not json'),
          record('x2', { type: 'test.chunked', id: 'j1', payload: {} }),
          record('x3', { kind: 'job', id: '00000000-0000-4000-8000-00000000dead', type: 'test.chunked' }),
        ],
      },
      lambdaContext(900_000),
    );
    expect(result).toEqual({ batchItemFailures: [] });
  });

  it('fires a schedule once per slot (EventBridge delivers at least once)', async () => {
    const handler = worker();
    const event = { kind: 'schedule' as const, schedule: 'test.nightly', time: '2026-12-10T02:30:00Z' };
    expect(await handler(event)).toMatchObject({ fired: true });
    expect(await handler(event)).toEqual({ fired: false, jobId: null });
    expect(queue.splice(0).map((m) => m.message.type)).toEqual(['test.recording']);
  });

  it('refuses an invocation that is neither SQS, a schedule nor a sweep', async () => {
    await expect(worker()({ kind: 'other' } as never)).rejects.toThrow(/not a worker event/);
  });

  it('sweeps: dispatches jobs whose message was lost', async () => {
    const { id } = await enqueue(failingJob, { reason: 'x' });
    await sql`update platform.jobs set created_at = now() - interval '5 minutes' where id = ${id}`.execute(handle.db);
    const report = await worker()({ kind: 'sweep' });
    expect(report).toMatchObject({ dispatched: 1 });
    expect(queue.splice(0).map((m) => m.message.id)).toEqual([id]);
  });
});
