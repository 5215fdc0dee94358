/**
 * Finance reports on a large ledger: trial balance, balance sheet and profit and loss, each through
 * the real app (Hono route → service → PostgreSQL, in-process, no network), against the floor: the
 * bare aggregate every one of them needs (`sum(base_debit), sum(base_credit) … group by account_id`
 * over the posted lines up to the date, or in the range for P&L), timed in the same run, alternating.
 * Run: npm run bench:finance
 * Env: BENCH_LINES (default 1000000), or BENCH_SIZES=100000,1000000; BENCH_RUNS (7); BENCH_PG_URL.
 */
import './lib/quiet.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { migrate } from '../src/app/migrations.js';
import { createRuntime } from '../src/app/runtime.js';
import { createStandardApp } from '../src/app/standard-app.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createDatabase, type DatabaseHandle } from '../src/platform/db/create-database.js';
import { createBenchDatabase } from './lib/bench-db.js';
import { seedLedger } from './lib/finance-seed.js';
import { median, ms, printTable, ratio } from './lib/stats.js';

const SIZES = (process.env.BENCH_SIZES ?? process.env.BENCH_LINES ?? '1000000').split(',').map(Number);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 7));
const LIMIT_MS = 1000;
const LIMIT_RATIO = 3;
const DATE = '2026-12-31';
const [FROM, TO] = ['2026-01-01', '2026-12-31'];

// Bounded: whatever hangs, the process ends.
setTimeout(
  () => {
    console.error('finance bench: gave up (time limit)');
    process.exit(2);
  },
  (10 + (10 * SIZES.reduce((n, s) => n + s, 0)) / 1_000_000) * 60_000,
).unref();

interface Case {
  name: string;
  report: string;
  floor: string | null;
}

const floorAt = `select account_id, sum(base_debit), sum(base_credit) from finance.journal_lines
                 where posted_date <= '${DATE}' group by account_id`;
const floorRange = `select account_id, sum(base_debit), sum(base_credit) from finance.journal_lines
                    where posted_date between '${FROM}' and '${TO}' group by account_id`;

async function measure(handle: DatabaseHandle, lines: number) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'moms-bench-'));
  const config = loadConfig({ JWT_SECRET: 'bench-signing-key-that-is-long-enough-0123456789', MOMS_DATA_DIR: dataDir });
  const runtime = createRuntime(config, handle);
  const app = createStandardApp(runtime);
  const { token } = await (
    await runtime.getAccessTokens()
  ).sign({
    userId: '00000000-0000-4000-8000-00000000b0b0',
    email: 'bench@moms.local',
    roles: [],
    permissions: ['finance:read'],
  });
  const bank = await sql<{ id: string }>`select id from finance.accounts where code = '1200'`.execute(handle.db);
  const cases: Case[] = [
    { name: 'trial balance', report: `/reports/trial-balance?date=${DATE}`, floor: floorAt },
    { name: 'balance sheet', report: `/reports/balance-sheet?date=${DATE}`, floor: floorAt },
    { name: 'profit and loss (a year)', report: `/reports/profit-and-loss?from=${FROM}&to=${TO}`, floor: floorRange },
    {
      name: 'P&L, one department',
      report: `/reports/profit-and-loss?from=${FROM}&to=${TO}&department=north`,
      floor: floorRange,
    },
    {
      name: 'general ledger (bank, a month, 200 lines)',
      report: `/reports/general-ledger?accountId=${bank.rows[0]!.id}&from=2026-06-01&to=2026-06-30`,
      floor: null,
    },
  ];
  const runReport = async (url: string) => {
    const start = performance.now();
    const res = await app.request(`/api/v1/finance${url}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body}`);
    return { ms: performance.now() - start, body };
  };
  const runFloor = async (query: string) => {
    const start = performance.now();
    await sql.raw(query).execute(handle.db);
    return performance.now() - start;
  };
  const rows: string[][] = [['report', 'floor (median)', 'report (median)', 'ratio', '< 1 s', `≤ ${LIMIT_RATIO}×`]];
  const results: { name: string; floor: number | null; report: number }[] = [];
  for (const c of cases) {
    await runReport(c.report); // warm-up (plans, caches)
    if (c.floor) await runFloor(c.floor);
    const floors: number[] = [];
    const reports: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (c.floor) floors.push(await runFloor(c.floor));
      reports.push((await runReport(c.report)).ms);
    }
    const floor = c.floor ? median(floors) : null;
    const report = median(reports);
    results.push({ name: c.name, floor, report });
    rows.push([
      c.name,
      floor === null ? '—' : ms(floor),
      ms(report),
      floor === null ? '—' : ratio(report, floor),
      report < LIMIT_MS ? 'yes' : 'NO',
      floor === null ? '—' : report <= LIMIT_RATIO * floor ? 'yes' : 'NO',
    ]);
  }
  const bs = JSON.parse((await runReport(cases[1]!.report)).body) as { balanced: boolean };
  const tb = JSON.parse((await runReport(cases[0]!.report)).body) as { balanced: boolean };
  console.log(
    `\n${lines.toLocaleString('en-US')} posted lines — median of ${RUNS} runs each (alternating floor/report)`,
  );
  printTable(rows);
  console.log(`trial balance balanced: ${tb.balanced}; balance sheet balanced: ${bs.balanced}`);
  rmSync(dataDir, { recursive: true, force: true });
  return results;
}

async function one(lines: number) {
  const database = await createBenchDatabase('moms_bench_finance');
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
    const start = performance.now();
    const seed = await seedLedger(handle.db, lines);
    const s = seed.seconds;
    console.log(
      `\nseeded ${seed.lines.toLocaleString('en-US')} lines (${seed.entries.toLocaleString('en-US')} entries, ` +
        `${seed.accounts} accounts) in ${((performance.now() - start) / 1000).toFixed(1)} s: entries ${s.entries.toFixed(1)} s, ` +
        `lines ${s.lines.toFixed(1)} s, post + balance checks ${s.post.toFixed(1)} s, vacuum/analyze ${s.analyze.toFixed(1)} s`,
    );
    return await measure(handle, seed.lines);
  } finally {
    await handle?.close();
    await database.drop();
  }
}

const all: { lines: number; results: Awaited<ReturnType<typeof measure>> }[] = [];
for (const size of SIZES) all.push({ lines: size, results: await one(size) });
if (all.length > 1) {
  console.log('\ngrowth (report median, largest size ÷ smallest size)');
  const [small, large] = [all[0]!, all.at(-1)!];
  printTable([
    ['report', `${small.lines}`, `${large.lines}`, 'growth', 'lines growth'],
    ...small.results.map((r, i) => {
      const big = large.results[i]!;
      return [r.name, ms(r.report), ms(big.report), ratio(big.report, r.report), `${large.lines / small.lines}×`];
    }),
  ]);
}
const largest = all.at(-1)!;
const met = largest.results.every(
  (r) => r.report < LIMIT_MS && (r.floor === null || r.report <= LIMIT_RATIO * r.floor),
);
console.log(
  `\naim (each report < 1 s and ≤ ${LIMIT_RATIO}× the floor at ${largest.lines.toLocaleString('en-US')} lines): ${met ? 'met' : 'NOT met'}`,
);
process.exit(0);
