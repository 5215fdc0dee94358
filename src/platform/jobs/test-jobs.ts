/**
 * Test-only job types, events, subscribers and a schedule (no module declares real ones yet): the
 * jobs, events and worker tests run the local worker and the Lambda worker on these same handlers.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { defineEvent, defineSubscriber } from '../events/event-types.js';
import { defineJob } from './job-registry.js';
import { defineSchedule, WorkRegistry } from './work-registry.js';

/** Test tables in `public` (tests only): what the chunked job and the subscriber wrote. */
export async function createTestTables(db: Db): Promise<void> {
  await sql`create table if not exists public.job_test_items (job_id uuid not null, i integer not null, primary key (job_id, i))`.execute(
    db,
  );
  await sql`create table if not exists public.event_test_effects (event_id uuid not null, subscriber text not null, value integer not null)`.execute(
    db,
  );
}

/** Lets a test "kill" a worker: the chunked job stops forever after its first chunk while this is set. */
export const crash = { hangAfterFirstChunk: false, release: undefined as (() => void) | undefined };

/**
 * Sums 1..n in chunks of 10, writing one row per number with the checkpoint in the same transaction;
 * yields ('continue') whenever `remainingMs()` is under 50 ms after a chunk.
 */
export const chunkedJob = defineJob({
  type: 'test.chunked',
  payload: () => z.object({ n: z.number().int().min(1).max(10_000) }),
  load: async () => async (payload, ctx) => {
    let position = ((await ctx.checkpoint.load()) as { i: number; sum: number } | undefined) ?? { i: 0, sum: 0 };
    while (position.i < payload.n) {
      const from = position.i + 1;
      const to = Math.min(payload.n, position.i + 10);
      let sum = position.sum;
      for (let i = from; i <= to; i++) sum += i;
      const next = { i: to, sum };
      await inTransaction(ctx.db, async (trx) => {
        await trx
          .insertInto('public.job_test_items' as never)
          .values(Array.from({ length: to - from + 1 }, (_, k) => ({ job_id: ctx.jobId, i: from + k })) as never)
          .execute();
        await ctx.checkpoint.save(next, { trx });
      });
      position = next;
      await ctx.progress((100 * position.i) / payload.n, `${position.i} of ${payload.n}`);
      if (crash.hangAfterFirstChunk) {
        await new Promise<void>((resolve) => (crash.release = resolve));
      }
      if (position.i < payload.n && ctx.remainingMs() < 50) return 'continue';
    }
    return { result: { sum: position.sum, count: position.i } };
  },
});

/** Always fails, with its attempt number in the error. */
export const failingJob = defineJob({
  type: 'test.failing',
  payload: () => z.object({ reason: z.string() }),
  notifyOwner: 'Failing test job',
  maxAttempts: 3,
  backoffMs: 1000,
  load: async () => async (payload, ctx) => {
    throw new Error(`${payload.reason} (try ${ctx.attempt})`);
  },
});

export const ran: string[] = [];
/** Records its run and sleeps a little (for the concurrent claim test). */
export const recordingJob = defineJob({
  type: 'test.recording',
  payload: () => z.object({ label: z.string() }),
  notifyOwner: 'Recording test job',
  load: async () => async (payload) => {
    ran.push(payload.label);
    await new Promise((r) => setTimeout(r, 5));
    return { result: payload.label };
  },
});

export const thingHappened = defineEvent('test.thing.happened', () => z.object({ value: z.number().int() }));

export const subscriberRuns: { eventId: string; value: number }[] = [];
export const countingSubscriber = defineSubscriber({
  name: 'test.count-things',
  event: thingHappened,
  load: async () => async (event, trx) => {
    subscriberRuns.push({ eventId: event.id, value: event.payload.value });
    await trx
      .insertInto('public.event_test_effects' as never)
      .values({ event_id: event.id, subscriber: 'test.count-things', value: event.payload.value } as never)
      .execute();
  },
});

export const nightly = defineSchedule({
  name: 'test.nightly',
  cron: '30 2 * * *',
  job: recordingJob,
  payload: { label: 'nightly' },
});

export function testRegistry(): WorkRegistry {
  return new WorkRegistry([
    {
      jobs: [chunkedJob, failingJob, recordingJob],
      events: [thingHappened],
      subscribers: [countingSubscriber],
      schedules: [nightly],
    },
  ]);
}
