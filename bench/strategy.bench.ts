/**
 * Strategy at size: the demo organization (every module's demo generator, BENCH_SIZE 10 by default) and
 * its company cycle grown to 200 metric-bound key results (revenue, won amount, new leads, pipeline value),
 * on PostgreSQL. Measures evaluating all 200 through the real app in-process, as the demo's strategist
 * (`POST /key-results/{id}/evaluate` each: route → access check → the metric through the registry → an
 * immutable snapshot, audit, completion, in one transaction — what the nightly job does per key result),
 * against the bare SQL of the same 200 metric values, timed in the same run, alternating; and, to tell
 * the metrics' own cost from the snapshots', the 200 metrics alone (`POST /metrics/{key}/evaluate`).
 * Checks first that every snapshot's value equals its bare value.
 * Run: npm run bench:strategy
 * Env: BENCH_SIZE (10), BENCH_KRS (200), BENCH_RUNS (5), BENCH_KEEP=1 (keep the database), BENCH_PG_URL.
 */
import './lib/quiet.js';
import { faker } from '@faker-js/faker';
import { sql } from 'kysely';
import { demoGenerators } from '../src/app/demo.js';
import { migrate } from '../src/app/migrations.js';
import { baseCurrency } from '../src/modules/finance/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { today } from '../src/platform/dates.js';
import { createRuntime } from '../src/app/runtime.js';
import { createStandardApp } from '../src/app/standard-app.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createDatabase } from '../src/platform/db/create-database.js';
import type { Db } from '../src/platform/db/database.js';
import { Money } from '../src/platform/money/money.js';
import { createBenchDatabase } from './lib/bench-db.js';
import { median, ms, printTable, ratio } from './lib/stats.js';

const SIZE = Number(process.env.BENCH_SIZE ?? 10);
const KRS = Number(process.env.BENCH_KRS ?? 200);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 5));

setTimeout(() => {
  console.error('strategy bench: gave up (time limit)');
  process.exit(2);
}, 30 * 60_000).unref();

/** The metrics the key results are bound to, each with the bare statement behind it (a decimal string). */
type BareParams = { from: string; to: string; currency: string; weighted: boolean };
const BARE: Record<string, (db: Db, p: BareParams) => Promise<string>> = {
  'finance.revenue': async (db, p) => {
    const { rows } = await sql<{ v: string }>`
      select coalesce(sum(l.base_credit - l.base_debit), 0)::text as v
      from finance.journal_lines l join finance.accounts a on a.id = l.account_id
      where a.type = 'income' and l.posted_date between ${p.from} and ${p.to}`.execute(db);
    return new Money(rows[0]!.v).toFixed(2);
  },
  'crm.wonAmount': async (db, p) => {
    const { rows } = await sql<{ v: string }>`
      select coalesce(sum(amount), 0)::text as v from crm.opportunities
      where status = 'won' and currency = ${p.currency}
        and (closed_at at time zone 'UTC')::date between ${p.from} and ${p.to}`.execute(db);
    return new Money(rows[0]!.v).toFixed(2);
  },
  'crm.newLeads': async (db, p) => {
    const { rows } = await sql<{ v: number }>`
      select count(*)::int as v from crm.leads
      where (created_at at time zone 'UTC')::date between ${p.from} and ${p.to}`.execute(db);
    return String(rows[0]!.v);
  },
  'crm.pipelineValue': async (db, p) => {
    const amount = p.weighted ? sql`amount * probability / 100` : sql`amount`;
    const { rows } = await sql<{ v: string }>`
      select coalesce(sum(${amount}), 0)::text as v from crm.opportunities
      where status = 'open' and currency = ${p.currency}`.execute(db);
    return new Money(rows[0]!.v).toFixed(2);
  },
};
const KEYS = Object.keys(BARE);

async function main() {
  const database = await createBenchDatabase('moms_bench_strategy');
  const handle = await createDatabase({
    kind: 'postgres',
    pool: {
      connectionString: database.url,
      max: 4,
      idleTimeoutMillis: 5_000,
      statementTimeoutMs: 600_000,
      connectRetryMs: 5_000,
    },
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'moms-bench-'));
  try {
    const db = handle.db;
    await migrate(db);
    const t0 = performance.now();
    faker.seed(2026);
    for (const generator of await demoGenerators())
      await generator.generate({ db, faker, size: SIZE, log: () => undefined });
    const seeded = (performance.now() - t0) / 1000;

    // The demo's company cycle, grown to KRS key results on the benchmark's metrics (spread over its objectives).
    const cycle = await db
      .selectFrom('strategy.cycles')
      .selectAll()
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const objectives = await db
      .selectFrom('strategy.objectives')
      .select(['id', 'owner_id'])
      .where('cycle_id', '=', cycle.id)
      .where('status', '<>', 'cancelled')
      .orderBy('id')
      .execute();
    const config = loadConfig({
      JWT_SECRET: 'bench-signing-key-that-is-long-enough-0123456789',
      MOMS_DATA_DIR: dataDir,
    });
    const app = createStandardApp(createRuntime(config, handle));
    // The demo's strategist (owns the company cycle's objectives, reads the books, CRM and HR).
    const login = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'strategist@demo.moms.local', password: 'demo-password-2026' }),
    });
    if (login.status !== 200) throw new Error(`strategist login: ${login.status} ${await login.text()}`);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const post = async (url: string, body?: unknown) => {
      const res = await app.request(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${text}`);
      return text;
    };
    const existing = async () =>
      db
        .selectFrom('strategy.key_results as k')
        .innerJoin('strategy.objectives as o', 'o.id', 'k.objective_id')
        .select(['k.id', 'k.metric_key', 'k.metric_params'])
        .where('o.cycle_id', '=', cycle.id)
        .where('k.kind', '=', 'metric')
        .where('k.metric_key', 'in', KEYS)
        // A department's revenue has no bare statement here: those are left out.
        .where(sql<boolean>`not (k.metric_params ? 'department')`)
        .orderBy('k.id')
        .execute();
    for (let i = (await existing()).length; i < KRS; i++)
      await post(`/api/v1/strategy/objectives/${objectives[i % objectives.length]!.id}/key-results`, {
        title: `Bench key result ${i + 1}`,
        kind: 'metric',
        metricKey: KEYS[i % KEYS.length]!,
        startValue: '0',
        targetValue: '1000000000',
      });
    const krs = (await existing()).slice(0, KRS);
    await sql`vacuum analyze`.execute(db);
    const counts = KEYS.map((k) => `${krs.filter((r) => r.metric_key === k).length} ${k}`).join(', ');
    console.log(
      `\ndemo size ${SIZE} seeded in ${seeded.toFixed(1)} s; ${krs.length} metric-bound key results (${counts})`,
    );

    // The cycle so far, as the evaluation measures it.
    const period = { from: cycle.start_date, to: today() < cycle.end_date ? today() : cycle.end_date };
    const evaluateAll = async () => {
      for (const kr of krs) await post(`/api/v1/strategy/key-results/${kr.id}/evaluate`);
    };
    // The metrics alone (POST /metrics/{key}/evaluate: each module's own function), without the snapshots.
    const metricsOnly = async () => {
      for (const kr of krs)
        await post(`/api/v1/strategy/metrics/${kr.metric_key!}/evaluate`, { ...period, params: kr.metric_params });
    };
    const bare = async () => {
      const currency = await baseCurrency(db);
      const values: string[] = [];
      for (const kr of krs) {
        const params = kr.metric_params as { currency?: string; weighted?: boolean };
        values.push(
          await BARE[kr.metric_key!]!(db, {
            ...period,
            currency: params.currency ?? currency,
            weighted: params.weighted ?? false,
          }),
        );
      }
      return values;
    };

    // The same numbers: the latest snapshot of each key result equals its bare value.
    await evaluateAll();
    const expected = await bare();
    const latest = await db
      .selectFrom('strategy.snapshots')
      .select(['key_result_id', 'value'])
      .distinctOn('key_result_id')
      .where(
        'key_result_id',
        'in',
        krs.map((k) => k.id),
      )
      .orderBy('key_result_id')
      .orderBy('as_of', 'desc')
      .execute();
    const byKr = new Map(latest.map((s) => [s.key_result_id, s.value]));
    const mismatches = krs.filter((k, i) => !new Money(byKr.get(k.id) ?? 'NaN').eq(expected[i]!));
    if (mismatches.length > 0) throw new Error(`${mismatches.length} key results differ from the bare SQL`);

    const time = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    const bares: number[] = [];
    const apps: number[] = [];
    const metricRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bares.push(await time(bare));
      metricRuns.push(await time(metricsOnly));
      apps.push(await time(evaluateAll));
    }
    const [b, m, a] = [median(bares), median(metricRuns), median(apps)];
    console.log(
      `\nmedian of ${RUNS} runs each (alternating bare SQL / metrics alone / app), PostgreSQL, period ${period.from} → ${period.to}`,
    );
    printTable([
      ['case', 'bare SQL (median)', 'app (median)', 'ratio', 'per key result (app)'],
      [`evaluate ${krs.length} key results (snapshots)`, ms(b), ms(a), ratio(a, b), ms(a / krs.length)],
      [`the ${krs.length} metrics alone (POST /metrics/{key}/evaluate)`, ms(b), ms(m), ratio(m, b), ms(m / krs.length)],
    ]);
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (process.env.BENCH_KEEP) console.log(`kept the database: ${database.url}`);
    else await database.drop();
  }
}

await main();
process.exit(0);
