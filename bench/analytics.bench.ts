/**
 * Analytics on large datasets: each question through the query compiler/executor (plan → Kysely
 * compile over the owning module's base query → read-only transaction on PostgreSQL → rows and
 * totals) and through the whole query API (containerizedApi app: token, Zod, JSON, and the
 * platform's per-POST audit sealing), in-process with no network, against the hand-written SQL
 * that answers the same question (same rows, same visibility), timed in the same run, alternating.
 * The aim (≤ 1.5×, < 1 s) is on the executor; the API column shows the fixed per-request cost on top.
 * Cases: revenue by month by department over 1,000,000 journal lines; pipeline by stage over
 * 50,000 opportunities as an admin and as a team manager (CRM's visibility subquery on both sides).
 * Run: npm run bench:analytics
 * Env: BENCH_LINES (1000000), BENCH_OPPORTUNITIES (50000), BENCH_RUNS (7), BENCH_PG_URL.
 */
import './lib/quiet.js';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createContainerizedApp } from '../src/app/containerized-app.js';
import { migrate } from '../src/app/migrations.js';
import { createRuntime } from '../src/app/runtime.js';
import { createStandardApp } from '../src/app/standard-app.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createDatabase, type DatabaseHandle } from '../src/platform/db/create-database.js';
import { AnalyticsQuery, runQuery } from '../src/modules/analytics/index.js';
import type { Actor } from '../src/platform/auth/actor.js';
import type { Db } from '../src/platform/db/database.js';
import { createBenchDatabase } from './lib/bench-db.js';
import { seedLedger } from './lib/finance-seed.js';
import { median, ms, printTable, ratio } from './lib/stats.js';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const OPPORTUNITIES = Number(process.env.BENCH_OPPORTUNITIES ?? 50_000);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 7));
const LIMIT_MS = 1000;
const LIMIT_RATIO = 1.5;
const OWNERS = 40;
const TEAM = 8;

setTimeout(
  () => {
    console.error('analytics bench: gave up (time limit)');
    process.exit(2);
  },
  (10 + (10 * LINES) / 1_000_000) * 60_000,
).unref();

async function seedOpportunities(db: Db, pipelineId: string, owners: string[], manager: string) {
  const team = await sql<{ id: string }>`insert into crm.teams (name) values ('Bench team') returning id`.execute(db);
  await sql`insert into crm.team_members (team_id, user_id, is_manager)
            select ${team.rows[0]!.id}, u, u = ${manager}
            from unnest(${[manager, ...owners.slice(0, TEAM)]}::uuid[]) u`.execute(db);
  await sql`with s as (select id, position, probability, is_won, is_lost, row_number() over (order by position) - 1 as k
                       from crm.stages where pipeline_id = ${pipelineId}),
                 n as (select count(*) as c from s)
    insert into crm.opportunities (name, pipeline_id, stage_id, position, amount, currency, expected_close_date,
                                   probability, status, owner_id)
    select 'Deal ' || g, ${pipelineId}, s.id, g, (500 + abs(hashint4(g + 9) % 200000))::numeric + (g % 100) / 100.0,
           (array['EUR', 'USD', 'GBP'])[1 + g % 3], current_date - 90 + g % 540, s.probability,
           case when s.is_won then 'won' when s.is_lost then 'lost' else 'open' end,
           (${owners}::uuid[])[1 + abs(hashint4(g + 10) % ${owners.length})]
    from generate_series(1, ${OPPORTUNITIES}::int) g
    join s on s.k = abs(hashint4(g + 7)) % (select c from n)`.execute(db);
  await sql`vacuum analyze crm.opportunities`.execute(db);
  await sql`vacuum analyze crm.team_members`.execute(db);
}

interface Case {
  name: string;
  token: string;
  actor: Actor;
  query: Record<string, unknown>;
  floor: string;
}

async function measure(handle: DatabaseHandle) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'moms-bench-'));
  const config = loadConfig({ JWT_SECRET: 'bench-signing-key-that-is-long-enough-0123456789', MOMS_DATA_DIR: dataDir });
  const runtime = createRuntime(config, handle);
  const app = createContainerizedApp(runtime);
  const tokens = await runtime.getAccessTokens();
  const sign = async (userId: string, permissions: string[]) => ({
    token: (await tokens.sign({ userId, email: 'bench@moms.local', roles: [], permissions })).token,
    actor: { userId, email: 'bench@moms.local', roles: [], permissions },
  });
  const adminUser = await sign(randomUUID(), ['*']);
  const admin = adminUser.token;

  const db = handle.db;
  // The default pipeline (made on first use), through CRM's own API.
  const pipelines = await createStandardApp(runtime).request('/api/v1/crm/pipelines', {
    headers: { authorization: `Bearer ${admin}` },
  });
  const pipelineId = ((await pipelines.json()) as { items: { id: string; isDefault: boolean }[] }).items.find(
    (p) => p.isDefault,
  )!.id;
  const owners = Array.from({ length: OWNERS }, () => randomUUID());
  const managerId = randomUUID();
  const start = performance.now();
  await seedOpportunities(db, pipelineId, owners, managerId);
  console.log(
    `seeded ${OPPORTUNITIES.toLocaleString('en-US')} opportunities in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  const managerUser = await sign(managerId, ['analytics:read', 'crm:read']);

  const teamVisible = `(o.owner_id = '${managerId}' or o.owner_id in (select m.user_id from crm.team_members m
      join crm.team_members mgr on mgr.team_id = m.team_id where mgr.user_id = '${managerId}' and mgr.is_manager))`;
  const cases: Case[] = [
    {
      name: 'revenue by month by department (income accounts)',
      ...adminUser,
      query: {
        dataset: 'finance.journal-lines',
        dimensions: [{ field: 'date', grain: 'month' }, 'department'],
        measures: ['balance'],
        filters: [{ field: 'accountType', op: 'eq', value: 'income' }],
      },
      floor: `select date_trunc('month', l.posted_date::timestamp) m, l.department, sum(l.base_debit - l.base_credit)
              from finance.journal_lines l join finance.accounts a on a.id = l.account_id
              where l.posted_date is not null and a.type = 'income' group by 1, 2 order by 1, 2`,
    },
    {
      name: 'all lines by month by department',
      ...adminUser,
      query: {
        dataset: 'finance.journal-lines',
        dimensions: [{ field: 'date', grain: 'month' }, 'department'],
        measures: ['lines', 'totalDebit'],
      },
      floor: `select date_trunc('month', l.posted_date::timestamp) m, l.department, count(*), sum(l.base_debit)
              from finance.journal_lines l where l.posted_date is not null group by 1, 2 order by 1, 2`,
    },
    {
      name: 'pipeline by stage (admin: every opportunity)',
      ...adminUser,
      query: { dataset: 'crm.opportunities', dimensions: ['stage'], measures: ['count', 'totalAmount'] },
      floor: `select s.name, o.currency, count(*), sum(o.amount) from crm.opportunities o
              join crm.stages s on s.id = o.stage_id group by 1, 2 order by 1, 2`,
    },
    {
      name: 'pipeline by stage (team manager: CRM visibility)',
      ...managerUser,
      query: { dataset: 'crm.opportunities', dimensions: ['stage'], measures: ['count', 'totalAmount'] },
      floor: `select s.name, o.currency, count(*), sum(o.amount) from crm.opportunities o
              join crm.stages s on s.id = o.stage_id where ${teamVisible} group by 1, 2 order by 1, 2`,
    },
  ];
  const runApi = async (c: Case) => {
    const began = performance.now();
    const res = await app.request('/api/v1/analytics/query', {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(c.query),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${c.name}: ${res.status} ${body}`);
    return { ms: performance.now() - began, rows: (JSON.parse(body) as { rows: unknown[] }).rows.length };
  };
  const runExecutor = async (c: Case) => {
    const began = performance.now();
    const result = await runQuery(db, c.actor, AnalyticsQuery.parse(c.query));
    return { ms: performance.now() - began, rows: result.rows.length };
  };
  const runFloor = async (query: string) => {
    const began = performance.now();
    const { rows } = await sql.raw(query).execute(db);
    return { ms: performance.now() - began, rows: rows.length };
  };

  const table: string[][] = [
    ['question', 'rows', 'hand-written SQL', 'executor', 'ratio', '< 1 s', `≤ ${LIMIT_RATIO}×`, 'query API', 'ratio'],
  ];
  let met = true;
  for (const c of cases) {
    const [api, executor, floor] = [await runApi(c), await runExecutor(c), await runFloor(c.floor)]; // warm-up
    for (const other of [api, executor])
      if (other.rows !== floor.rows) throw new Error(`${c.name}: ${other.rows} rows, ${floor.rows} by hand`);
    const floors: number[] = [];
    const executors: number[] = [];
    const apis: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      floors.push((await runFloor(c.floor)).ms);
      executors.push((await runExecutor(c)).ms);
      apis.push((await runApi(c)).ms);
    }
    const [f, e, a] = [median(floors), median(executors), median(apis)];
    met &&= e < LIMIT_MS && e <= LIMIT_RATIO * f;
    table.push([
      c.name,
      String(floor.rows),
      ms(f),
      ms(e),
      ratio(e, f),
      e < LIMIT_MS ? 'yes' : 'NO',
      e <= LIMIT_RATIO * f ? 'yes' : 'NO',
      ms(a),
      ratio(a, f),
    ]);
  }
  console.log(`\nmedian of ${RUNS} runs each (alternating hand-written SQL / executor / query API)`);
  printTable(table);
  console.log(
    `\naim (the executor: each < 1 s and ≤ ${LIMIT_RATIO}× the hand-written SQL): ${met ? 'met' : 'NOT met'}`,
  );
  rmSync(dataDir, { recursive: true, force: true });
}

const database = await createBenchDatabase('moms_bench_analytics');
let handle: DatabaseHandle | undefined;
try {
  handle = await createDatabase({
    kind: 'postgres',
    pool: {
      connectionString: database.url,
      max: 4,
      idleTimeoutMillis: 5_000,
      statementTimeoutMs: 900_000,
      connectRetryMs: 5_000,
    },
  });
  await migrate(handle.db);
  const started = performance.now();
  const seed = await seedLedger(handle.db, LINES);
  console.log(
    `seeded ${seed.lines.toLocaleString('en-US')} journal lines (${seed.entries.toLocaleString('en-US')} entries) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  await measure(handle);
} finally {
  await handle?.close();
  await database.drop();
}
process.exit(0);
