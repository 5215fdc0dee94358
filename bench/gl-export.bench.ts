/**
 * The general-ledger CSV export as a background job on PostgreSQL (issue #12, item 6): N posted lines
 * on one account, exported by the `finance.general-ledger.export` job through the local worker path
 * (`drainJobs`: claim → handler → chunks of lines on a keyset cursor, each a `COPY (…) TO STDOUT
 * (FORMAT csv)` of the cells, the amounts and running balance written by the worker as the rows stream
 * into the file store with backpressure; a pool of one connection, as on Lambda), beside a bare `COPY (…) TO STDOUT` of the same rows (psql,
 * output counted and dropped). The worker is a separate process (this file with `--worker`), started
 * after the seeding, so its peak memory is the worker's alone: the kernel's high-water mark
 * (`resourceUsage().maxRSS`) and RSS sampled every 10 ms; its time runs from the claim to the end.
 * Run: npm run bench:gl-export            (1,000,000 lines)
 * Env: BENCH_LINES (default 1000000), BENCH_CHUNK (rows per job chunk, default the job's), BENCH_PG_URL,
 * BENCH_WORKER_FLAGS (node flags for the worker process, e.g. "--max-semi-space-size=4"),
 * BENCH_WORKER_LOG (a file for the worker's own output, e.g. with --trace-gc).
 */
import './lib/quiet.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { workRegistry } from '../src/app/jobs.js';
import { migrate } from '../src/app/migrations.js';
import { createRuntime } from '../src/app/runtime.js';
import { baseCurrency, generalLedgerExportJob, seedLedgerLines } from '../src/modules/finance/index.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createDatabase, type DatabaseHandle } from '../src/platform/db/create-database.js';
import { inTransaction } from '../src/platform/db/transaction.js';
import { enqueueJob } from '../src/platform/jobs/enqueue.js';
import { drainJobs } from '../src/platform/jobs/local-worker.js';
import { createBenchDatabase } from './lib/bench-db.js';
import { bytes, ms, printTable, ratio } from './lib/stats.js';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const CHUNK = process.env.BENCH_CHUNK ? Number(process.env.BENCH_CHUNK) : undefined;
const PER_ENTRY = 1_000;
const [FROM, TO] = ['2026-01-01', '2026-12-31'];
const AIM_RATIO = 3;
const AIM_RSS = 256 * 1024 * 1024;

setTimeout(
  () => {
    console.error('gl-export bench: gave up (time limit)');
    process.exit(2);
  },
  (5 + (15 * LINES) / 1_000_000) * 60_000,
).unref();

/** The bare floor: the same rows as CSV straight out of PostgreSQL, read and dropped by the client. */
function bareCopy(url: string, accountId: string): Promise<{ ms: number; bytes: number }> {
  const query = `copy (select l.posted_date, e.number, e.reference, e.memo, l.description, l.base_debit, l.base_credit
                        from finance.journal_lines l join finance.journal_entries e on e.id = l.entry_id
                       where l.account_id = '${accountId}' and l.posted_date between '${FROM}' and '${TO}'
                       order by l.posted_date, l.id) to stdout with (format csv, header)`;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', query], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => (size += chunk.length));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve({ ms: performance.now() - start, bytes: size }) : reject(new Error(`psql exited ${code}`)),
    );
  });
}

interface WorkerReport {
  ms: number;
  runs: number;
  maxRss: number;
  sampledRss: number;
  startRss: number;
  peakHeap: number;
  startHeap: number;
  peakExternal: number;
}

/** Worker mode: the local worker's path (`drainJobs`) in a fresh process, measured from inside. */
async function worker() {
  const handle = await createDatabase({
    kind: 'postgres',
    pool: {
      connectionString: process.env.BENCH_DB_URL!,
      max: 1, // the worker Lambda's DB_POOL_MAX
      idleTimeoutMillis: 5_000,
      statementTimeoutMs: 900_000,
      connectRetryMs: 5_000,
    },
  });
  try {
    // The worker's file store: the runtime provides it to job handlers (here a temporary local store).
    createRuntime(
      loadConfig({
        JWT_SECRET: 'bench-signing-key-that-is-long-enough-0123456789',
        MOMS_DATA_DIR: process.env.BENCH_DATA_DIR!,
      }),
      handle,
    );
    global.gc?.();
    const startRss = process.memoryUsage().rss;
    let sampledRss = startRss;
    const startHeap = process.memoryUsage().heapUsed;
    let peakHeap = startHeap;
    let peakExternal = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      sampledRss = Math.max(sampledRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakExternal = Math.max(peakExternal, m.external);
    }, 10);
    const start = performance.now();
    const runs = await drainJobs(handle.db, workRegistry);
    const elapsed = performance.now() - start;
    clearInterval(sampler);
    const report: WorkerReport = {
      ms: elapsed,
      runs: runs.length,
      maxRss: process.resourceUsage().maxRSS * 1024,
      sampledRss,
      startRss,
      peakHeap,
      startHeap,
      peakExternal,
    };
    process.stdout.write(`\n${JSON.stringify(report)}\n`);
  } finally {
    await handle.close();
  }
}

function runWorker(url: string, dataDir: string): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const flags = (process.env.BENCH_WORKER_FLAGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...flags, ...process.execArgv, fileURLToPath(import.meta.url), '--worker'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_DB_URL: url, BENCH_DATA_DIR: dataDir },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (process.env.BENCH_WORKER_LOG) writeFileSync(process.env.BENCH_WORKER_LOG, out);
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`the worker exited ${code}: ${out}`));
      else resolve(JSON.parse(last) as WorkerReport);
    });
  });
}

async function main() {
  const database = await createBenchDatabase('moms_bench_gl_export');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'moms-bench-gl-'));
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
    const db = handle.db;
    await migrate(db);
    await baseCurrency(db); // the ledger (settings + default chart) on first use
    const account = async (code: string) =>
      (await sql<{ id: string }>`select id from finance.accounts where code = ${code}`.execute(db)).rows[0]!.id;
    const accountId = await account('1300');
    const start = performance.now();
    await seedLedgerLines(db, {
      debitAccountId: accountId,
      creditAccountId: await account('4100'),
      entries: Math.ceil(LINES / PER_ENTRY),
      linesPerEntry: PER_ENTRY,
    });
    await sql`analyze`.execute(db);
    console.log(`seeded ${LINES.toLocaleString('en-US')} lines on one account in ${ms(performance.now() - start)}`);

    // The bench's view of the same local store (the worker process writes into it).
    const config = loadConfig({
      JWT_SECRET: 'bench-signing-key-that-is-long-enough-0123456789',
      MOMS_DATA_DIR: dataDir,
    });
    const runtime = createRuntime(config, handle);

    const copy = await bareCopy(database.url, accountId);

    const job = await inTransaction(db, (trx) =>
      enqueueJob(trx, {
        type: generalLedgerExportJob,
        payload: { accountId, from: FROM, to: TO, ...(CHUNK ? { chunkSize: CHUNK } : {}) },
        createdBy: null,
      }),
    );
    const work = await runWorker(database.url, dataDir);
    const jobMs = work.ms;
    const peakRss = Math.max(work.maxRss, work.sampledRss);
    const row = await db
      .selectFrom('platform.jobs')
      .select(['status', 'result', 'error'])
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    if (row.status !== 'succeeded') throw new Error(`the export job ended ${row.status}: ${row.error}`);
    const result = row.result as { size: number; rows: number; file: { key: string } };
    const stat = await (await runtime.getFileStore()).stat(result.file.key);
    if (result.rows !== LINES) throw new Error(`the export has ${result.rows} lines, not ${LINES}`);

    console.log(`\ngeneral-ledger CSV export of ${LINES.toLocaleString('en-US')} lines (one account, ${FROM} – ${TO})`);
    printTable([
      ['', 'time', 'rows', 'bytes', 'peak RSS', 'ratio'],
      ['bare COPY … TO STDOUT (psql)', ms(copy.ms), '—', bytes(copy.bytes), '—', '1.00×'],
      [
        `export job, worker process (${work.runs} invocation${work.runs === 1 ? '' : 's'})`,
        ms(jobMs),
        result.rows.toLocaleString('en-US'),
        bytes(stat?.size ?? result.size),
        bytes(peakRss),
        ratio(jobMs, copy.ms),
      ],
    ]);
    console.log(
      `worker memory: RSS ${bytes(work.startRss)} at the claim, peak ${bytes(peakRss)} (kernel high-water mark ${bytes(work.maxRss)}, sampled ${bytes(work.sampledRss)}); heap ${bytes(work.startHeap)} at the claim, peak ${bytes(work.peakHeap)}; peak external ${bytes(work.peakExternal)}`,
    );
    const met = jobMs <= AIM_RATIO * copy.ms && peakRss < AIM_RSS;
    console.log(`aim (≤ ${AIM_RATIO}× the bare COPY, peak RSS < 256 MB): ${met ? 'met' : 'NOT met'}`);
  } finally {
    await handle?.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--worker')) await worker();
else await main();
process.exit(0);
