import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { chart, entry, type AccountRef } from '../test/finance-helpers.js';

/** Issue #22: fiscal years that start in any month; a first year may be short or long. */

interface Years {
  closedThrough: string | null;
  items: {
    year: number;
    startDate: string;
    endDate: string;
    status: string;
    periods: { startDate: string; endDate: string }[];
  }[];
}

let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;
const F = '/api/v1/finance';

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant', 'finance-admin'])).token;
  accounts = await chart(t, token);
});
afterAll(() => t.close());

const id = (code: string) => accounts[code]!.id;
const post = (date: string, debit: string, credit: string, amount: string) =>
  t.request<{ type?: string }>('POST', `${F}/journal-entries`, {
    token,
    body: {
      ...entry(date, [
        { accountId: id(debit), debit: amount },
        { accountId: id(credit), credit: amount },
      ]),
      post: true,
    },
  });
const years = async () => (await t.request<Years>('GET', `${F}/fiscal-years`, { token })).body;
const settings = () => t.request<{ version: number; fiscalYearStartMonth: number }>('GET', `${F}/settings`, { token });

describe('fiscal years that fit the company', () => {
  it('a long first year can be set up explicitly (Oct 2024 – Mar 2026, 18 periods)', async () => {
    const res = await t.request<Years>('POST', `${F}/fiscal-years`, {
      token,
      body: { startDate: '2024-10-01', endDate: '2026-03-31' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const fy = res.body.items.find((y) => y.year === 2026)!;
    expect([fy.startDate, fy.endDate, fy.periods.length]).toEqual(['2024-10-01', '2026-03-31', 18]);
    expect(fy.periods.at(-1)).toMatchObject({ startDate: '2026-03-01', endDate: '2026-03-31' });
    // Overlaps and bad bounds are refused.
    const overlap = await t.request('POST', `${F}/fiscal-years`, {
      token,
      body: { startDate: '2026-01-01', endDate: '2026-12-31' },
    });
    expect(overlap.status).toBe(409);
    const midMonth = await t.request('POST', `${F}/fiscal-years`, {
      token,
      body: { startDate: '2026-04-15', endDate: '2027-03-31' },
    });
    expect(midMonth.status).toBe(422);
  });

  it('with April as the first month, postings open April–March years and the year closes correctly', async () => {
    const s = await settings();
    const patched = await t.request('PATCH', `${F}/settings`, {
      token,
      body: { version: s.body.version, fiscalYearStartMonth: 4 },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    // Year 2027 = 2026-04-01 … 2027-03-31: sales 1,000 in May, 500 in February; rent 300 in March.
    expect((await post('2026-05-10', '1200', '4100', '1000.00')).status).toBe(201);
    expect((await post('2027-02-10', '1200', '4100', '500.00')).status).toBe(201);
    expect((await post('2027-03-31', '6200', '1200', '300.00')).status).toBe(201);
    // The next year (2028: April 2027 – March 2028) has its own activity.
    expect((await post('2027-04-01', '1200', '4900', '70.00')).status).toBe(201);
    const y = await years();
    const fy2027 = y.items.find((x) => x.year === 2027)!;
    expect([fy2027.startDate, fy2027.endDate, fy2027.periods.length]).toEqual(['2026-04-01', '2027-03-31', 12]);
    expect(fy2027.periods[0]).toMatchObject({ startDate: '2026-04-01', endDate: '2026-04-30' });
    expect(y.items.find((x) => x.year === 2028)!.startDate).toBe('2027-04-01');

    // The balance sheet in the middle of the year counts the year's result from April.
    const mid = await t.request<{ fiscalYearStart: string; equity: { currentYearResult: string } }>(
      'GET',
      `${F}/reports/balance-sheet?date=2027-02-28`,
      { token },
    );
    expect(mid.body.fiscalYearStart).toBe('2026-04-01');
    expect(mid.body.equity.currentYearResult).toBe('1500.00');

    const closeLong = await t.request('POST', `${F}/fiscal-years/2026/close`, { token });
    expect(closeLong.status, JSON.stringify(closeLong.body)).toBe(200);
    const closed = await t.request<{ result: string; closingEntryId: string }>('POST', `${F}/fiscal-years/2027/close`, {
      token,
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.result).toBe('1200.00'); // 1,000 + 500 − 300
    const closing = await t.request<{ date: string }>('GET', `${F}/journal-entries/${closed.body.closingEntryId}`, {
      token,
    });
    expect(closing.body.date).toBe('2027-03-31');
    expect((await years()).closedThrough).toBe('2027-03-31');

    // After the close: the year's result sits in retained earnings; the new year starts from zero.
    const after = await t.request<{
      fiscalYearStart: string;
      equity: { currentYearResult: string; groups: { accounts: { code: string; amount: string }[] }[] };
    }>('GET', `${F}/reports/balance-sheet?date=2027-04-30`, { token });
    expect(after.body.fiscalYearStart).toBe('2027-04-01');
    expect(after.body.equity.currentYearResult).toBe('70.00');
    const retained = after.body.equity.groups.flatMap((g) => g.accounts).find((a) => a.code === '3200');
    expect(retained?.amount).toBe('1200.00');
    // The closed year's P&L still shows its income and expenses.
    const pl = await t.request<{ netIncome?: string; result?: string }>(
      'GET',
      `${F}/reports/profit-and-loss?from=2026-04-01&to=2027-03-31`,
      { token },
    );
    expect(JSON.stringify(pl.body)).toContain('1200.00');
    // Nothing on or before 2027-03-31 moves; 2027-04-01 is open.
    const late = await post('2027-03-31', '1200', '4900', '1.00');
    expect(late.status).toBe(422);
    expect(late.body.type).toBe('https://moms.dev/problems/period-closed');
    expect((await post('2027-04-02', '1200', '4900', '1.00')).status).toBe(201);
  });

  it('back to calendar years: the first year of the new rhythm is long when a short one would clash', async () => {
    const s = await settings();
    await t.request('PATCH', `${F}/settings`, { token, body: { version: s.body.version, fiscalYearStartMonth: 1 } });
    // After 2028 (ending 2028-03-31): April–December 2028 would also be "2028": it runs on to 2029-12-31.
    expect((await post('2028-05-05', '1200', '4900', '5.00')).status).toBe(201);
    const fy = (await years()).items.find((x) => x.year === 2029)!;
    expect([fy.startDate, fy.endDate, fy.periods.length]).toEqual(['2028-04-01', '2029-12-31', 21]);
  });
});
