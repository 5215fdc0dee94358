/**
 * The general-ledger CSV export as a background job on PostgreSQL (issue #12, item 6): N posted lines
 * on one account, exported by the `finance.general-ledger.export` job through the local worker path
 * (`drainJobs`: claim → handler → chunks of lines on a keyset cursor → part files → the final file in
 * the file store), timed with the worker's peak memory (RSS sampled every 20 ms; the worker is this
 * process), beside a bare `COPY (…) TO STDOUT` of the same rows (psql, output counted and dropped).
 * Run: npm run bench:gl-export
 * Env: BENCH_LINES (default 1000000), BENCH_CHUNK (rows per job chunk, default the job's), BENCH_PG_URL.
 */
import './lib/quiet.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
    let start = performance.now();
    await seedLedgerLines(db, {
      debitAccountId: accountId,
      creditAccountId: await account('4100'),
      entries: Math.ceil(LINES / PER_ENTRY),
      linesPerEntry: PER_ENTRY,
    });
    await sql`analyze`.execute(db);
    console.log(`seeded ${LINES.toLocaleString('en-US')} lines on one account in ${ms(performance.now() - start)}`);

    // The worker's file store: a temporary local store (the runtime provides it to job handlers).
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
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    const baseHeap = process.memoryUsage().heapUsed;
    let peakRss = baseRss;
    let peakHeap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    start = performance.now();
    const runs = await drainJobs(db, workRegistry);
    const jobMs = performance.now() - start;
    clearInterval(sampler);
    const row = await db
      .selectFrom('platform.jobs')
      .select(['status', 'result', 'error'])
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    if (row.status !== 'succeeded') throw new Error(`the export job ended ${row.status}: ${row.error}`);
    const result = row.result as { size: number; rows: number; file: { key: string } };
    const stat = await (await runtime.getFileStore()).stat(result.file.key);

    console.log(`\ngeneral-ledger CSV export of ${LINES.toLocaleString('en-US')} lines (one account, ${FROM} – ${TO})`);
    printTable([
      ['', 'time', 'rows', 'bytes', 'peak RSS', 'ratio'],
      ['bare COPY … TO STDOUT (psql)', ms(copy.ms), '—', bytes(copy.bytes), '—', '1.00×'],
      [
        `export job (${runs.length} invocation${runs.length === 1 ? '' : 's'})`,
        ms(jobMs),
        result.rows.toLocaleString('en-US'),
        bytes(stat?.size ?? result.size),
        bytes(peakRss),
        ratio(jobMs, copy.ms),
      ],
    ]);
    console.log(
      `worker memory: RSS ${bytes(baseRss)} before, peak ${bytes(peakRss)} (+${bytes(peakRss - baseRss)}); heap ${bytes(baseHeap)} before, peak ${bytes(peakHeap)}`,
    );
    const met = jobMs <= AIM_RATIO * copy.ms && peakRss < AIM_RSS;
    console.log(`aim (≤ ${AIM_RATIO}× the bare COPY, peak RSS < 256 MB): ${met ? 'met' : 'NOT met'}`);
  } finally {
    await handle?.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
