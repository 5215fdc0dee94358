import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { workRegistry } from '../../../app/jobs.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { accountForRole, seedLedgerLines } from '../../finance/index.js';
import { analyticsClient, salesPeople, type SalesPeople } from '../analytics.test-support.js';

type Question = { id: string; version: number; canEdit: boolean; shares: unknown[] };
type Dashboard = { id: string; version: number; cards: { id: string; questionId: string }[] };
type CardResult = {
  title: string;
  result: { rows: Record<string, string | null>[]; totals: Record<string, string | null>[] } | null;
  problem: { status: number } | null;
};
type Job = { status: string; result: { file: { key: string; name: string } } | null };

let t: TestApp;
let p: SalesPeople;
let analytics: ReturnType<typeof analyticsClient>;
let pipeline: Question;
let revenue: Question;
let board: Dashboard;

beforeAll(async () => {
  t = await createTestApp();
  analytics = analyticsClient(t);
  p = await salesPeople(t);
  const create = async (token: string, name: string, amount: string, currency: string) => {
    const res = await t.request('POST', '/api/v1/crm/opportunities', { token, body: { name, amount, currency } });
    if (res.status !== 201) throw new Error(`opportunity: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await create(p.repA.token, 'A1', '100.25', 'EUR');
  await create(p.repA.token, 'A2', '40', 'USD');
  await create(p.repB.token, 'B1', '999.99', 'EUR');
  // 12 entries of 2 sales lines and a balancing credit, spread over 2026.
  await seedLedgerLines(t.db, {
    debitAccountId: await accountForRole(t.db, 'bank'),
    creditAccountId: await accountForRole(t.db, 'sales'),
    entries: 12,
    linesPerEntry: 2,
    year: 2026,
  });
});
afterAll(async () => {
  await t?.close();
});

describe('saved questions and dashboards', () => {
  it('saves a question, shares it with a role, and each reader runs it with their own visibility', async () => {
    const rep = await analytics('POST', '/questions', {
      token: p.repA.token,
      body: { name: 'Mine', visualization: 'table', query: { dataset: 'crm.opportunities', measures: ['count'] } },
    });
    expect(rep.status).toBe(403); // a rep reads, an analyst writes

    const bad = await analytics<{ errors: { path: string }[] }>('POST', '/questions', {
      token: p.admin.token,
      body: { name: 'Bad', visualization: 'bar', query: { dataset: 'crm.opportunities', measures: ['balance'] } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.path)).toEqual(['query.measures.0']);

    const created = await analytics<Question>('POST', '/questions', {
      token: p.admin.token,
      body: {
        name: 'Pipeline by currency',
        visualization: 'bar',
        query: { dataset: 'crm.opportunities', measures: ['count', 'totalAmount'] },
        shares: [{ type: 'role', role: 'sales-rep' }],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    pipeline = created.body;
    expect(created.headers.get('location')).toBe(`/api/v1/analytics/questions/${pipeline.id}`);

    const listed = await analytics<{ items: { id: string; canEdit: boolean }[] }>('GET', '/questions', {
      token: p.repB.token,
    });
    expect(listed.body.items.map((q) => [q.id, q.canEdit])).toEqual([[pipeline.id, false]]);
    const asAdmin = await analytics<{ rows: unknown[] }>('POST', `/questions/${pipeline.id}/results`, {
      token: p.admin.token,
    });
    const asRepB = await analytics<{ rows: unknown[] }>('POST', `/questions/${pipeline.id}/results`, {
      token: p.repB.token,
    });
    expect(asAdmin.body.rows).toEqual([
      { currency: 'EUR', count: '2', totalAmount: '1100.2400' },
      { currency: 'USD', count: '1', totalAmount: '40.0000' },
    ]);
    expect(asRepB.body.rows).toEqual([{ currency: 'EUR', count: '1', totalAmount: '999.9900' }]);
    // Not shared with the manager (a sales-manager, not a sales-rep): it does not exist for them.
    expect((await analytics('GET', `/questions/${pipeline.id}`, { token: p.manager.token })).status).toBe(404);

    const stale = await analytics('PATCH', `/questions/${pipeline.id}`, {
      token: p.admin.token,
      body: { version: pipeline.version + 1, name: 'Later' },
    });
    expect(stale.status).toBe(409);

    const revenueQ = await analytics<Question>('POST', '/questions', {
      token: p.admin.token,
      body: {
        name: 'Sales by month',
        visualization: 'line',
        query: {
          dataset: 'finance.journal-lines',
          dimensions: [{ field: 'date', grain: 'month' }],
          measures: ['totalCredit', 'lines'],
          filters: [{ field: 'accountCode', op: 'eq', value: '4100' }],
        },
      },
    });
    expect(revenueQ.status, JSON.stringify(revenueQ.body)).toBe(201);
    revenue = revenueQ.body;
  });

  it('a dashboard: a grid of cards, its filters applied to every card that has the field, shared with a user', async () => {
    const res = await analytics<Dashboard>('POST', '/dashboards', {
      token: p.admin.token,
      body: {
        name: 'Executive',
        // CRM's opportunities have names; Finance's lines do not: the filter skips that card.
        filters: [{ field: 'name', op: 'in', values: ['A1', 'B1'] }],
        cards: [
          { questionId: pipeline.id, x: 0, y: 0, w: 6, h: 4 },
          { questionId: revenue.id, title: 'Sales', x: 6, y: 0, w: 6, h: 4 },
        ],
        shares: [{ type: 'user', userId: p.repA.id }],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    board = res.body;
    expect(board.cards.map((c) => c.questionId)).toEqual([pipeline.id, revenue.id]);

    const admin = await analytics<{ cards: CardResult[] }>('POST', `/dashboards/${board.id}/results`, {
      token: p.admin.token,
    });
    expect(admin.status).toBe(200);
    expect(admin.body.cards[0]!.result!.rows).toEqual([{ currency: 'EUR', count: '2', totalAmount: '1100.2400' }]);
    const sales = admin.body.cards[1]!.result!;
    expect(sales.rows.map((r) => r.date)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']); // seeded over 12 weeks
    const { rows } = await sql<{ total: string }>`select sum(l.base_credit)::text as total from finance.journal_lines l
      join finance.accounts a on a.id = l.account_id where a.code = '4100' and l.posted_date is not null`.execute(t.db);
    expect(sales.totals).toEqual([{ currency: 'USD', totalCredit: rows[0]!.total, lines: '12' }]);

    // Rep A: their own opportunity of the two named; the Finance card tells them why it is empty.
    const rep = await analytics<{ cards: CardResult[] }>('POST', `/dashboards/${board.id}/results`, {
      token: p.repA.token,
    });
    expect(rep.body.cards[0]!.result!.rows).toEqual([{ currency: 'EUR', count: '1', totalAmount: '100.2500' }]);
    expect(rep.body.cards[1]).toMatchObject({ title: 'Sales', result: null, problem: { status: 403 } });
    // Not shared with rep B.
    expect((await analytics('GET', `/dashboards/${board.id}`, { token: p.repB.token })).status).toBe(404);

    // A question on a dashboard cannot be deleted; changes are audited.
    const del = await analytics('DELETE', `/questions/${pipeline.id}?version=${pipeline.version}`, {
      token: p.admin.token,
    });
    expect(del.status).toBe(409);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', 'in', [pipeline.id, revenue.id, board.id])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'analytics.question-created',
      'analytics.question-created',
      'analytics.dashboard-created',
    ]);
  });
});

async function exportFile(token: string, body: Record<string, unknown>) {
  const started = await analytics<{ jobId: string }>('POST', '/exports', { token, body });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const runs = (await drainJobs(t.db, workRegistry)).filter((r) => r.jobId === started.body.jobId);
  const job = (await t.request<Job>('GET', `/api/v1/jobs/${started.body.jobId}`, { token })).body;
  if (!job.result) return { outcome: runs[0]?.outcome, job, bytes: null };
  const chunks: Buffer[] = [];
  for await (const c of await (await t.runtime.getFileStore()).read(job.result.file.key))
    chunks.push(Buffer.from(c as Uint8Array));
  return { outcome: runs[0]?.outcome, job, bytes: Buffer.concat(chunks) };
}

describe('exports (jobs into the file store)', () => {
  it('a dashboard as XLSX: one sheet per card, numbers as numbers and dates as dates, the reader’s rows', async () => {
    const { outcome, job, bytes } = await exportFile(p.repA.token, { dashboardId: board.id, format: 'xlsx' });
    expect(outcome).toBe('succeeded');
    expect(job.result!.file.name).toBe('Executive.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes! as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['About', 'Pipeline by currency', 'Sales']);
    const pipelineSheet = book.getWorksheet('Pipeline by currency')!;
    expect(pipelineSheet.getRow(2).values).toEqual([undefined, 'Currency', 'Opportunities', 'Amount']);
    const row = pipelineSheet.getRow(3);
    expect(row.getCell(1).value).toBe('EUR');
    expect(row.getCell(2).value).toBe(1);
    expect(row.getCell(3).value).toBe(100.25);
    expect(typeof row.getCell(3).value).toBe('number');
    // Rep A may not read Finance: the sheet says why, with no rows.
    expect(String(book.getWorksheet('Sales')!.getRow(2).getCell(1).value)).toMatch(/Dataset not visible/);

    const admin = await exportFile(p.admin.token, { dashboardId: board.id, format: 'xlsx' });
    const adminBook = new ExcelJS.Workbook();
    await adminBook.xlsx.load(admin.bytes! as unknown as ArrayBuffer);
    const sales = adminBook.getWorksheet('Sales')!;
    expect(sales.getRow(3).getCell(1).value).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(sales.getRow(3).getCell(2).value).toBe('USD');
    expect(sales.getRow(3).getCell(3).value).toBeTypeOf('number');
    expect(sales.getRow(3).getCell(4).value).toBeTypeOf('number');
  });

  it('a question as CSV with extra filters; a reader who lost access gets no file', async () => {
    const { bytes } = await exportFile(p.repB.token, {
      questionId: pipeline.id,
      format: 'csv',
      filters: [{ field: 'currency', op: 'in', values: ['EUR'] }],
    });
    const lines = bytes!.toString('utf8').trim().split('\r\n');
    expect(lines.slice(-3)).toEqual(['Currency,Opportunities,Amount', 'EUR,1,999.9900', 'EUR,1,999.9900']);

    // Rep B loses the sales-rep role (and with it analytics:read): the export runs with today's roles.
    const user = await t.request<{ version: number }>('GET', `/api/v1/auth/users/${p.repB.id}`, {
      token: p.admin.token,
    });
    const started = await analytics<{ jobId: string }>('POST', '/exports', {
      token: p.repB.token,
      body: { questionId: pipeline.id, format: 'csv' },
    });
    expect(started.status).toBe(202);
    const roles = await t.request('PUT', `/api/v1/auth/users/${p.repB.id}/roles`, {
      token: p.admin.token,
      body: { version: user.body.version, roles: ['employee'] },
    });
    expect(roles.status).toBe(200);
    const runs = (await drainJobs(t.db, workRegistry)).filter((r) => r.jobId === started.body.jobId);
    expect(runs.map((r) => r.outcome)).not.toContain('succeeded');
    const job = await t.db
      .selectFrom('platform.jobs')
      .select(['status', 'result'])
      .where('id', '=', started.body.jobId)
      .executeTakeFirstOrThrow();
    expect(job.result).toBeNull();
  });
});
