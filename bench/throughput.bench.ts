/**
 * Throughput of an authenticated list endpoint through the real local stack (API Gateway emulator →
 * authorizer Lambda → standardApi Lambda → PostgreSQL), against a bare Hono + pg server running the
 * same SQL, with the same autocannon settings, in the same run.
 * Run: npm run bench:throughput
 * Env: BENCH_DURATION (s per server, default 10), BENCH_ROUNDS (2), BENCH_CONNECTIONS (10), BENCH_POOL_MAX (10),
 * BENCH_USERS (200), BENCH_PG_URL.
 */
import './lib/quiet.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { startLocalStack, type LocalStack } from '../src/gateway/local/local-stack.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createBenchDatabase } from './lib/bench-db.js';
import { startBaselineServer, type BaselineServer } from './lib/baseline-server.js';
import { seedUsers } from './lib/seed.js';
import { ms, printTable, ratio } from './lib/stats.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const POOL_MAX = Number(process.env.BENCH_POOL_MAX ?? 10);
const USERS = Number(process.env.BENCH_USERS ?? 200);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const WARMUP = Math.min(3, DURATION);
const PATH = '/api/v1/auth/users?limit=20';
const ADMIN = { email: 'bench-admin@moms.local', password: 'bench-password-2026' };

// Bounded: whatever hangs, the process ends.
setTimeout(
  () => {
    console.error('throughput bench: gave up (time limit)');
    process.exit(2);
  },
  (2 * (DURATION + WARMUP) + 180) * 1000,
).unref();

async function getJson(url: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  if (res.status !== 200) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Both servers must answer the same page, or the comparison means nothing. */
async function firstPageEmails(base: string, token: string): Promise<string> {
  const page = (await getJson(base + PATH, { headers: { authorization: `Bearer ${token}` } })) as {
    items: { email: string; roles: string[] }[];
  };
  if (page.items.length !== 20) throw new Error(`${base}: expected 20 users, got ${page.items.length}`);
  return page.items.map((u) => `${u.email}:${u.roles.join('+')}`).join(',');
}

function load(base: string, token: string, warmUp: boolean): Promise<Result> {
  return autocannon({
    url: base + PATH,
    headers: { authorization: `Bearer ${token}` },
    connections: CONNECTIONS,
    duration: DURATION / ROUNDS,
    ...(warmUp ? { warmup: { connections: CONNECTIONS, duration: WARMUP } } : {}),
  });
}

/** Over all rounds: requests per second overall; latency percentiles as the mean of the rounds'. */
function combine(results: Result[]) {
  const mean = (pick: (r: Result) => number) => results.reduce((n, r) => n + pick(r), 0) / results.length;
  const requests = results.reduce((n, r) => n + r.requests.total, 0);
  const seconds = results.reduce((n, r) => n + r.duration, 0);
  return { rps: requests / seconds, p50: mean((r) => r.latency.p50), p99: mean((r) => r.latency.p99), requests };
}

function assertAllOk(name: string, r: Result): void {
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad > 0 || r['2xx'] === 0) {
    throw new Error(
      `${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts of ${r.requests.sent} ` +
        `(status codes ${JSON.stringify(r.statusCodeStats)})`,
    );
  }
}

function report(runs: { app: Result[]; baseline: Result[] }, databaseName: string): void {
  console.log(`\nThroughput: GET ${PATH} as admin; ${USERS + 1} users in PostgreSQL (${databaseName}).`);
  console.log(
    `autocannon: ${CONNECTIONS} connections, ${DURATION} s per server in ${ROUNDS} rounds (A-B-B-A; ${WARMUP} s ` +
      `warm-up first), in this process; ` +
      `pg pool max ${POOL_MAX} for both (app DB_POOL_MAX, baseline pg.Pool max); node ${process.versions.node}.`,
  );
  console.log('app      = startLocalStack: API Gateway v2 emulator → authorizer Lambda → standardApi (Hono, Kysely).');
  console.log('baseline = Hono + @hono/node-server + pg Pool, same two SQL statements, no auth or validation.\n');
  const roundRow = (name: string, round: number, r: Result) => [
    `${name}, round ${round + 1}`,
    r.requests.average.toFixed(0),
    ms(r.latency.p50),
    ms(r.latency.p99),
    String(r.requests.total),
    String(r.non2xx),
  ];
  const app = combine(runs.app);
  const base = combine(runs.baseline);
  const totalRow = (name: string, c: ReturnType<typeof combine>) => [
    name,
    c.rps.toFixed(0),
    ms(c.p50),
    ms(c.p99),
    String(c.requests),
    '0',
  ];
  printTable([
    ['server', 'req/s', 'p50', 'p99', 'requests', 'non-2xx'],
    ...runs.app.map((r, i) => roundRow('app', i, r)),
    ...runs.baseline.map((r, i) => roundRow('baseline', i, r)),
    totalRow('app (local stack), all rounds', app),
    totalRow('baseline, all rounds', base),
  ]);
  console.log(
    `\napp / baseline: req/s ${ratio(app.rps, base.rps)}, ` +
      `p50 latency ${ratio(app.p50, base.p50)}, p99 latency ${ratio(app.p99, base.p99)}`,
  );
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'moms-throughput-'));
  const database = await createBenchDatabase('moms_bench_throughput');
  let stack: LocalStack | undefined;
  let baseline: BaselineServer | undefined;
  try {
    const config = loadConfig({
      DATABASE_URL: database.url,
      DB_POOL_MAX: String(POOL_MAX),
      PORT: '0',
      HOST: '127.0.0.1',
      MOMS_DATA_DIR: dataDir,
      MOMS_ADMIN_EMAIL: ADMIN.email,
      MOMS_ADMIN_PASSWORD: ADMIN.password,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
      LOG_LEVEL: 'silent',
      WEB_DIST_DIR: path.join(dataDir, 'no-web'),
    });
    stack = await startLocalStack(config);
    await seedUsers(await stack.runtime.getDb(), USERS);
    baseline = await startBaselineServer(database.url, POOL_MAX);
    const { accessToken } = (await getJson(`${stack.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })) as { accessToken: string };
    if ((await firstPageEmails(stack.url, accessToken)) !== (await firstPageEmails(baseline.url, accessToken))) {
      throw new Error('the app and the baseline return different pages');
    }

    // Rounds in A-B-B-A order, so drift (and other work on this machine) hits both alike.
    const runs: { app: Result[]; baseline: Result[] } = { app: [], baseline: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['baseline', 'app'] as const) : (['app', 'baseline'] as const);
      for (const which of order) {
        const result = await load(which === 'app' ? stack.url : baseline.url, accessToken, round === 0);
        assertAllOk(which, result);
        runs[which].push(result);
      }
    }

    report(runs, database.name);
  } finally {
    await baseline?.close();
    await stack?.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
