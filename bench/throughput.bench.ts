/**
 * Throughput of authenticated list endpoints through the server `npm start` runs (node
 * dist/server/main.mjs: API Gateway emulator → authorizer Lambda → standardApi Lambda → PostgreSQL),
 * against a bare Hono + pg server running the same SQL, with the same autocannon settings, alternating
 * rounds. autocannon runs in a process of its own (bench/lib/load-child.ts), so its CPU is not counted
 * against the servers.
 *
 * Lists: the users list (`/api/v1/auth/users?limit=20`) and the CRM contacts list
 * (`/api/v1/crm/contacts?limit=50&sort=-createdAt`: 50 rows with owner and organization names), at 10
 * and 50 connections with one worker, and at 50 with MOMS_WORKERS; the SQL statements each request sends
 * (counted at the pg client, on the same stack run in this process).
 * Run: npm run bench:throughput
 * Env: BENCH_DURATION (s per server and case, default 10), BENCH_ROUNDS (2), BENCH_CONNECTIONS (10,50),
 * BENCH_POOL_MAX (10), BENCH_USERS (200), BENCH_CONTACTS (20000), BENCH_WORKERS (server workers for the
 * multi-worker figure; default the number of cores), BENCH_SHOW_SQL=1 (print each list's statements),
 * BENCH_LISTS (users,contacts), BENCH_SERVER_ARGS (node options for the server process only, e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it), BENCH_PG_URL.
 */
import './lib/quiet.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import type { Result } from 'autocannon';
import { startLocalStack, type LocalStack } from '../src/gateway/local/local-stack.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createBenchDatabase } from './lib/bench-db.js';
import { startBaselineServer, type BaselineServer } from './lib/baseline-server.js';
import { seedContacts } from './lib/contacts-seed.js';
import { startLoadGenerator, type LoadGenerator } from './lib/load.js';
import { seedUsers } from './lib/seed.js';
import { startServerProcess, type ServerProcess } from './lib/server-process.js';
import { buildServer, serverBuildIsStale } from '../src/gateway/local/build-server.js';
import { countStatements, installSqlCounter } from './lib/sql-counter.js';
import { ms, printTable, ratio } from './lib/stats.js';

installSqlCounter();

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const POOL_MAX = Number(process.env.BENCH_POOL_MAX ?? 10);
const USERS = Number(process.env.BENCH_USERS ?? 200);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 20_000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const WORKERS = Number(process.env.BENCH_WORKERS ?? availableParallelism());
const WARMUP = Math.min(3, DURATION);
/** Issue #19's latency aim at 50 connections. */
const P99_AIM_MS = 50;
const ADMIN = { email: 'bench-admin@moms.local', password: 'bench-password-2026' };
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

interface ListCase {
  name: string;
  path: string;
  /** What must be equal between the app and the baseline. */
  fingerprint: (page: unknown) => string;
}

const ALL_LISTS: ListCase[] = [
  {
    name: 'users',
    path: '/api/v1/auth/users?limit=20',
    fingerprint: (page) => {
      const items = (page as { items: { email: string; roles: string[] }[] }).items;
      if (items.length !== 20) throw new Error(`expected 20 users, got ${items.length}`);
      return items.map((u) => `${u.email}:${u.roles.join('+')}`).join(',');
    },
  },
  {
    name: 'contacts',
    path: '/api/v1/crm/contacts?limit=50&sort=-createdAt',
    fingerprint: (page) => {
      const items = (page as { items: Record<string, unknown>[] }).items;
      if (items.length !== 50) throw new Error(`expected 50 contacts, got ${items.length}`);
      return JSON.stringify(items);
    },
  },
];

const LISTS = ALL_LISTS.filter((l) => !process.env.BENCH_LISTS || process.env.BENCH_LISTS.split(',').includes(l.name));

const caseCount = LISTS.length * (CONNECTIONS.length + (WORKERS > 1 ? 1 : 0));
// Bounded: whatever hangs, the process ends.
setTimeout(
  () => {
    console.error('throughput bench: gave up (time limit)');
    process.exit(2);
  },
  (caseCount * 2 * (DURATION + WARMUP) + 300) * 1000,
).unref();

async function getJson(url: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  if (res.status !== 200) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
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

const row = (name: string, c: ReturnType<typeof combine>, cpuMs: number) => [
  name,
  c.rps.toFixed(0),
  ms(c.p50),
  ms(c.p99),
  String(c.requests),
  `${((cpuMs * 1000) / c.requests).toFixed(0)} µs`,
];

/** CPU ms used so far by each side: the server process tree, and this process (where the baseline runs). */
interface CpuMeters {
  app: () => number;
  baseline: () => number;
}

const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

interface Measured {
  results: Result[];
  /** CPU ms the server used during the measured (not warm-up) runs. */
  cpuMs: number;
}

/** A-B-B-A rounds of `app` against the baseline on one case (each side warmed up before its first round). */
async function alternate(
  load: LoadGenerator,
  urls: { app: string; baseline: string },
  cpu: CpuMeters,
  path: string,
  headers: Record<string, string>,
  connections: number,
): Promise<{ app: Measured; baseline: Measured }> {
  const pair = { app: { results: [], cpuMs: 0 } as Measured, baseline: { results: [], cpuMs: 0 } as Measured };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['baseline', 'app'] as const) : (['app', 'baseline'] as const);
    for (const which of order) {
      const options = { url: urls[which] + path, headers, connections };
      if (round === 0) assertAllOk(`${which} ${path} (warm-up)`, await load.run({ ...options, duration: WARMUP }));
      const before = cpu[which]();
      const result = await load.run({ ...options, duration: DURATION / ROUNDS });
      pair[which].cpuMs += cpu[which]() - before;
      assertAllOk(`${which} ${path} (${connections} connections)`, result);
      pair[which].results.push(result);
    }
  }
  return pair;
}

async function main() {
  // The compiled server as `npm start` runs it: built first when missing or stale.
  if (serverBuildIsStale()) await buildServer();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'moms-throughput-'));
  const database = await createBenchDatabase('moms_bench_throughput');
  let stack: LocalStack | undefined;
  let baseline: BaselineServer | undefined;
  let load: LoadGenerator | undefined;
  let server: ServerProcess | undefined;
  const env = {
    DATABASE_URL: database.url,
    DB_POOL_MAX: String(POOL_MAX),
    MOMS_DATA_DIR: dataDir,
    MOMS_ADMIN_EMAIL: ADMIN.email,
    MOMS_ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET,
    LOG_LEVEL: 'silent',
    WEB_DIST_DIR: path.join(dataDir, 'no-web'),
  };
  try {
    // In this process: migrations, seeding, and the statements each list sends (counted at pg).
    // The in-process worker is off: its polling would be counted among the requests' statements.
    const config = loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1' });
    stack = await startLocalStack(config, { worker: false });
    const db = await stack.runtime.getDb();
    await seedUsers(db, USERS);
    const seeded = await seedContacts(db, CONTACTS);
    baseline = await startBaselineServer(database.url, POOL_MAX);
    load = await startLoadGenerator();
    const { accessToken } = (await getJson(`${stack.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}` };

    const statements: Record<string, { app: number; baseline: number }> = {};
    const expected = new Map<string, string>();
    for (const list of LISTS) {
      const bare = list.fingerprint(await getJson(baseline.url + list.path, { headers }));
      expected.set(list.name, bare);
      if (list.fingerprint(await getJson(stack.url + list.path, { headers })) !== bare) {
        throw new Error(`${list.name}: the app and the baseline return different pages`);
      }
      const perRequest = async (base: string) => {
        const n = 10;
        const counted = await countStatements(async () => {
          for (let i = 0; i < n; i++) await getJson(base + list.path, { headers });
        });
        if (process.env.BENCH_SHOW_SQL) {
          console.log(`\n${list.name} (${base === stack!.url ? 'app' : 'baseline'}), one request:`);
          for (const s of counted.statements.slice(0, counted.count / n)) console.log(`  ${s.replace(/\s+/g, ' ')}`);
        }
        return counted.count / n;
      };
      statements[list.name] = { app: await perRequest(stack.url), baseline: await perRequest(baseline.url) };
    }
    await stack.close();
    stack = undefined;

    // The compiled server in its own process, one worker then MOMS_WORKERS, each case alternating with the baseline.
    const runs = new Map<string, { app: Measured; baseline: Measured }>();
    const banners: string[] = [];
    const top = Math.max(...CONNECTIONS);
    for (const workers of [...new Set([1, WORKERS])]) {
      server = await startServerProcess({ ...env, MOMS_WORKERS: String(workers) });
      banners.push(`${workers}: ${server.output.find((l) => l.includes('Serving:'))?.trim() ?? '?'}`);
      for (const list of LISTS) {
        if (list.fingerprint(await getJson(server.url + list.path, { headers })) !== expected.get(list.name)) {
          throw new Error(`${list.name}: npm start and the baseline return different pages`);
        }
        for (const connections of workers === 1 ? CONNECTIONS : [top]) {
          const urls = { app: server.url, baseline: baseline.url };
          const cpu = { app: server.cpuMs, baseline: ownCpuMs };
          runs.set(
            `${list.name}@${connections}@${workers}`,
            await alternate(load, urls, cpu, list.path, headers, connections),
          );
        }
      }
      await server.close();
      server = undefined;
    }

    console.log(
      `\nThroughput as admin on PostgreSQL (${database.name}): ${USERS + 1} users, ${CONTACTS} contacts in ` +
        `${seeded.organizations} organizations (seeded in ${seeded.seconds.toFixed(1)} s).`,
    );
    console.log(
      `autocannon in its own process: ${DURATION} s per server and case in ${ROUNDS} rounds (A-B-B-A; ${WARMUP} s ` +
        `warm-up first); pg pool max ${POOL_MAX} per process; node ${process.versions.node}; ${availableParallelism()} cores.`,
    );
    console.log(
      'app      = npm start (node dist/server/main.mjs, MOMS_WORKERS=n): emulator → authorizer → standardApi (Hono, Kysely).',
    );
    console.log('baseline = Hono + @hono/node-server + pg Pool in one process, same SQL, no auth or validation.');
    console.log(
      "CPU/request = the server's own CPU time (user + system; the app's whole process tree, the baseline's process) " +
        "over the measured runs, per request: steadier than req/s on a shared machine, and PostgreSQL's share is not in it.\n",
    );
    const table: string[][] = [['case', 'req/s', 'p50', 'p99', 'requests', 'CPU/request']];
    const ratios: string[] = [];
    const targets: [label: string, value: string, verdict: string][] = [];
    const target = (label: string, value: string, met: boolean, note = '') =>
      targets.push([label, value, `${met ? 'MET' : 'NOT MET'}${note ? ` (${note})` : ''}`]);
    for (const [key, pair] of runs) {
      const [name, connections, workers] = key.split('@');
      const app = combine(pair.app.results);
      const base = combine(pair.baseline.results);
      const label = `${name}, ${connections} conn`;
      table.push(
        row(`${label}: app, ${workers} worker(s)`, app, pair.app.cpuMs),
        row(`${label}: baseline`, base, pair.baseline.cpuMs),
      );
      ratios.push(
        `${label.padEnd(20)} app (${workers} worker(s)) / baseline: req/s ${ratio(app.rps, base.rps)}, ` +
          `p50 ${ratio(app.p50, base.p50)}, p99 ${ratio(app.p99, base.p99)} (app p99 ${ms(app.p99)}), ` +
          `CPU/request ${ratio(pair.app.cpuMs / app.requests, pair.baseline.cpuMs / base.requests)}`,
      );
      if (workers !== '1') continue;
      target(`${label}: req/s >= 0.8x the baseline`, ratio(app.rps, base.rps), app.rps >= 0.8 * base.rps);
      if (Number(connections) === 50) {
        // The aim is absolute; the baseline's own p99 in the same run says what this machine allows.
        const note = `baseline p99 ${ms(base.p99)}${base.p99 > P99_AIM_MS ? ', above the aim itself' : ''}`;
        target(`${label}: p99 <= ${P99_AIM_MS} ms`, ms(app.p99), app.p99 <= P99_AIM_MS, note);
      }
    }
    printTable(table);
    console.log('');
    for (const line of ratios) console.log(line);
    console.log(`\nnpm start said (by MOMS_WORKERS): ${banners.join('; ')}`);
    console.log('\nSQL statements per request (counted at the pg client, BEGIN/COMMIT included):');
    for (const [name, s] of Object.entries(statements)) console.log(`  ${name}: app ${s.app}, baseline ${s.baseline}`);
    for (const [name, s] of Object.entries(statements))
      target(`${name}: SQL statements per request <= 2`, String(s.app), s.app <= 2);
    console.log('\nTargets (issue #19; one worker; docs/adr/0027 on what this machine allows):');
    const width = Math.max(...targets.map(([label]) => label.length));
    for (const [label, value, verdict] of targets)
      console.log(`  ${label.padEnd(width)}  ${value.padStart(8)}  ${verdict}`);
  } finally {
    load?.close();
    await server?.close();
    await baseline?.close();
    await stack?.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
