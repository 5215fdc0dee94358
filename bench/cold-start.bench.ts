/**
 * Cold start of the standardApi Lambda: a fresh `node` process imports the esbuild bundle and answers
 * its first API Gateway v2 event; against a minimal Hono Lambda bundled the same way, in the same run.
 * Run: npm run bench:cold-start   (env BENCH_RUNS, default 15 per variant, at least 10; BENCH_PG_URL)
 */
import './lib/quiet.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBenchDatabase } from './lib/bench-db.js';
import { API_FUNCTIONS, externalsFor, ZOD_OPENAPI_FUNCTIONS } from '../infra/bundling.js';
import { bundleLambda, type Bundle } from './lib/bundle.js';
import type { ColdChildReport } from './lib/cold-child.js';
import { bytesRead, runColdChild, type ColdSample, type ColdVariant } from './lib/cold-run.js';
import { httpApiEvent } from './lib/lambda-event.js';
import { bytes, median, ms, percentile, printTable, ratio } from './lib/stats.js';
import { listEvent, prepareUsersEvent, type UsersEvent } from './lib/users-event.js';

const RUNS = Math.max(10, Number(process.env.BENCH_RUNS ?? 15));
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
// The same externals as the deployed function (infra/bundling.ts): the AWS SDK v3 comes with the
// Lambda runtime and is imported only when a secret ARN is configured; PGlite is never loaded on AWS;
// demo data and migrations are never run by the API.
const APP_EXTERNAL = externalsFor('standard-api');
const MB = 1_000_000;
const here = path.dirname(fileURLToPath(import.meta.url));

setTimeout(() => {
  console.error('cold-start bench: gave up after 10 minutes');
  process.exit(2);
}, 600_000).unref();

const expect = (validate: (body: unknown) => boolean) => (report: ColdChildReport) => {
  if (report.statusCode !== 200 || !validate(JSON.parse(report.body ?? 'null'))) {
    throw new Error(`unexpected response ${report.statusCode}: ${report.body?.slice(0, 300)}`);
  }
};
const healthy = expect((body) => (body as { status?: string } | null)?.status === 'ok');
const userPage = expect((body) => (body as { items?: unknown[] } | null)?.items?.length === 20);
const aPage = expect((body) => Array.isArray((body as { items?: unknown } | null)?.items));

/**
 * The first request of a cold start to each module of standardApi (a list each): a module's routes,
 * or a route group's (docs/adr/0006), load with it. Finance twice: a ledger list and the documents'.
 */
const FIRST_REQUESTS: { module: string; path: string; query: Record<string, string> }[] = [
  { module: 'auth', path: '/api/v1/auth/users', query: { limit: '20' } },
  { module: 'finance', path: '/api/v1/finance/accounts', query: {} },
  { module: 'finance', path: '/api/v1/finance/invoices', query: {} },
  { module: 'crm', path: '/api/v1/crm/contacts', query: { limit: '50' } },
  { module: 'hr', path: '/api/v1/hr/employees', query: {} },
  { module: 'projects', path: '/api/v1/projects/projects', query: {} },
  { module: 'supply', path: '/api/v1/supply/items', query: {} },
  { module: 'strategy', path: '/api/v1/strategy/cycles', query: {} },
];
const MODULE_RUNS = Math.max(5, Math.round(RUNS / 3));

/** Each module's first request: median and p90 over MODULE_RUNS interleaved samples, and what it read. */
async function firstRequests(runner: string, app: Bundle, base: UsersEvent, env: Record<string, string>, cwd: string) {
  const variants: ColdVariant[] = FIRST_REQUESTS.map(({ module, path: p, query }) => ({
    name: p,
    bundle: app.file,
    event: listEvent(base, p, query, `ANY /api/v1/${module}/{proxy+}`),
    env,
    check: aPage,
  }));
  const samples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (const v of variants) await runColdChild(runner, v, cwd); // checks each answers a page; discarded
  for (let round = 0; round < MODULE_RUNS; round++) {
    for (const v of variants) samples.get(v.name)!.push((await runColdChild(runner, v, cwd)).totalMs);
  }
  const rows = [];
  for (const v of variants) {
    const read = await bytesRead(runner, v, cwd);
    const times = samples.get(v.name)!;
    rows.push({ name: v.name, median: median(times), p90: percentile(times, 90), ...read });
  }
  return rows;
}

type Summary = ReturnType<typeof summarize>;
function summarize(samples: ColdSample[]) {
  const total = samples.map((s) => s.totalMs);
  return {
    median: median(total),
    p90: percentile(total, 90),
    boot: median(samples.map((s) => s.bootMs)),
    imported: median(samples.map((s) => s.importedMs - s.bootMs)),
    firstEvent: median(samples.map((s) => s.totalMs - s.importedMs)),
    wall: median(samples.map((s) => s.wallMs)),
  };
}

function printBundles(app: Bundle, appAll: Bundle, baselines: [string, Bundle][]) {
  const kB = (n: number) => `${(n / 1024).toFixed(0)} kB`;
  console.log('Bundles: ESM split into chunks (infra/bundling.ts), as deployed; no source maps.');
  console.log(
    `standardApi, read by a cold start  ${bytes(app.startup.bytes)}  (index.mjs + ${app.startup.files - 1} chunks it imports statically)`,
  );
  console.log(
    `standardApi, all files             ${bytes(app.bytes)}  (${app.files} files; the rest load on first use)  external: ${app.external.join(', ')}`,
  );
  for (const [name, b] of baselines) console.log(`${name.padEnd(35)}${bytes(b.bytes)}  external: none`);
  const aws = app.composition.filter((c) => /^@(aws-sdk|smithy|aws-crypto)\//.test(c.name));
  const awsAll = appAll.composition.filter((c) => /^@(aws-sdk|smithy|aws-crypto)\//.test(c.name));
  console.log(
    `  AWS SDK v3 in the bundle: ${kB(aws.reduce((n, c) => n + c.bytes, 0))} (it is in the Lambda runtime, loaded lazily).`,
  );
  console.log(
    `  With nothing external: ${bytes(appAll.bytes)}, of which AWS SDK ${kB(awsAll.reduce((n, c) => n + c.bytes, 0))} (and PGlite's .wasm/.data files would be missing).`,
  );
  const top = (parts: Bundle['composition']) =>
    parts
      .slice(0, 10)
      .map((c) => `${c.name} ${kB(c.bytes)}`)
      .join(', ');
  console.log(`  Largest parts read at start: ${top(app.startup.composition)}`);
  console.log(`  Largest parts of all files:  ${top(app.composition)}\n`);
}

function printFigures(variants: ColdVariant[], s: Map<string, Summary>) {
  printTable([
    ['variant', 'median', 'p90', 'boot', 'import', '1st event', 'wall'],
    ...variants.map((v) => {
      const r = s.get(v.name)!;
      return [v.name, ms(r.median), ms(r.p90), ms(r.boot), ms(r.imported), ms(r.firstEvent), ms(r.wall)];
    }),
  ]);
  const [appHealth, baseHealth, appUsers, baseUsers] = variants.map((v) => s.get(v.name)!) as [
    Summary,
    Summary,
    Summary,
    Summary,
  ];
  const line = (label: string, a: Summary, b: Summary) =>
    console.log(`${label} standardApi / baseline: median ${ratio(a.median, b.median)}, p90 ${ratio(a.p90, b.p90)}`);
  console.log('');
  line('GET /api/health                ', appHealth, baseHealth);
  line('GET /api/v1/auth/users (pg)    ', appUsers, baseUsers);
  return appHealth.median / baseHealth.median;
}

async function main() {
  const outDir = mkdtempSync(path.join(tmpdir(), 'moms-cold-'));
  const database = await createBenchDatabase('moms_bench_cold');
  try {
    const appEntry = path.resolve(here, '../src/functions/standard-api.ts');
    const zodOpenApi = ZOD_OPENAPI_FUNCTIONS.includes('standard-api');
    const lightResponse = API_FUNCTIONS.includes('standard-api');
    const [app, appAll, baseHealth, basePg, runner] = await Promise.all([
      bundleLambda(appEntry, outDir, { external: APP_EXTERNAL, zodOpenApi, lightResponse }),
      bundleLambda(appEntry, mkdtempSync(path.join(outDir, 'all-')), { zodOpenApi, lightResponse }),
      bundleLambda(path.join(here, 'lib/baseline-health.lambda.ts'), outDir),
      bundleLambda(path.join(here, 'lib/baseline-pg.lambda.ts'), outDir),
      bundleLambda(path.join(here, 'lib/cold-child.ts'), outDir),
    ]);
    const usersEvent = await prepareUsersEvent(database.url, JWT_SECRET);
    const health = httpApiEvent('GET', '/api/health', { routeKey: 'GET /api/health' });
    const env = { JWT_SECRET, LOG_LEVEL: 'silent' };
    const dbEnv = { ...env, DATABASE_URL: database.url };
    const variants: ColdVariant[] = [
      { name: 'standardApi health', bundle: app.file, event: health, env, check: healthy },
      { name: 'baseline health', bundle: baseHealth.file, event: health, env, check: healthy },
      { name: 'standardApi users', bundle: app.file, event: usersEvent, env: dbEnv, check: userPage },
      { name: 'baseline pg users', bundle: basePg.file, event: usersEvent, env: dbEnv, check: userPage },
    ];
    for (const v of variants) await runColdChild(runner.file, v, outDir); // warms the file cache; discarded
    const samples = new Map<string, ColdSample[]>(variants.map((v) => [v.name, []]));
    for (let round = 0; round < RUNS; round++) {
      // Interleaved, and the order rotates every round, so drift and position cancel out.
      for (let i = 0; i < variants.length; i++) {
        const v = variants[(round + i) % variants.length]!;
        samples.get(v.name)!.push(await runColdChild(runner.file, v, outDir));
      }
    }

    console.log(`\nCold start: a fresh \`node ${process.versions.node}\` per sample, ${RUNS} samples per variant.`);
    console.log('Time = performance.now() in the child when the first response resolved, i.e. since');
    console.log('performance.timeOrigin (process start): boot + import of the bundle + 1st event.');
    console.log('"wall" = spawn → exit, measured in the parent.\n');
    printBundles(app, appAll, [
      ['baseline health', baseHealth],
      ['baseline pg', basePg],
    ]);
    const summaries = new Map([...samples].map(([k, v]) => [k, summarize(v)]));
    const healthRatio = printFigures(variants, summaries);
    const modules = await firstRequests(runner.file, app, usersEvent, dbEnv, outDir);
    const basePgMedian = summaries.get('baseline pg users')!.median;
    console.log(
      `\nFirst request of a cold start to each module (pg; ${MODULE_RUNS} samples each, interleaved; "read" = the` +
        ` bundle's files that start loaded, traced in a run of its own; × = against the baseline pg users median):`,
    );
    printTable([
      ['first request', 'median', 'p90', '× baseline pg', 'read'],
      ...modules.map((m) => [
        `GET ${m.name}`,
        ms(m.median),
        ms(m.p90),
        ratio(m.median, basePgMedian),
        `${(m.bytes / MB).toFixed(2)} MB (${m.files} files)`,
      ]),
    ]);
    const largest = modules.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    console.log('\nTargets:');
    const target = (label: string, value: string, met: boolean) =>
      console.log(`  ${label.padEnd(66)} ${value.padEnd(9)} ${met ? 'MET' : 'NOT MET'}`);
    target('health cold-start ratio <= 1.5', healthRatio.toFixed(2), healthRatio <= 1.5);
    const size = (label: string, n: number) => target(label, `${(n / MB).toFixed(2)} MB`, n <= 1.5 * MB);
    size('standardApi read at start <= 1.5 MB', app.startup.bytes);
    size('standardApi read by the first requests above (largest) <= 1.5 MB', largest.bytes);
    size('standardApi all files <= 1.5 MB', app.bytes);
  } finally {
    await database.drop();
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
