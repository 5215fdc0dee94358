import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { workRegistry } from '../../../app/jobs.js';
import { parseCsv } from '../../../platform/http/csv.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { canCopy } from '../../../platform/jobs/pg-copy.js';
import { chart, financeReader, type AccountRef } from '../test/finance-helpers.js';
import { seedLedgerLines } from '../test/seed-ledger-lines.js';

type Job = {
  id: string;
  status: string;
  progress: number;
  result: { file: { key: string; name: string; contentType: string }; size: number; rows: number } | null;
  download: { url: string; expiresAt: string } | null;
};

let t: TestApp;
let owner: { id: string; token: string };
let other: { id: string; token: string };
let admin: { token: string };
let accounts: Record<string, AccountRef>;
const E = '/api/v1/finance/exports/general-ledger';
const LINES = 6 * 9;

beforeAll(async () => {
  // One connection, as a Lambda worker has: a COPY holds it only while it streams.
  t = await createTestApp({ poolMax: 1 });
  owner = await t.userWithRoles(['accountant']);
  other = await financeReader(t);
  admin = await t.userWithRoles(['admin']);
  accounts = await chart(t, owner.token);
  await seedLedgerLines(t.db, {
    debitAccountId: accounts['1300']!.id,
    creditAccountId: accounts['4100']!.id,
    entries: 6,
    linesPerEntry: 9,
  });
  // Cells the CSV rules treat specially (quotes, line ends, formula prefixes, plain numbers, empty):
  // the job's lines (made by the database) must match the synchronous export's (made by toCsv).
  const tricky = ['multi\nline', '-12.50', '+1 call', '@home', '\tindented', '', 'cr\rhere', '-minus', '"quoted"'];
  await t.db.transaction().execute(async (trx) => {
    // Posted lines are immutable (a trigger): this is test data, written past it.
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`update finance.journal_lines l set description = (${tricky}::text[])[1 + l.line_no % ${tricky.length}::int]
               where l.account_id = ${accounts['1300']!.id}`.execute(trx);
  });
});
afterAll(async () => {
  delete process.env.MOMS_GL_EXPORT_CHUNK;
  await t?.close();
});

const filters = () => ({ accountId: accounts['1300']!.id, from: '2026-02-01', to: '2026-12-31' });

async function startExport(chunk: number, token = owner.token) {
  process.env.MOMS_GL_EXPORT_CHUNK = String(chunk);
  const res = await t.request<{ jobId: string; location: string }>('POST', E, { token, body: filters() });
  expect(res.status).toBe(202);
  expect(res.headers.get('location')).toBe(`/api/v1/jobs/${res.body.jobId}`);
  return res.body.jobId;
}

async function fileOf(job: Job): Promise<string> {
  const store = await t.runtime.getFileStore();
  const chunks: Buffer[] = [];
  for await (const c of await store.read(job.result!.file.key)) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

const getJob = async (id: string, token = owner.token) => t.request<Job>('GET', `/api/v1/jobs/${id}`, { token });

describe('POST /finance/exports/general-ledger (a background job)', () => {
  let resumedId = '';
  let resumed = '';

  it('resumes across at least 3 invocations (tiny remainingMs) and ends with a download link', async () => {
    // On PostgreSQL over TCP the chunks are COPY streams; on PGlite, queries (the same bytes either way).
    expect(canCopy(t.db)).toBe(t.handle.kind === 'postgres');
    resumedId = await startExport(7);
    const runs = await drainJobs(t.db, workRegistry, { sliceMs: 1 });
    const mine = runs.filter((r) => r.jobId === resumedId).map((r) => r.outcome);
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(mine.at(-1)).toBe('succeeded');
    expect(mine.slice(0, -1).every((o) => o === 'continue')).toBe(true);
    const job = (await getJob(resumedId)).body;
    expect(job).toMatchObject({ status: 'succeeded', progress: 100 });
    expect(job.result!.file.name).toBe(`general-ledger-1300-2026-02-01-2026-12-31.csv`);
    expect(job.download!.url).toMatch(/\/api\/local-files\/get\/results\/\d{4}\/\d{2}\//);
    expect(Date.parse(job.download!.expiresAt)).toBeGreaterThan(Date.now());
    resumed = await fileOf(job);
    expect(job.result!.size).toBe(Buffer.byteLength(resumed));
    // No part files are left behind.
    const store = await t.runtime.getFileStore();
    expect(await store.stat(`${job.result!.file.key}.part-000000`)).toBeNull();
  });

  it('writes exactly the same file in one invocation, and the same CSV as the synchronous export', async () => {
    const id = await startExport(10_000);
    const runs = (await drainJobs(t.db, workRegistry)).filter((r) => r.jobId === id);
    expect(runs.map((r) => r.outcome)).toEqual(['succeeded']);
    const oneRun = await fileOf((await getJob(id)).body);
    expect(oneRun).toBe(resumed);
    const q = new URLSearchParams(filters()).toString();
    const sync = await t.request<string>('GET', `/api/v1/finance/reports/general-ledger.csv?${q}`, {
      token: owner.token,
    });
    expect(sync.status).toBe(200);
    expect(oneRun).toBe(sync.body);
    for (const cell of [
      '"multi\nline"',
      ',-12.50,',
      ",'+1 call,",
      ",'@home,",
      '"""quoted"""',
      '"cr\rhere"',
      ",'-minus,",
    ])
      expect(oneRun).toContain(cell);
    const rows = parseCsv(oneRun);
    expect(rows[0]).toEqual(['date', 'entry_number', 'reference', 'memo', 'description', 'debit', 'credit', 'balance']);
    // Header, opening, the lines in the range, closing; and the count the result reports.
    const job = (await getJob(id)).body;
    expect(rows.length).toBe(job.result!.rows + 3);
    expect(job.result!.rows).toBeGreaterThan(0);
    expect(job.result!.rows).toBeLessThan(LINES);
  });

  it("hides a user's export from another user (404) and gives nobody else a download link", async () => {
    const notFound = await getJob(resumedId, other.token);
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const list = await t.request<{ items: Job[] }>('GET', '/api/v1/jobs?limit=200', { token: other.token });
    expect(list.body.items.map((j) => j.id)).not.toContain(resumedId);
    const asAdmin = await getJob(resumedId, admin.token);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.download).toBeNull();
    const mine = await t.request<{ items: Job[] }>('GET', '/api/v1/jobs?limit=200', { token: owner.token });
    expect(mine.body.items.find((j) => j.id === resumedId)?.download?.url).toBeTruthy();
  });

  it('audits the start, and refuses bad filters, unknown accounts and callers without finance:read', async () => {
    const audit = await t.db.selectFrom('platform.audit_log').selectAll().where('entity_id', '=', resumedId).execute();
    expect(audit).toHaveLength(1);
    const badRange = await t.request('POST', E, { token: owner.token, body: { ...filters(), from: '2027-01-01' } });
    expect(badRange.status).toBe(422);
    const unknown = await t.request('POST', E, {
      token: owner.token,
      body: { ...filters(), accountId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.status).toBe(404);
    const employee = await t.userWithRoles(['employee']);
    expect((await t.request('POST', E, { token: employee.token, body: filters() })).status).toBe(403);
    expect((await t.request('POST', E, { body: filters() })).status).toBe(401);
  });
});
