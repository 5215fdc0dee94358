import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { workRegistry } from '../../../app/jobs.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { chart, financeReader, trialBalance, type AccountRef } from '../test/finance-helpers.js';
import { assetDepreciationJob } from './assets.jobs.js';

/** Issue #23: fixed assets — register, schedules, the monthly posting (once), disposal, the period lock. */

const F = '/api/v1/finance';

interface Asset {
  id: string;
  status: string;
  version: number;
  accumulatedDepreciation: string;
  bookValue: string;
  lastPostedPeriod: string | null;
  lastError: string | null;
  disposalEntryId: string | null;
}
interface Schedule {
  total: string;
  months: {
    period: string;
    date: string;
    amount: string;
    bookValue: string;
    posted: boolean;
    entryId: string | null;
  }[];
}
interface RunResult {
  posted: number;
  skipped: number;
  failed: number;
  errors: { assetId: string; period: string; code: string }[];
}
interface Problem {
  status: number;
  type?: string;
  errors?: { path: string; code?: string }[];
}
interface Entry {
  date: string;
  lines: { accountCode: string; debit: string; credit: string }[];
}

let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;
let categoryId: string;

beforeAll(async () => {
  t = await createTestApp({ poolMax: 10 });
  token = (await t.userWithRoles(['finance-admin'])).token;
  accounts = await chart(t, token);
  const res = await t.request<{ id: string }>('POST', `${F}/asset-categories`, {
    token,
    body: {
      name: 'Machines',
      assetAccountId: accounts['1600']!.id,
      accumulatedAccountId: accounts['1650']!.id,
      expenseAccountId: accounts['6700']!.id,
      usefulLifeMonths: 36,
      method: 'straight-line',
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  categoryId = res.body.id;
});
afterAll(() => t.close());

async function activeAsset(body: Record<string, unknown>) {
  const created = await t.request<Asset>('POST', `${F}/assets`, { token, body: { categoryId, ...body } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.status).toBe('draft');
  const active = await t.request<Asset>('POST', `${F}/assets/${created.body.id}/activate`, {
    token,
    body: { version: created.body.version },
  });
  expect(active.status, JSON.stringify(active.body)).toBe(200);
  return active.body;
}
const getAsset = async (id: string) => (await t.request<Asset>('GET', `${F}/assets/${id}`, { token })).body;
const schedule = async (id: string) => (await t.request<Schedule>('GET', `${F}/assets/${id}/schedule`, { token })).body;
const run = async (through: string) => {
  const res = await t.request<RunResult>('POST', `${F}/assets/depreciation/run?through=${through}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const entry = async (id: string) => (await t.request<Entry>('GET', `${F}/journal-entries/${id}`, { token })).body;
const ofAsset = (r: RunResult, id: string) => r.errors.filter((e) => e.assetId === id);

describe('categories and assets', () => {
  it('validates money, dates, accounts and method with 422 problem+json; finance:read only reads', async () => {
    const bad = await t.request<Problem>('POST', `${F}/assets`, {
      token,
      body: { categoryId, name: 'Lathe', cost: 1200.5, acquisitionDate: '2026-02-30' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(['acquisitionDate', 'cost']);
    const residual = await t.request<Problem>('POST', `${F}/assets`, {
      token,
      body: { categoryId, name: 'Lathe', cost: '100.00', residualValue: '100.00', acquisitionDate: '2026-01-01' },
    });
    expect(residual.status).toBe(422);
    expect(residual.body.errors).toEqual([expect.objectContaining({ path: 'residualValue' })]);
    const noRate = await t.request<Problem>('POST', `${F}/assets`, {
      token,
      body: { categoryId, name: 'Lathe', cost: '100.00', acquisitionDate: '2026-01-01', method: 'declining-balance' },
    });
    expect(noRate.status).toBe(422);
    expect(noRate.body.errors).toEqual([expect.objectContaining({ path: 'rate', code: 'required' })]);
    const wrongAccount = await t.request<Problem>('POST', `${F}/asset-categories`, {
      token,
      body: {
        name: 'Vans',
        assetAccountId: accounts['6700']!.id,
        accumulatedAccountId: accounts['1650']!.id,
        expenseAccountId: accounts['6700']!.id,
        usefulLifeMonths: 60,
        method: 'straight-line',
      },
    });
    expect(wrongAccount.status).toBe(422);
    expect(wrongAccount.headers.get('content-type')).toMatch(/problem\+json/);
    expect(wrongAccount.body.errors).toEqual([
      expect.objectContaining({ path: 'assetAccountId', code: 'wrong_account_type' }),
    ]);

    const reader = (await financeReader(t)).token;
    expect((await t.request('GET', `${F}/assets`, { token: reader })).status).toBe(200);
    expect((await t.request('GET', `${F}/asset-categories`, { token: reader })).status).toBe(200);
    const denied = await t.request('POST', `${F}/assets`, {
      token: reader,
      body: { categoryId, name: 'Lathe', cost: '100.00', acquisitionDate: '2026-01-01' },
    });
    expect(denied.status).toBe(403);
  });

  it('schedules both methods as the hand calculation does', async () => {
    const sl = await activeAsset({
      name: 'Laptop',
      cost: '1000.00',
      acquisitionDate: '2025-01-05',
      inServiceDate: '2025-01-10',
      usefulLifeMonths: 3,
    });
    const s = await schedule(sl.id);
    expect(s.total).toBe('1000.00');
    expect(s.months.map((m) => [m.period, m.date, m.amount])).toEqual([
      ['2025-01', '2025-01-31', '333.33'],
      ['2025-02', '2025-02-28', '333.33'],
      ['2025-03', '2025-03-31', '333.34'],
    ]);
    // 1,200.00 less 200.00 over 6 months at 240 % a year (20 % a month), switching to straight line in month 4.
    const db = await activeAsset({
      name: 'Press',
      cost: '1200.00',
      residualValue: '200.00',
      acquisitionDate: '2025-01-01',
      usefulLifeMonths: 6,
      method: 'declining-balance',
      rate: '2.4',
    });
    const d = await schedule(db.id);
    expect(d.months.map((m) => m.amount)).toEqual(['240.00', '192.00', '153.60', '138.13', '138.14', '138.13']);
    expect(d.months.at(-1)!.bookValue).toBe('200.00');
  });
});

describe('posting depreciation', () => {
  it('posts each month once: run twice, concurrently, and as the job queued twice', async () => {
    const a = await activeAsset({
      name: 'Forklift',
      cost: '900.00',
      acquisitionDate: '2026-01-15',
      usefulLifeMonths: 9,
    });
    await run('2026-02');
    expect((await getAsset(a.id)).accumulatedDepreciation).toBe('200.00');
    const again = await run('2026-02');
    expect(again.posted).toBe(0);
    // Two runs at the same moment through March: March is posted once.
    await Promise.all([run('2026-03'), run('2026-03')]);
    // The monthly job queued twice for April.
    await inTransaction(t.db, async (trx) => {
      for (let i = 0; i < 2; i++)
        await enqueueJob(trx, { type: assetDepreciationJob, payload: { through: '2026-04' }, createdBy: null });
    });
    await drainJobs(t.db, workRegistry);
    const posted = await t.db
      .selectFrom('finance.journal_entries')
      .select(['entry_date'])
      .where('source_type', '=', 'asset-depreciation')
      .where('source_id', '=', a.id)
      .orderBy('entry_date')
      .execute();
    expect(posted.map((e) => e.entry_date)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    const after = await getAsset(a.id);
    expect(after).toMatchObject({
      accumulatedDepreciation: '400.00',
      bookValue: '500.00',
      lastPostedPeriod: '2026-04',
    });
    const s = await schedule(a.id);
    expect(s.months.filter((m) => m.posted).map((m) => m.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const first = await entry(s.months[0]!.entryId!);
    expect(first.lines).toEqual([
      expect.objectContaining({ accountCode: '6700', debit: '100.00' }),
      expect.objectContaining({ accountCode: '1650', credit: '100.00' }),
    ]);
    expect((await trialBalance(t, token)).balanced).toBe(true);
  });

  it('a closed period is skipped with the error kept, and posts once reopened', async () => {
    await t.request('POST', `${F}/fiscal-years/2026/open`, { token });
    const years = await t.request<{ items: { year: number; periods: { id: string; period: number }[] }[] }>(
      'GET',
      `${F}/fiscal-years`,
      { token },
    );
    const may = years.body.items.find((y) => y.year === 2026)!.periods.find((p) => p.period === 5)!;
    const a = await activeAsset({ name: 'Drill', cost: '120.00', acquisitionDate: '2026-05-02', usefulLifeMonths: 12 });
    expect((await t.request('POST', `${F}/periods/${may.id}/close`, { token })).status).toBe(200);
    const refused = await run('2026-06');
    expect(ofAsset(refused, a.id)).toEqual([expect.objectContaining({ period: '2026-05', code: 'period-closed' })]);
    const stuck = await getAsset(a.id);
    expect(stuck).toMatchObject({ accumulatedDepreciation: '0.00', lastPostedPeriod: null });
    expect(stuck.lastError).toMatch(/^2026-05: /);
    // Disposing of it in the closed month is refused as a whole.
    const dispose = await t.request<Problem>('POST', `${F}/assets/${a.id}/dispose`, {
      token,
      body: { date: '2026-05-20', version: stuck.version },
    });
    expect(dispose.status).toBe(422);
    expect(dispose.body.type).toMatch(/period-closed$/);
    expect((await getAsset(a.id)).status).toBe('active');

    expect((await t.request('POST', `${F}/periods/${may.id}/reopen`, { token })).status).toBe(200);
    const ok = await run('2026-06');
    expect(ofAsset(ok, a.id)).toEqual([]);
    expect(await getAsset(a.id)).toMatchObject({ accumulatedDepreciation: '20.00', lastError: null });
  });
});

describe('disposal', () => {
  it('posts depreciation through the disposal month, then removes cost and depreciation with the gain', async () => {
    const a = await activeAsset({ name: 'Van', cost: '1200.00', acquisitionDate: '2026-01-05', usefulLifeMonths: 12 });
    const res = await t.request<Asset>('POST', `${F}/assets/${a.id}/dispose`, {
      token,
      body: { date: '2026-03-15', proceeds: '1000.00', proceedsAccountId: accounts['1200']!.id, version: a.version },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Jan–Mar: 3 × 100.00; book value 900.00; sold for 1,000.00: a gain of 100.00.
    expect(res.body).toMatchObject({ status: 'disposed', accumulatedDepreciation: '300.00' });
    const disposal = await entry(res.body.disposalEntryId!);
    expect(disposal.date).toBe('2026-03-15');
    expect(disposal.lines).toEqual([
      expect.objectContaining({ accountCode: '1650', debit: '300.00', credit: '0.00' }),
      expect.objectContaining({ accountCode: '1200', debit: '1000.00', credit: '0.00' }),
      expect.objectContaining({ accountCode: '1600', debit: '0.00', credit: '1200.00' }),
      expect.objectContaining({ accountCode: '4900', debit: '0.00', credit: '100.00' }),
    ]);
    // Disposed: no run posts it again, and it cannot be disposed of twice.
    await run('2026-12');
    expect((await getAsset(a.id)).accumulatedDepreciation).toBe('300.00');
    const twice = await t.request('POST', `${F}/assets/${a.id}/dispose`, {
      token,
      body: { date: '2026-04-01', version: res.body.version },
    });
    expect(twice.status).toBe(409);
  });

  it('scraps an asset for nothing with the loss', async () => {
    const a = await activeAsset({
      name: 'Printer',
      cost: '600.00',
      acquisitionDate: '2026-01-20',
      usefulLifeMonths: 6,
    });
    const missing = await t.request<Problem>('POST', `${F}/assets/${a.id}/dispose`, {
      token,
      body: { date: '2026-02-10', proceeds: '50.00', version: a.version },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'proceedsAccountId' })]);
    const res = await t.request<Asset>('POST', `${F}/assets/${a.id}/dispose`, {
      token,
      body: { date: '2026-02-10', version: a.version },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const disposal = await entry(res.body.disposalEntryId!);
    expect(disposal.lines).toEqual([
      expect.objectContaining({ accountCode: '1650', debit: '200.00' }),
      expect.objectContaining({ accountCode: '1600', credit: '600.00' }),
      expect.objectContaining({ accountCode: '4900', debit: '400.00' }),
    ]);
    expect((await trialBalance(t, token)).balanced).toBe(true);
  });
});

describe('an asset brought in part-depreciated (opening accumulated depreciation)', () => {
  it('validates the opening, continues the schedule after it and posts nothing into closed books', async () => {
    const body = {
      categoryId,
      name: 'Old press',
      cost: '12000.00',
      acquisitionDate: '2024-01-10',
      inServiceDate: '2024-01-15',
      usefulLifeMonths: 60,
    };
    const refused = async (extra: Record<string, unknown>) => {
      const res = await t.request<Problem>('POST', `${F}/assets`, { token, body: { ...body, ...extra } });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      return res.body.errors?.map((e) => [e.path, e.code]);
    };
    expect(await refused({ openingAccumulatedDepreciation: '5000.00' })).toEqual([['depreciatedThrough', 'required']]);
    expect(await refused({ openingAccumulatedDepreciation: '5000.00', depreciatedThrough: '2023-12-31' })).toEqual([
      ['depreciatedThrough', 'too_early'],
    ]);
    expect(await refused({ openingAccumulatedDepreciation: '12000.01', depreciatedThrough: '2025-12-31' })).toEqual([
      ['openingAccumulatedDepreciation', 'too_big'],
    ]);
    // The books are closed through 2025: an opening through mid-2025 would post into them.
    const year = await t.request('POST', `${F}/fiscal-years`, {
      token,
      body: { startDate: '2025-01-01', endDate: '2025-12-31' },
    });
    expect([201, 409]).toContain(year.status);
    expect((await t.request('POST', `${F}/fiscal-years/2025/close`, { token })).status).toBeLessThan(300);
    expect(await refused({ openingAccumulatedDepreciation: '3000.00', depreciatedThrough: '2025-06-30' })).toEqual([
      ['depreciatedThrough', 'period-closed'],
    ]);

    const asset = await activeAsset({
      ...body,
      openingAccumulatedDepreciation: '5000.00',
      depreciatedThrough: '2025-12-31',
    });
    expect(asset).toMatchObject({ accumulatedDepreciation: '5000.00', bookValue: '7000.00' });
    const plan = await schedule(asset.id);
    expect(plan.total).toBe('7000.00');
    expect(plan.months).toHaveLength(36);
    expect(plan.months[0]).toMatchObject({ period: '2026-01', amount: '194.44', bookValue: '6805.56' });
    expect(plan.months.at(-1)).toMatchObject({ period: '2028-12', amount: '194.60', bookValue: '0.00' });

    const result = await run('2026-02');
    expect(ofAsset(result, asset.id)).toEqual([]);
    const after = await getAsset(asset.id);
    expect(after).toMatchObject({
      accumulatedDepreciation: '5388.88',
      bookValue: '6611.12',
      lastPostedPeriod: '2026-02',
    });
    const posted = (await schedule(asset.id)).months.filter((m) => m.posted);
    expect(posted.map((m) => m.period)).toEqual(['2026-01', '2026-02']);
    expect((await entry(posted[0]!.entryId!)).date).toBe('2026-01-31');
    expect((await trialBalance(t, token)).balanced).toBe(true);
  });
});
