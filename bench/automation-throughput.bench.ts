/**
 * Automation's throughput on PostgreSQL: BENCH_EVENTS (10,000) domain events, each triggering a
 * three-step flow (set, condition, set), through the local worker's loop (relay → event delivery →
 * one run slice per execution), with BENCH_WORKERS (2) loops sharing the jobs as local processes do.
 * Reports executions per second and the end-to-end delay (the event's commit to the run's end, p50 and
 * p99), against a baseline measured in the same run: as many no-op jobs through the same loops.
 * Run: npm run bench:automation-throughput
 * Env: BENCH_EVENTS (10000), BENCH_WORKERS (2), BENCH_PG_URL.
 */
import './lib/quiet.js';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { migrate } from '../src/app/migrations.js';
import { modules } from '../src/app/modules.js';
import { taskCompleted } from '../src/modules/projects/index.js';
import { createDatabase } from '../src/platform/db/create-database.js';
import type { Db } from '../src/platform/db/database.js';
import { emit } from '../src/platform/events/emit.js';
import { insertJob } from '../src/platform/jobs/enqueue.js';
import { defineJob } from '../src/platform/jobs/job-registry.js';
import { drainJobs } from '../src/platform/jobs/local-worker.js';
import { WorkRegistry } from '../src/platform/jobs/work-registry.js';
import { createBenchDatabase } from './lib/bench-db.js';
import { ms, percentile, printTable, ratio } from './lib/stats.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const WORKERS = Math.max(1, Number(process.env.BENCH_WORKERS ?? 2));

setTimeout(() => {
  console.error('automation throughput bench: gave up (time limit)');
  process.exit(2);
}, 30 * 60_000).unref();

const noop = defineJob({ type: 'bench.noop', payload: () => z.object({}), load: async () => async () => undefined });
const registry = new WorkRegistry([...modules, { jobs: [noop] }]);

const definition = {
  trigger: { kind: 'event', event: 'projects.task.completed', filter: 'trigger.payload.type = "task"' },
  steps: [
    { kind: 'set', id: 'label', variables: { label: '"Task " & trigger.payload.taskId' } },
    { kind: 'condition', id: 'check', cases: [{ when: '$length(vars.label) > 5', goto: 'done' }], otherwise: 'end' },
    { kind: 'set', id: 'done', variables: { done: 'true' } },
  ],
};

/** Runs every due job with `WORKERS` loops until none is left; returns the wall time. */
async function work(db: Db): Promise<number> {
  const started = performance.now();
  await Promise.all(Array.from({ length: WORKERS }, () => drainJobs(db, registry, { maxRuns: 1_000_000 })));
  return performance.now() - started;
}

async function main() {
  const database = await createBenchDatabase('moms_bench_automation_tp');
  const handle = await createDatabase({
    kind: 'postgres',
    pool: {
      connectionString: database.url,
      max: WORKERS + 2,
      idleTimeoutMillis: 1_000,
      statementTimeoutMs: 120_000,
      connectRetryMs: 5_000,
    },
  });
  try {
    const db = handle.db;
    await migrate(db);
    const flowId = randomUUID();
    await db
      .insertInto('automation.flows')
      .values({
        id: flowId,
        name: 'Bench',
        run_as_user_id: flowId,
        draft: JSON.stringify(definition),
        published_version: 1,
        trigger_kind: 'event',
        trigger_event: 'projects.task.completed',
      })
      .execute();
    await db
      .insertInto('automation.flow_versions')
      .values({ flow_id: flowId, version: 1, definition: JSON.stringify(definition), published_by: null })
      .execute();

    // Baseline: as many no-op jobs through the same loops.
    for (let done = 0; done < EVENTS; done += 500)
      await db.transaction().execute(async (trx) => {
        for (let i = done; i < Math.min(EVENTS, done + 500); i++) await insertJob(trx, noop, {}, null);
      });
    const baselineMs = await work(db);

    for (let done = 0; done < EVENTS; done += 500)
      await db.transaction().execute(async (trx) => {
        for (let i = done; i < Math.min(EVENTS, done + 500); i++)
          await emit(trx, {
            type: taskCompleted,
            payload: { taskId: randomUUID(), projectId: flowId, type: 'task' },
          });
      });
    const flowsMs = await work(db);

    const { rows } = await sql<{ delay: number; status: string }>`
      select extract(epoch from e.finished_at - o.occurred_at) * 1000 as delay, e.status
      from automation.executions e
      join platform.outbox o on e.trigger_key = 'event:' || o.id::text`.execute(db);
    const succeeded = rows.filter((r) => r.status === 'succeeded').length;
    if (succeeded !== EVENTS) throw new Error(`${succeeded} of ${EVENTS} runs succeeded`);
    const delays = rows.map((r) => Number(r.delay));
    console.log(
      `Automation throughput (PostgreSQL, ${EVENTS.toLocaleString('en')} events, three-step flow, ${WORKERS} worker loops)`,
    );
    printTable([
      ['', 'wall time', 'per second', 'vs no-op jobs'],
      ['no-op jobs (baseline)', ms(baselineMs), ((EVENTS / baselineMs) * 1000).toFixed(0), '1.00×'],
      ['flow executions', ms(flowsMs), ((EVENTS / flowsMs) * 1000).toFixed(0), ratio(flowsMs, baselineMs)],
    ]);
    console.log(
      `\nEnd-to-end delay (event committed → run finished, all events queued at once): p50 ${ms(percentile(delays, 50))}, p99 ${ms(percentile(delays, 99))}`,
    );
  } finally {
    await handle.close();
    await database.drop();
  }
}

await main();
