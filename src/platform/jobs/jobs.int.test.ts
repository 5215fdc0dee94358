import { randomUUID } from 'node:crypto';
import { businessMetricCounts } from '../observability/metrics.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, onPostgres } from '../../../test/harness/test-db.js';
import { createDatabase, type DatabaseHandle } from '../db/create-database.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { emit } from '../events/emit.js';
import { relay } from '../events/relay.js';
import { enqueueJob } from './enqueue.js';
import { claimJob, runClaimedJob } from './job-runner.js';
import { drainJobs, startLocalWorker } from './local-worker.js';
import { fireDueSchedules, fireSchedule } from './schedules.js';
import {
  chunkedJob,
  crash,
  createTestTables,
  failingJob,
  ran,
  recordingJob,
  subscriberRuns,
  testRegistry,
  thingHappened,
} from './test-jobs.js';

let handle: DatabaseHandle & { url?: string };
let db: Db;
const registry = testRegistry();

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await createTestTables(db);
});
afterAll(async () => {
  await handle?.close();
});
beforeEach(async () => {
  // Each test sees only its own work.
  await sql`delete from platform.jobs`.execute(db);
  await sql`delete from platform.outbox`.execute(db);
  ran.length = 0;
  subscriberRuns.length = 0;
});

const job = (id: string) => db.selectFrom('platform.jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const enqueue = (type: Parameters<typeof enqueueJob>[1]['type'], payload: unknown) =>
  inTransaction(db, (trx) => enqueueJob(trx, { type, payload: payload as never, createdBy: null }));

describe('jobs', () => {
  it('exist only if the enqueuing transaction commits, with a payload valid for their type', async () => {
    await expect(
      inTransaction(db, async (trx) => {
        await enqueueJob(trx, { type: recordingJob, payload: { label: 'never' }, createdBy: null });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await db.selectFrom('platform.jobs').select('id').execute()).toEqual([]);
    await expect(enqueue(chunkedJob, { n: 'ten' })).rejects.toMatchObject({ status: 422 });
  });

  it('a long job forced to yield (tiny remainingMs) runs across ≥3 invocations and gives the result of one run', async () => {
    const once = await enqueue(chunkedJob, { n: 35 });
    const sliced = await enqueue(chunkedJob, { n: 35 });
    // One invocation with plenty of time.
    const first = await drainJobs(db, registry, { sliceMs: 600_000, maxRuns: 1 });
    expect(first).toEqual([{ jobId: once.id, outcome: 'succeeded' }]);
    // remainingMs() is 0: one chunk per invocation, then 'continue'.
    const runs = await drainJobs(db, registry, { sliceMs: 0 });
    expect(runs.map((r) => r.outcome)).toEqual(['continue', 'continue', 'continue', 'succeeded']);
    const [a, b] = [await job(once.id), await job(sliced.id)];
    expect(a.invocations).toBe(1);
    expect(b.invocations).toBe(4);
    expect(b.result).toEqual(a.result);
    expect(b.result).toEqual({ sum: (35 * 36) / 2, count: 35 });
    expect(b).toMatchObject({ status: 'succeeded', progress: 100, error: null, lease_token: null });
    const items = await sql<{
      n: string;
    }>`select count(*)::text as n from public.job_test_items where job_id = ${sliced.id}`.execute(db);
    expect(items.rows[0]?.n).toBe('35');
  });

  it('tells the owner of a job they wait on when it ends — once, when it has ended for good', async () => {
    const owner = randomUUID();
    const told = () =>
      db
        .selectFrom('platform.notifications')
        .select(['kind', 'title', 'body'])
        .where('user_id', '=', owner)
        .orderBy('created_at')
        .execute();
    const done = await inTransaction(db, (trx) =>
      enqueueJob(trx, { type: recordingJob, payload: { label: 'report' }, createdBy: owner }),
    );
    expect(await drainJobs(db, registry)).toEqual([{ jobId: done.id, outcome: 'succeeded' }]);
    expect(await told()).toEqual([
      { kind: 'jobs.succeeded', title: 'Recording test job finished', body: expect.any(String) },
    ]);
    // A failing job: nothing while it retries, one notification when it has failed for good.
    const failing = await inTransaction(db, (trx) =>
      enqueueJob(trx, { type: failingJob, payload: { reason: 'no disk' }, createdBy: owner }),
    );
    for (let attempt = 1; attempt <= 3; attempt++) {
      await drainJobs(db, registry);
      expect(await told()).toHaveLength(attempt < 3 ? 1 : 2);
      await db
        .updateTable('platform.jobs')
        .set({ next_attempt_at: sql<Date>`now()` })
        .where('id', '=', failing.id)
        .execute();
    }
    expect((await told())[1]).toEqual({
      kind: 'jobs.failed',
      title: 'Failing test job failed',
      body: 'no disk (try 3)',
    });
    // A job nobody started (a schedule) tells nobody.
    await enqueue(recordingJob, { label: 'nightly' });
    await drainJobs(db, registry);
    expect(
      await db.selectFrom('platform.notifications').select('user_id').where('user_id', '<>', owner).execute(),
    ).toEqual([]);
  });

  it('a worker killed mid-job: another takes it over when the lease expires and resumes from the last checkpoint', async () => {
    const { id } = await enqueue(chunkedJob, { n: 30 });
    crash.hangAfterFirstChunk = true;
    const claimed = await claimJob(db, { remainingMs: 600_000 });
    expect(claimed?.id).toBe(id);
    // The first worker does one chunk (10 rows + checkpoint, committed together), then "dies".
    const dead = runClaimedJob(db, registry, claimed!, () => 600_000);
    for (let i = 0; i < 200 && !crash.release; i++) await new Promise((r) => setTimeout(r, 10));
    expect(crash.release).toBeDefined();
    crash.hangAfterFirstChunk = false;
    expect((await job(id)).checkpoint).toEqual({ i: 10, sum: 55 });
    // Not claimable while its lease runs …
    expect(await claimJob(db, { remainingMs: 1000 })).toBeUndefined();
    // … and claimable once it expired.
    await db
      .updateTable('platform.jobs')
      .set({ lease_expires_at: sql<Date>`now() - interval '1 second'` })
      .execute();
    const runs = await drainJobs(db, registry);
    expect(runs).toEqual([{ jobId: id, outcome: 'succeeded' }]);
    const after = await job(id);
    expect(after.result).toEqual({ sum: 465, count: 30 });
    expect(after.invocations).toBe(2);
    // Nothing lost, nothing done twice (the primary key would have refused a repeated row).
    const items = await sql<{
      n: string;
    }>`select count(*)::text as n from public.job_test_items where job_id = ${id}`.execute(db);
    expect(items.rows[0]?.n).toBe('30');
    // The "dead" worker wakes up: it no longer holds the job and changes nothing.
    crash.release!();
    crash.release = undefined;
    expect(await dead).toBe('lease-lost');
    expect((await job(id)).status).toBe('succeeded');
  });

  it('a failing job retries with exponential backoff, then is failed with its error', async () => {
    const failedBefore = businessMetricCounts().get('JobsFailed') ?? 0;
    const { id } = await enqueue(failingJob, { reason: 'disk full' });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const runs = await drainJobs(db, registry);
      expect(runs).toEqual([{ jobId: id, outcome: attempt < 3 ? 'retry' : 'failed' }]);
      const row = await job(id);
      expect(row.attempts).toBe(attempt);
      expect(row.error).toBe(`disk full (try ${attempt})`);
      if (attempt < 3) {
        expect(row.status).toBe('queued');
        delays.push(row.next_attempt_at.getTime() - row.updated_at.getTime());
        // Not due yet: a worker finds nothing to do.
        expect(await drainJobs(db, registry)).toEqual([]);
        await db
          .updateTable('platform.jobs')
          .set({ next_attempt_at: sql<Date>`now()` })
          .where('id', '=', id)
          .execute();
      } else {
        expect(row).toMatchObject({ status: 'failed', lease_token: null });
        expect(row.finished_at).not.toBeNull();
        // Counted once, as the business metric `JobsFailed` (retries are not failures).
        expect(businessMetricCounts().get('JobsFailed')).toBe(failedBefore + 1);
      }
    }
    // 1 s, then 2 s (the type's backoffMs, doubling).
    expect(delays[0]).toBeGreaterThanOrEqual(950);
    expect(delays[0]).toBeLessThan(1500);
    expect(delays[1]).toBeGreaterThanOrEqual(1950);
    expect(delays[1]).toBeLessThan(2500);
  });

  it('a cancelled job stops at its next checkpoint; a queued one is never run', async () => {
    const { id } = await enqueue(chunkedJob, { n: 50 });
    await drainJobs(db, registry, { sliceMs: 0, maxRuns: 1 });
    await db
      .updateTable('platform.jobs')
      .set({ cancel_requested_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
    expect(await drainJobs(db, registry, { sliceMs: 0 })).toEqual([{ jobId: id, outcome: 'cancelled' }]);
    const row = await job(id);
    expect(row.status).toBe('cancelled');
    // The chunk that met the cancel rolled back with its checkpoint: the checkpoint and rows agree.
    expect(row.checkpoint).toEqual({ i: 10, sum: 55 });
  });

  it('an unknown type or a bad payload fails at once (no retries)', async () => {
    await db
      .insertInto('platform.jobs')
      .values([
        { id: '00000000-0000-4000-8000-000000000001', type: 'test.nobody', payload: '{}', max_attempts: 5 },
        { id: '00000000-0000-4000-8000-000000000002', type: 'test.chunked', payload: '{"n":-1}', max_attempts: 5 },
      ])
      .execute();
    const runs = await drainJobs(db, registry);
    expect(runs.map((r) => r.outcome)).toEqual(['failed', 'failed']);
    expect((await job('00000000-0000-4000-8000-000000000001')).error).toMatch(/no module .* test\.nobody/i);
    expect((await job('00000000-0000-4000-8000-000000000002')).error).toMatch(/payload is not valid: n:/);
  });

  it.skipIf(!onPostgres)('two workers on PostgreSQL never run one job twice (concurrent claims)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await enqueue(recordingJob, { label: `job-${i}` })).id);
    // Two "processes": each its own pool.
    const other = await createDatabase({
      kind: 'postgres',
      pool: {
        connectionString: handle.url!,
        max: 4,
        idleTimeoutMillis: 1000,
        statementTimeoutMs: 30_000,
        connectRetryMs: 1000,
      },
    });
    try {
      const [a, b, c] = await Promise.all([
        drainJobs(db, registry),
        drainJobs(other.db, registry),
        drainJobs(other.db, registry),
      ]);
      expect(a.length + b.length + c.length).toBe(40);
      expect(a.length).toBeGreaterThan(0);
      expect(b.length + c.length).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
    expect(ran.length).toBe(40);
    expect(new Set(ran).size).toBe(40);
    const done = await db.selectFrom('platform.jobs').select(['status', 'invocations']).execute();
    expect(done.every((r) => r.status === 'succeeded' && r.invocations === 1)).toBe(true);
  });
  it.skipIf(onPostgres)(
    'two workers on PostgreSQL never run one job twice — skipped: PGlite is one process, one session',
    () => {
      expect(onPostgres).toBe(false);
    },
  );
});

describe('domain events through the outbox', () => {
  const effects = async () =>
    (await sql<{ n: string }>`select count(*)::text as n from public.event_test_effects`.execute(db)).rows[0]?.n;

  it('an event from a rolled-back transaction is never delivered', async () => {
    await expect(
      inTransaction(db, async (trx) => {
        await emit(trx, { type: thingHappened, payload: { value: 1 } });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const report = await relay(db, { registry, dispatcher: { dispatch: async () => undefined } });
    expect(report).toEqual({ events: 0, deliveries: 0, dispatched: 0 });
    expect(await drainJobs(db, registry)).toEqual([]);
    expect(subscriberRuns).toEqual([]);
  });

  it('a committed event is delivered to its subscriber once, even when delivered twice', async () => {
    const before = Number(await effects());
    const { id } = await inTransaction(db, (trx) => emit(trx, { type: thingHappened, payload: { value: 7 } }));
    // The relay fans it out once, however many relays run.
    const sent: string[] = [];
    const dispatcher = {
      dispatch: async (m: readonly { message: { id: string } }[]) => void sent.push(...m.map((x) => x.message.id)),
    };
    const [r1, r2] = await Promise.all([relay(db, { registry, dispatcher }), relay(db, { registry, dispatcher })]);
    expect(r1.events + r2.events).toBe(1);
    expect(r1.deliveries + r2.deliveries).toBe(1);
    expect(sent).toHaveLength(1);
    expect(await drainJobs(db, registry)).toEqual([{ jobId: sent[0], outcome: 'succeeded' }]);
    expect(subscriberRuns).toEqual([{ eventId: id, value: 7 }]);
    // A duplicated delivery (SQS at least once, a second sweep): the subscriber does not run again.
    expect(await registry.deliver(db, id, 'test.count-things')).toEqual({ ran: false });
    await inTransaction(db, async (trx) => {
      await enqueueJob(trx, {
        type: registry.eventDelivery,
        payload: { eventId: id, subscriber: 'test.count-things' },
        createdBy: null,
      });
    });
    const again = await drainJobs(db, registry);
    expect(again.map((r) => r.outcome)).toEqual(['succeeded']);
    expect((await job(again[0]!.jobId)).result).toEqual({ ran: false });
    expect(subscriberRuns).toHaveLength(1);
    expect(Number(await effects())).toBe(before + 1);
  });

  it('refuses an event payload its schema rejects, with the change', async () => {
    await expect(
      inTransaction(db, (trx) => emit(trx, { type: thingHappened, payload: { value: 1.5 } })),
    ).rejects.toThrow();
    expect(await db.selectFrom('platform.outbox').select('id').execute()).toEqual([]);
  });

  it('the sweeper leaves fresh rows to their own relay and takes the ones left behind', async () => {
    await inTransaction(db, (trx) => emit(trx, { type: thingHappened, payload: { value: 2 } }));
    expect((await relay(db, { registry, sweepAfterMs: 60_000 })).events).toBe(0);
    await db
      .updateTable('platform.outbox')
      .set({ occurred_at: sql<Date>`now() - interval '2 minutes'` } as never)
      .execute();
    expect((await relay(db, { registry, sweepAfterMs: 60_000 })).events).toBe(1);
  });
});

describe('schedules', () => {
  it('a slot that fires twice does the work once', async () => {
    const at = new Date('2026-12-05T02:30:17Z');
    const first = await fireSchedule(db, registry, 'test.nightly', at);
    const second = await fireSchedule(db, registry, 'test.nightly', new Date('2026-12-05T02:30:45Z'));
    expect(first.fired).toBe(true);
    expect(second).toEqual({ fired: false, jobId: null });
    // Concurrent firings of another slot.
    const both = await Promise.all([
      fireSchedule(db, registry, 'test.nightly', new Date('2026-12-06T02:30:00Z')),
      fireSchedule(db, registry, 'test.nightly', new Date('2026-12-06T02:30:00Z')),
    ]);
    expect(both.filter((r) => r.fired)).toHaveLength(1);
    expect(await drainJobs(db, registry)).toHaveLength(2);
    expect(ran).toEqual(['nightly', 'nightly']);
    // The local scheduler's tick over a range fires only due, unfired slots.
    expect(
      await fireDueSchedules(db, registry, new Date('2026-12-05T00:00:00Z'), new Date('2026-12-07T12:00:00Z')),
    ).toBe(1);
  });
});

describe('dispatching', () => {
  it('sends a job only after its row is committed and unlocked, so the woken worker can claim it at once', async () => {
    const { id } = await enqueue(recordingJob, { label: 'claimed-when-woken' });
    const claimed: (string | undefined)[] = [];
    // The worker a message wakes claims with SKIP LOCKED: a row the relay still held would be passed over.
    const dispatcher = {
      dispatch: async (m: readonly { message: { id: string } }[]) => {
        for (const x of m) claimed.push((await claimJob(db, { id: x.message.id, remainingMs: 60_000 }))?.id);
      },
    };
    expect((await relay(db, { registry, dispatcher })).dispatched).toBe(1);
    expect(claimed).toEqual([id]);
    expect((await job(id)).status).toBe('running');
  });

  it('a send that fails leaves the job for the next relay', async () => {
    const { id } = await enqueue(recordingJob, { label: 'sent-later' });
    const failing = {
      dispatch: async () => {
        throw new Error('queue unavailable');
      },
    };
    await expect(relay(db, { registry, dispatcher: failing })).rejects.toThrow('queue unavailable');
    expect((await job(id)).dispatched_at).toBeNull();
    const sent: string[] = [];
    const working = {
      dispatch: async (m: readonly { message: { id: string } }[]) => void sent.push(...m.map((x) => x.message.id)),
    };
    expect((await relay(db, { registry, dispatcher: working })).dispatched).toBe(1);
    expect(sent).toEqual([id]);
  });
});

describe('the local worker', () => {
  it('runs committed work after a wake-up and stops cleanly', async () => {
    const worker = startLocalWorker({ getDb: async () => db, registry, pollMs: 60_000, schedules: false });
    try {
      const { id } = await enqueue(recordingJob, { label: 'woken' });
      await relay(db, { registry, dispatcher: worker.dispatcher });
      // Woken, not polled (the poll is a minute away); a busy machine may take a few seconds.
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (await job(id)).status !== 'succeeded')
        await new Promise((r) => setTimeout(r, 10));
      expect((await job(id)).status).toBe('succeeded');
    } finally {
      await worker.stop();
    }
  });
});
