import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { workRegistry } from '../../../app/jobs.js';
import type { JobContext } from '../../../platform/jobs/job-registry.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { analyticsClient, salesPeople, type SalesPeople } from '../analytics.test-support.js';
import { runSubscription, runSubscriptionsDue } from './subscriptions.job.js';

type Sub = { id: string; version: number; nextRunAt: string | null };
type Job = { status: string; result: { file: { key: string; name: string } } | null };

/** The text of a PDF as a reader extracts it (pdf.js through unpdf), whitespace runs collapsed. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

let t: TestApp;
let p: SalesPeople;
let analytics: ReturnType<typeof analyticsClient>;
let board: { id: string };
let pipeline: { id: string };
let count: { id: string };

const ctx = () => ({ db: t.db, jobId: randomUUID(), progress: async () => {}, attempt: 1 }) as unknown as JobContext;

async function opportunity(token: string, name: string, amount: string) {
  const res = await t.request('POST', '/api/v1/crm/opportunities', { token, body: { name, amount, currency: 'EUR' } });
  if (res.status !== 201) throw new Error(`opportunity: ${res.status}`);
}

async function readFile(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await (await t.runtime.getFileStore()).read(key)) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

/** The mails queued with this template: to whom, with which attachments. */
async function mails(template: string) {
  const rows = await t.db
    .selectFrom('platform.jobs')
    .select(['payload', 'created_at'])
    .where('type', '=', 'platform.mail.send')
    .orderBy('created_at')
    .execute();
  return rows
    .map(
      (r) =>
        r.payload as {
          template: string;
          to: { address: string }[];
          data: Record<string, string>;
          attachments?: { fileKey: string; fileName: string }[];
        },
    )
    .filter((m) => m.template === template);
}

beforeAll(async () => {
  t = await createTestApp();
  analytics = analyticsClient(t);
  p = await salesPeople(t);
  await opportunity(p.repA.token, 'Alpha', '100');
  await opportunity(p.repB.token, 'Beta', '200');
  await opportunity(p.repB.token, 'Gamma', '300');
  const question = async (body: Record<string, unknown>) => {
    const res = await analytics<{ id: string }>('POST', '/questions', {
      token: p.admin.token,
      body: { shares: [{ type: 'role', role: 'sales-rep' }], ...body },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  pipeline = await question({
    name: 'Pipeline by stage',
    visualization: 'bar',
    query: { dataset: 'crm.opportunities', dimensions: ['stage'], measures: ['count', 'totalAmount'] },
  });
  const trend = await question({
    name: 'Created by month',
    visualization: 'line',
    query: {
      dataset: 'crm.opportunities',
      dimensions: [{ field: 'createdDate', grain: 'month' }],
      measures: ['count'],
    },
  });
  count = await question({
    name: 'My opportunities',
    visualization: 'number',
    shares: [
      { type: 'role', role: 'sales-rep' },
      { type: 'role', role: 'sales-manager' },
    ],
    query: { dataset: 'crm.opportunities', measures: ['count'] },
  });
  const res = await analytics<{ id: string }>('POST', '/dashboards', {
    token: p.admin.token,
    body: {
      name: 'Sales board',
      cards: [
        { questionId: pipeline.id, x: 0, y: 0, w: 12, h: 6 },
        { questionId: trend.id, x: 12, y: 0, w: 12, h: 6 },
        { questionId: count.id, title: 'Opportunities', x: 0, y: 6, w: 6, h: 3 },
      ],
      shares: [{ type: 'role', role: 'sales-rep' }],
    },
  });
  expect(res.status).toBe(201);
  board = res.body;
});
afterAll(async () => {
  await t?.close();
});

describe('PDF export', () => {
  it('a dashboard as PDF: title, as-of, filters, each card with its chart and table, the reader’s rows', async () => {
    const started = await analytics<{ jobId: string }>('POST', '/exports', {
      token: p.repB.token,
      body: { dashboardId: board.id, format: 'pdf', filters: [{ field: 'currency', op: 'eq', value: 'EUR' }] },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runs = (await drainJobs(t.db, workRegistry)).filter((r) => r.jobId === started.body.jobId);
    expect(runs.map((r) => r.outcome)).toContain('succeeded');
    const job = (await t.request<Job>('GET', `/api/v1/jobs/${started.body.jobId}`, { token: p.repB.token })).body;
    expect(job.result!.file.name).toBe('Sales board.pdf');
    const bytes = await readFile(job.result!.file.key);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toBe('Sales board');
    const text = await pdfText(bytes);
    for (const part of ['Sales board', 'As of', 'Filters:', 'Pipeline by stage', 'Created by month', 'Opportunities'])
      expect(text).toContain(part);
    // Rep B's rows: their two opportunities (500.00 EUR), never rep A's 100.
    expect(text).toContain('500.00');
    expect(text).toMatch(/Count by Stage|Opportunities \(EUR\)|by Stage/);
    expect(text).toContain('Page 1 of');
  });
});

describe('subscriptions: on a schedule, as each recipient, once per period', () => {
  it('mails each recipient their own rows; a second run in the period sends nothing; who lost access gets nothing', async () => {
    const created = await analytics<Sub>('POST', '/subscriptions', {
      token: p.admin.token,
      body: {
        name: 'Morning sales',
        kind: 'report',
        dashboardId: board.id,
        format: 'xlsx',
        schedule: { frequency: 'daily', hour: 7, timeZone: 'Europe/Paris' },
        recipients: [p.repA.id, p.repB.id],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const sub = created.body;
    const due = new Date(sub.nextRunAt!);
    expect(due.getUTCHours()).toBe(6); // 07:00 in Paris in December
    // No standing schedule: one delayed tick, due then.
    const ticks = await t.db
      .selectFrom('platform.jobs')
      .select('next_attempt_at')
      .where('type', '=', 'analytics.subscriptions-due')
      .where('status', '=', 'queued')
      .execute();
    expect(ticks.map((j) => new Date(j.next_attempt_at).toISOString())).toContain(due.toISOString());

    // The tick at that time queues the run and moves the next run a day on.
    const tick = await runSubscriptionsDue({}, ctx(), new Date(due.getTime() + 60_000));
    expect(tick).toMatchObject({ result: { queued: 1 } });
    const after = (await analytics<Sub>('GET', `/subscriptions/${sub.id}`, { token: p.admin.token })).body;
    expect(new Date(after.nextRunAt!).getTime() - due.getTime()).toBe(24 * 3600_000);
    await drainJobs(t.db, workRegistry);
    const first = await mails('analytics.report');
    expect(first.map((m) => m.to[0]!.address).sort()).toEqual(
      [
        (await t.db.selectFrom('auth.users').select('email').where('id', '=', p.repA.id).executeTakeFirstOrThrow())
          .email,
        (await t.db.selectFrom('auth.users').select('email').where('id', '=', p.repB.id).executeTakeFirstOrThrow())
          .email,
      ].sort(),
    );
    // Each file holds its recipient's rows.
    const counts: number[] = [];
    for (const m of first) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await readFile(m.attachments![0]!.fileKey)) as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('Opportunities')!;
      counts.push(Number(sheet.getRow(3).getCell(1).value));
    }
    expect(counts.sort()).toEqual([1, 2]);

    // The same period again (a duplicate delivery): nothing more.
    const period = first[0]!.data.period!;
    expect(await runSubscription({ subscriptionId: sub.id, period }, ctx())).toMatchObject({
      result: { skipped: 'already sent' },
    });
    expect(await mails('analytics.report')).toHaveLength(2);

    // Rep B loses analytics (the sales-rep role): the next period mails rep A only.
    const user = await t.request<{ version: number }>('GET', `/api/v1/auth/users/${p.repB.id}`, {
      token: p.admin.token,
    });
    const roles = await t.request('PUT', `/api/v1/auth/users/${p.repB.id}/roles`, {
      token: p.admin.token,
      body: { version: user.body.version, roles: ['employee'] },
    });
    expect(roles.status).toBe(200);
    expect(await runSubscription({ subscriptionId: sub.id, period: 'next' }, ctx())).toMatchObject({
      result: { mails: 1, skipped: 1 },
    });
    const all = await mails('analytics.report');
    expect(all).toHaveLength(3);
    const repAEmail = (
      await t.db.selectFrom('auth.users').select('email').where('id', '=', p.repA.id).executeTakeFirstOrThrow()
    ).email;
    expect(all[2]!.to[0]!.address).toBe(repAEmail);
  });

  it('an alert mails once per crossing, not on every run, each recipient on their own number', async () => {
    const created = await analytics<Sub>('POST', '/subscriptions', {
      token: p.admin.token,
      body: {
        name: 'Busy rep',
        kind: 'alert',
        questionId: count.id,
        alert: { measure: 'count', condition: 'above', threshold: '2' },
        schedule: { frequency: 'hourly', timeZone: 'UTC' },
        recipients: [p.repA.id, p.manager.id],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const run = (period: string) => runSubscription({ subscriptionId: id, period }, ctx());
    // Rep A: 1 opportunity; the manager sees rep A's and their own: 2. Neither is above 2.
    await opportunity(p.manager.token, 'Zeta', '1');
    expect(await run('h1')).toMatchObject({ result: { mails: 0 } });
    await opportunity(p.repA.token, 'Delta', '1');
    await opportunity(p.repA.token, 'Epsilon', '1');
    // Rep A now 3, the manager 4: both crossed, each mailed once with their own number.
    expect(await run('h2')).toMatchObject({ result: { mails: 2 } });
    // Still above: no mail.
    expect(await run('h3')).toMatchObject({ result: { mails: 0 } });
    expect(await run('h3')).toMatchObject({ result: { skipped: 'already sent' } });
    const sent = await mails('analytics.alert');
    expect(sent).toHaveLength(2);
    expect(sent.map((m) => m.data.value).sort()).toEqual(['3', '4']);
    expect(sent[0]!.data).toMatchObject({ condition: 'above', threshold: '2' });
    // Back below (a higher threshold), then above again: one more crossing each.
    const patch = async (threshold: string) => {
      const current = (await analytics<Sub>('GET', `/subscriptions/${id}`, { token: p.admin.token })).body;
      const res = await analytics('PATCH', `/subscriptions/${id}`, {
        token: p.admin.token,
        body: { version: current.version, alert: { measure: 'count', condition: 'above', threshold } },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await patch('10');
    expect(await run('h4')).toMatchObject({ result: { mails: 0 } });
    await patch('2');
    expect(await run('h5')).toMatchObject({ result: { mails: 2 } });
  });

  it('refuses bad input with 4xx (hourly reports, an alert on a dashboard, a zone that is none, a measure the question lacks)', async () => {
    const bad = [
      { kind: 'report', dashboardId: board.id, schedule: { frequency: 'hourly' } },
      {
        kind: 'alert',
        dashboardId: board.id,
        schedule: { frequency: 'daily' },
        alert: { measure: 'count', condition: 'above', threshold: '1' },
      },
      { kind: 'report', questionId: pipeline.id, schedule: { frequency: 'daily', timeZone: 'Mars/Olympus' } },
      {
        kind: 'alert',
        questionId: count.id,
        schedule: { frequency: 'daily' },
        alert: { measure: 'nope', condition: 'above', threshold: '1' },
      },
      { kind: 'report', questionId: randomUUID(), schedule: { frequency: 'daily' } },
    ];
    for (const body of bad) {
      const res = await analytics('POST', '/subscriptions', { token: p.admin.token, body: { name: 'x', ...body } });
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    // A rep may subscribe themselves, not others (analytics:write).
    const rep = await analytics('POST', '/subscriptions', {
      token: p.repA.token,
      body: {
        name: 'Mine',
        kind: 'report',
        questionId: pipeline.id,
        schedule: { frequency: 'weekly', weekday: 1 },
        recipients: [p.manager.id],
      },
    });
    expect(rep.status).toBe(403);
    const mine = await analytics<Sub>('POST', '/subscriptions', {
      token: p.repA.token,
      body: { name: 'Mine', kind: 'report', questionId: pipeline.id, schedule: { frequency: 'weekly', weekday: 1 } },
    });
    expect(mine.status).toBe(201);
  });
});
