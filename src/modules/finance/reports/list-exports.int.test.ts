import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { workRegistry } from '../../../app/jobs.js';
import { EXPORT_MAX_ROWS } from '../../../platform/http/csv-export.js';
import { parseCsv } from '../../../platform/http/csv.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { F, createParty, issued, line } from '../documents/test-support.js';
import { chart, entry, type AccountRef } from '../test/finance-helpers.js';
import { FINANCE_EXPORT_LISTS, type FinanceExportList } from './list-exports.js';

type Job = {
  id: string;
  status: string;
  progress: number;
  result: { file: { key: string; name: string }; size: number; rows: number } | null;
  download: { url: string } | null;
};

let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant'])).token;
  accounts = await chart(t, token);
  const acme = (await createParty(t, token, { kind: 'customer', name: 'Acme, "Retail"' })).id;
  await createParty(t, token, { kind: 'vendor', name: '=HYPERLINK("http://evil.example")' });
  for (let i = 1; i <= 5; i++)
    await issued(t, token, 'invoices', {
      partyId: acme,
      date: `2026-02-0${i}`,
      reference: i % 2 ? `-${i}+1` : `ref ${i}`,
      lines: [line('1', `${i}00.00`)],
    });
  const pay = await t.request('POST', `${F}/payments`, {
    token,
    body: { direction: 'received', partyId: acme, date: '2026-02-10', amount: '30.00', reference: '@pay' },
  });
  expect(pay.status).toBe(201);
  const draft = await t.request('POST', `${F}/journal-entries`, {
    token,
    body: entry(
      '2026-03-01',
      [
        { accountId: accounts['1100']!.id, debit: '5.00' },
        { accountId: accounts['3100']!.id, credit: '5.00' },
      ],
      { memo: `=SUM(1), "memo"` },
    ),
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
});
afterAll(async () => {
  delete process.env.MOMS_FINANCE_EXPORT_PAGE;
  await t?.close();
});

async function fileOf(job: Job): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of await (await t.runtime.getFileStore()).read(job.result!.file.key))
    chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

async function runExport(list: FinanceExportList, filter: Record<string, string> = {}) {
  const started = await t.request<{ jobId: string; location: string }>('POST', `${F}/exports`, {
    token,
    body: { list, filter },
  });
  expect(started.status).toBe(202);
  expect(started.headers.get('location')).toBe(`/api/v1/jobs/${started.body.jobId}`);
  const runs = (await drainJobs(t.db, workRegistry)).filter((r) => r.jobId === started.body.jobId);
  const job = (await t.request<Job & { error: string | null }>('GET', `/api/v1/jobs/${started.body.jobId}`, { token }))
    .body;
  expect(
    runs.map((r) => r.outcome),
    job.error ?? '',
  ).toEqual(['succeeded']);
  expect(job).toMatchObject({ status: 'succeeded', progress: 100 });
  expect(job.download!.url).toBeTruthy();
  const file = await fileOf(job);
  expect(job.result!.size).toBe(Buffer.byteLength(file));
  return { job, file };
}

describe('POST /finance/exports (a Finance list exported in the background)', () => {
  it('writes the same CSV as each synchronous export.csv, page by page', async () => {
    process.env.MOMS_FINANCE_EXPORT_PAGE = '2';
    const filters: Partial<Record<FinanceExportList, Record<string, string>>> = {
      invoices: { sort: '-date', status: 'issued,partially-paid' },
      'journal-entries': { sort: 'date' },
    };
    for (const list of FINANCE_EXPORT_LISTS) {
      const filter = filters[list] ?? {};
      const { job, file } = await runExport(list, filter);
      expect(job.result!.file.name).toBe(`${list}.csv`);
      const sync = await t.request<string>('GET', `${F}/${list}/export.csv?${new URLSearchParams(filter)}`, { token });
      expect(sync.status, list).toBe(200);
      expect(file, list).toBe(sync.body);
      expect(parseCsv(file)).toHaveLength(job.result!.rows + 1);
    }
    const invoices = await runExport('invoices', filters.invoices);
    expect(invoices.job.result!.rows).toBe(5);
    expect(invoices.file).toContain(",'-1+1,");
    const journal = await runExport('journal-entries', filters['journal-entries']);
    expect(journal.file).toContain(`"'=SUM(1), ""memo"""`);
  });

  it('has no row cap: more parties than EXPORT_MAX_ROWS export as a job (the synchronous route says 422)', async () => {
    delete process.env.MOMS_FINANCE_EXPORT_PAGE;
    await sql`insert into finance.parties (kind, name)
              select 'vendor', 'Bulk vendor ' || lpad(g::text, 6, '0') from generate_series(1, ${EXPORT_MAX_ROWS}::int) g`.execute(
      t.db,
    );
    const filter = { kind: 'vendor', sort: 'name' };
    const sync = await t.request<{ detail: string }>('GET', `${F}/parties/export.csv?${new URLSearchParams(filter)}`, {
      token,
    });
    expect(sync.status).toBe(422);
    expect(sync.body.detail).toMatch(/background/);
    const { job, file } = await runExport('parties', filter);
    expect(job.result!.rows).toBe(EXPORT_MAX_ROWS + 1);
    expect(file.split('\r\n').filter((l) => l.startsWith('Bulk vendor '))).toHaveLength(EXPORT_MAX_ROWS);
  }, 300_000);

  it('refuses a bad filter, paging, an unknown list (422) and callers without finance:read (403/401)', async () => {
    const bad = await t.request('POST', `${F}/exports`, {
      token,
      body: { list: 'payments', filter: { sort: 'shoeSize' } },
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('filter.sort');
    const paging = await t.request('POST', `${F}/exports`, {
      token,
      body: { list: 'parties', filter: { limit: '5' } },
    });
    expect(paging.status).toBe(422);
    expect((await t.request('POST', `${F}/exports`, { token, body: { list: 'leads' } })).status).toBe(422);
    const outsider = await t.userWithRoles(['employee']);
    expect((await t.request('POST', `${F}/exports`, { token: outsider.token, body: { list: 'bills' } })).status).toBe(
      403,
    );
    expect((await t.request('POST', `${F}/exports`, { body: { list: 'bills' } })).status).toBe(401);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('action', '=', 'finance.export-started')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});
