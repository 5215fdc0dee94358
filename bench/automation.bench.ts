/**
 * Automation's resume scan at size, on PostgreSQL: how long the minute tick takes to find the waiting
 * executions that are due, with 1,000 and with 100,000 executions waiting (each time 100 of them due,
 * the rest waiting for a later date). The scan (`takeDueExecutions`: the partial index on `resume_at`,
 * `FOR UPDATE SKIP LOCKED`, in a transaction rolled back so every run sees the same rows) is timed
 * against the bare SQL that locks those 100 rows by primary key (rolled back too), in the same run, alternating. The aim
 * (docs/adr/0016): the scan's cost follows the due rows, not the waiting ones — the ratio stays flat
 * from 1,000 to 100,000 waiting.
 * Run: npm run bench:automation
 * Env: BENCH_WAITING (100000), BENCH_DUE (100), BENCH_RUNS (31), BENCH_PG_URL.
 */
import './lib/quiet.js';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { migrate } from '../src/app/migrations.js';
import { takeDueExecutions } from '../src/modules/automation/index.js';
import { createDatabase } from '../src/platform/db/create-database.js';
import type { Db } from '../src/platform/db/database.js';
import { createBenchDatabase } from './lib/bench-db.js';
import { median, ms, percentile, printTable, ratio } from './lib/stats.js';

const WAITING = Number(process.env.BENCH_WAITING ?? 100_000);
const DUE = Number(process.env.BENCH_DUE ?? 100);
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 31));

setTimeout(() => {
  console.error('automation bench: gave up (time limit)');
  process.exit(2);
}, 20 * 60_000).unref();

/** Adds `count` waiting executions of `flowId`, due `at` (batched inserts). */
async function addWaiting(db: Db, flowId: string, count: number, at: Date): Promise<string[]> {
  const ids: string[] = [];
  for (let done = 0; done < count; done += 5_000) {
    const rows = Array.from({ length: Math.min(5_000, count - done) }, () => {
      const id = randomUUID();
      ids.push(id);
      return {
        id,
        flow_id: flowId,
        version: 1,
        status: 'waiting' as const,
        trigger: JSON.stringify({ type: 'manual' }),
        next_step: 'after',
        resume_at: at,
        run_as_user_id: flowId,
        trigger_key: null,
        retry_of: null,
        started_by: null,
      };
    });
    await db.insertInto('automation.executions').values(rows).execute();
  }
  return ids;
}

async function measure(db: Db, dueIds: string[], now: Date) {
  const scan: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const which of i % 2 === 0 ? ['scan', 'bare'] : ['bare', 'scan']) {
      const started = performance.now();
      if (which === 'scan') {
        const found = await db
          .transaction()
          .execute(async (trx) => {
            const rows = await takeDueExecutions(trx, now, 500);
            throw Object.assign(new Error('rollback'), { rows });
          })
          .catch((e: { rows?: { id: string }[] }) => e.rows ?? []);
        if (found.length !== dueIds.length) throw new Error(`the scan found ${found.length}, not ${dueIds.length}`);
        scan.push(performance.now() - started);
      } else {
        const found = await db
          .transaction()
          .execute(async (trx) => {
            const { rows } = await sql<{ id: string }>`
              select id from automation.executions where id = any(${dueIds}::uuid[]) for update`.execute(trx);
            throw Object.assign(new Error('rollback'), { rows });
          })
          .catch((e: { rows?: { id: string }[] }) => e.rows ?? []);
        if (found.length !== dueIds.length) throw new Error(`bare SQL found ${found.length}`);
        bare.push(performance.now() - started);
      }
    }
  }
  return { scan, bare };
}

async function main() {
  const database = await createBenchDatabase('moms_bench_automation');
  const handle = await createDatabase({
    kind: 'postgres',
    pool: {
      connectionString: database.url,
      max: 2,
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
      .values({ id: flowId, name: 'Bench', run_as_user_id: flowId, draft: '{}', published_version: 1 })
      .execute();
    await db
      .insertInto('automation.flow_versions')
      .values({ flow_id: flowId, version: 1, definition: '{}', published_by: null })
      .execute();
    const now = new Date();
    const dueIds = await addWaiting(db, flowId, DUE, new Date(now.getTime() - 60_000));
    const rows: string[][] = [['waiting', 'due', 'scan (median)', 'scan (p95)', 'bare SQL (median)', 'ratio']];
    const small = Math.min(1_000, WAITING);
    let waiting = DUE;
    for (const target of [small, WAITING]) {
      await addWaiting(db, flowId, target - waiting, new Date(now.getTime() + 30 * 86_400_000));
      waiting = target;
      await sql`analyze automation.executions`.execute(db);
      const { scan, bare } = await measure(db, dueIds, now);
      rows.push([
        waiting.toLocaleString('en'),
        String(DUE),
        ms(median(scan)),
        ms(percentile(scan, 95)),
        ms(median(bare)),
        ratio(median(scan), median(bare)),
      ]);
    }
    const plan = await sql<{ 'QUERY PLAN': string }>`
      explain select id from automation.executions
      where status = 'waiting' and resume_at is not null and resume_at <= ${now}
      order by resume_at limit 500 for update skip locked`.execute(db);
    console.log(`Automation resume scan (PostgreSQL, ${RUNS} runs each, alternating)`);
    printTable(rows);
    console.log(
      `\nPlan at ${waiting.toLocaleString('en')} waiting:\n${plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`,
    );
  } finally {
    await handle.close();
    await database.drop();
  }
}

await main();
