import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import type { BalanceSheet } from './balance-sheet.js';
import type { GeneralLedger } from './general-ledger.js';
import type { ProfitAndLoss } from './profit-and-loss.js';
import { postKnownLedger } from './statements.fixture.js';

let t: TestApp;
let token: string;
let known: Awaited<ReturnType<typeof postKnownLedger>>;
const R = '/api/v1/finance/reports';

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant', 'finance-admin'])).token;
  known = await postKnownLedger(t, token);
});
afterAll(() => t.close());

const get = async <T>(path: string, as = token) => {
  const res = await t.request<T>('GET', `${R}/${path}`, { token: as });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const acct = (code: string, name: string, amount: string) => ({ accountId: known.id(code), code, name, amount });
const group = (code: string, name: string, total: string, accounts: ReturnType<typeof acct>[]) => ({
  accountId: known.id(code),
  code,
  name,
  total,
  accounts,
});

describe('general ledger', () => {
  it('shows the opening balance, each posted line with its running balance, and the closing balance', async () => {
    const gl = await get<GeneralLedger>(`general-ledger?accountId=${known.id('1200')}&from=2026-01-01&to=2026-03-31`);
    const e = known.entries;
    expect(gl).toMatchObject({
      account: { code: '1200', type: 'asset', normalSide: 'debit' },
      currency: 'USD',
      openingBalance: '11500.00',
      totalDebit: '2010.00',
      totalCredit: '1200.00',
      closingBalance: '12310.00',
      pageOpeningBalance: '11500.00',
      nextCursor: null,
    });
    // The draft (03-25) and April are not there; the reversed pair is, netting to zero.
    expect(gl.lines.map((l) => [l.date, l.entryNumber, l.reference, l.debit, l.credit, l.balance])).toEqual([
      ['2026-02-05', e.E6!.number, 'E6', '1210.00', '0.00', '12710.00'],
      ['2026-02-20', e.E7!.number, 'E7', '0.00', '400.00', '12310.00'],
      ['2026-03-20', e.E10!.number, 'E10', '0.00', '800.00', '11510.00'],
      ['2026-03-20', e.R10!.number, e.E10!.number, '800.00', '0.00', '12310.00'],
    ]);
    expect(gl.lines[0]).toMatchObject({ memo: 'memo E6', entryId: e.E6!.id });
    expect(gl.lines[3]!.memo).toBe(`Reversal of ${e.E10!.number}`);
  });

  it('pages with a cursor, carrying the running balance across pages', async () => {
    const base = `general-ledger?accountId=${known.id('1200')}&from=2026-01-01&to=2026-03-31&limit=3`;
    const first = await get<GeneralLedger>(base);
    expect(first.lines.map((l) => l.balance)).toEqual(['12710.00', '12310.00', '11510.00']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await get<GeneralLedger>(`${base}&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ pageOpeningBalance: '11510.00', closingBalance: '12310.00', nextCursor: null });
    expect(second.lines.map((l) => l.balance)).toEqual(['12310.00']);
    const bad = await t.request('GET', `${R}/${base}&cursor=garbage`, { token });
    expect(bad.status).toBe(400);
  });

  it('shows credit-normal accounts credit-positive, across years', async () => {
    const gl = await get<GeneralLedger>(`general-ledger?accountId=${known.id('4100')}&from=2025-01-01&to=2026-12-31`);
    expect(gl).toMatchObject({ account: { normalSide: 'credit' }, openingBalance: '0.00', closingBalance: '3000.00' });
    expect(gl.lines.map((l) => [l.date, l.credit, l.balance])).toEqual([
      ['2025-09-10', '2000.00', '2000.00'],
      ['2026-01-10', '1000.00', '3000.00'],
    ]);
  });

  it('downloads as CSV with opening and closing rows', async () => {
    const res = await t.request(
      'GET',
      `${R}/general-ledger?accountId=${known.id('1200')}&from=2026-01-01&to=2026-03-31&format=csv`,
      {
        token,
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = (res.body as unknown as string).trimEnd().split('\r\n');
    expect(rows[0]).toBe('date,entry_number,reference,memo,description,debit,credit,balance');
    expect(rows[1]).toBe('2026-01-01,,,,Opening balance,,,11500.00');
    expect(rows[2]).toBe(`2026-02-05,${known.entries.E6!.number},E6,memo E6,,1210.00,0.00,12710.00`);
    expect(rows).toHaveLength(7);
    expect(rows[6]).toBe('2026-03-31,,,,Closing balance,2010.00,1200.00,12310.00');
  });

  it('says what is wrong with the request', async () => {
    const reversed = await t.request(
      'GET',
      `${R}/general-ledger?accountId=${known.id('1200')}&from=2026-03-31&to=2026-01-01`,
      {
        token,
      },
    );
    expect(reversed.status).toBe(422);
    expect(reversed.body).toMatchObject({ errors: [{ path: 'query.from' }] });
    const unknown = await t.request(
      'GET',
      `${R}/general-ledger?accountId=00000000-0000-4000-8000-000000000000&from=2026-01-01&to=2026-03-31`,
      { token },
    );
    expect(unknown.status).toBe(404);
    const noAccount = await t.request('GET', `${R}/general-ledger?from=2026-01-01&to=2026-03-31`, { token });
    expect(noAccount.status).toBe(422);
  });
});

describe('profit and loss', () => {
  it('groups income and expenses by parent account, with totals and the net result', async () => {
    const pl = await get<ProfitAndLoss>('profit-and-loss?from=2026-01-01&to=2026-03-31');
    expect(pl).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      department: null,
      currency: 'USD',
      income: {
        total: '1300.00',
        groups: [
          group('4000', 'Income', '1300.00', [acct('4100', 'Sales', '1000.00'), acct('4200', 'Services', '300.00')]),
        ],
      },
      expenses: {
        total: '650.00',
        groups: [
          group('5000', 'Cost of sales', '250.00', [acct('5100', 'Cost of goods sold', '250.00')]),
          group('6000', 'Operating expenses', '400.00', [
            acct('6100', 'Salaries and wages', '400.00'),
            acct('6200', 'Rent', '0.00'),
          ]),
        ],
      },
      netResult: '650.00',
      comparison: null,
    });
  });

  it('compares with the same period a year earlier and with the period before, account by account', async () => {
    const pl = await get<ProfitAndLoss>('profit-and-loss?from=2026-01-01&to=2026-12-31&compare=previous-year');
    expect(pl.comparison).toEqual({ from: '2025-01-01', to: '2025-12-31', netResult: '1500.00' });
    const flat = (r: ProfitAndLoss) =>
      [...r.income.groups, ...r.expenses.groups].flatMap((g) => g.accounts.map((a) => [a.code, a] as const));
    const accounts = new Map(flat(pl));
    // Hand-checked from the fixture: 2025 had sales of 2000.00 and rent of 500.00.
    expect(accounts.get('4100')).toMatchObject({ compareAmount: '2000.00' });
    expect(accounts.get('6200')).toMatchObject({ compareAmount: '500.00' });
    // Every figure equals the plain report of each period; an account of either period is listed.
    const [now, before] = await Promise.all([
      get<ProfitAndLoss>('profit-and-loss?from=2026-01-01&to=2026-12-31'),
      get<ProfitAndLoss>('profit-and-loss?from=2025-01-01&to=2025-12-31'),
    ]);
    const amounts = (r: ProfitAndLoss) => new Map(flat(r).map(([code, a]) => [code, a.amount]));
    const [nowBy, beforeBy] = [amounts(now), amounts(before)];
    expect(new Set(accounts.keys())).toEqual(new Set([...nowBy.keys(), ...beforeBy.keys()]));
    for (const [code, a] of accounts) {
      expect(a.amount, code).toBe(nowBy.get(code) ?? '0.00');
      expect(a.compareAmount, code).toBe(beforeBy.get(code) ?? '0.00');
    }
    expect([pl.income.compareTotal, pl.expenses.compareTotal]).toEqual([before.income.total, before.expenses.total]);
    expect(pl.netResult).toBe(now.netResult);
    // A quarter against the quarter before it; the CSV gets the comparison column.
    const q = await get<ProfitAndLoss>('profit-and-loss?from=2026-01-01&to=2026-03-31&compare=previous-period');
    expect(q.comparison).toEqual({ from: '2025-10-01', to: '2025-12-31', netResult: '-500.00' });
    const csv = await t.request(
      'GET',
      `${R}/profit-and-loss.csv?from=2026-01-01&to=2026-03-31&compare=previous-period`,
      {
        token,
      },
    );
    const rows = (csv.body as unknown as string).split('\r\n');
    expect(rows[0]).toBe('section,group_code,group_name,code,name,amount,amount_2025-10-01_2025-12-31');
    expect(rows).toContain('Expenses,6000,Operating expenses,6200,Rent,0.00,500.00');
    expect(rows).toContain('Net result,,,,Net result,650.00,-500.00');
    const bad = await t.request('GET', `${R}/profit-and-loss?from=2026-01-01&to=2026-03-31&compare=last-decade`, {
      token,
    });
    expect(bad.status).toBe(422);
  });

  it('filters by department', async () => {
    const north = await get<ProfitAndLoss>('profit-and-loss?from=2026-01-01&to=2026-03-31&department=north');
    expect([north.income.total, north.expenses.total, north.netResult]).toEqual(['1000.00', '650.00', '350.00']);
    const south = await get<ProfitAndLoss>('profit-and-loss?from=2026-01-01&to=2026-03-31&department=south');
    expect(south).toMatchObject({ department: 'south', netResult: '300.00', expenses: { total: '0.00', groups: [] } });
  });

  it('covers a whole earlier year, and downloads as CSV', async () => {
    const pl = await get<ProfitAndLoss>('profit-and-loss?from=2025-01-01&to=2025-12-31');
    expect([pl.income.total, pl.expenses.total, pl.netResult]).toEqual(['2000.00', '500.00', '1500.00']);
    const res = await t.request('GET', `${R}/profit-and-loss?from=2026-01-01&to=2026-03-31&format=csv`, { token });
    expect(res.headers.get('content-disposition')).toContain('profit-and-loss-2026-01-01-2026-03-31.csv');
    expect((res.body as unknown as string).split('\r\n')).toEqual([
      'section,group_code,group_name,code,name,amount',
      'Income,4000,Income,4100,Sales,1000.00',
      'Income,4000,Income,4200,Services,300.00',
      'Income,4000,Income,,Total Income,1300.00',
      'Income,,,,Total Income,1300.00',
      'Expenses,5000,Cost of sales,5100,Cost of goods sold,250.00',
      'Expenses,5000,Cost of sales,,Total Cost of sales,250.00',
      'Expenses,6000,Operating expenses,6100,Salaries and wages,400.00',
      'Expenses,6000,Operating expenses,6200,Rent,0.00',
      'Expenses,6000,Operating expenses,,Total Operating expenses,400.00',
      'Expenses,,,,Total Expenses,650.00',
      'Net result,,,,Net result,650.00',
      '',
    ]);
  });
});

describe('balance sheet', () => {
  it('balances, with the current-year and prior-years results as equity lines', async () => {
    const bs = await get<BalanceSheet>('balance-sheet?date=2026-03-31');
    expect(bs).toEqual({
      date: '2026-03-31',
      currency: 'USD',
      fiscalYearStart: '2026-01-01',
      assets: {
        total: '12960.00',
        groups: [
          group('1000', 'Assets', '12960.00', [
            acct('1100', 'Cash', '300.00'),
            acct('1200', 'Bank', '12310.00'),
            acct('1300', 'Accounts receivable', '0.00'),
            acct('1400', 'Inventory', '350.00'),
          ]),
        ],
      },
      liabilities: {
        total: '810.00',
        groups: [
          group('2000', 'Liabilities', '810.00', [
            acct('2100', 'Accounts payable', '600.00'),
            acct('2200', 'Tax payable (output VAT)', '210.00'),
          ]),
        ],
      },
      equity: {
        total: '12150.00',
        groups: [group('3000', 'Equity', '10000.00', [acct('3100', 'Share capital', '10000.00')])],
        currentYearResult: '650.00',
        priorYearsResult: '1500.00',
      },
      totalLiabilitiesAndEquity: '12960.00',
      balanced: true,
    });
  });

  it('at the end of the earlier year, and as CSV', async () => {
    const bs = await get<BalanceSheet>('balance-sheet?date=2025-12-31');
    expect(bs).toMatchObject({
      fiscalYearStart: '2025-01-01',
      assets: { total: '11500.00' },
      liabilities: { total: '0.00', groups: [] },
      equity: { total: '11500.00', currentYearResult: '1500.00', priorYearsResult: '0.00' },
      balanced: true,
    });
    const res = await t.request('GET', `${R}/balance-sheet?date=2026-03-31&format=csv`, { token });
    const rows = (res.body as unknown as string).trimEnd().split('\r\n');
    expect(rows.slice(-5)).toEqual([
      'Equity,3000,Equity,,Total Equity,10000.00',
      'Equity,,,,Result of prior years not yet closed,1500.00',
      'Equity,,,,Result of the current year,650.00',
      'Equity,,,,Total Equity,12150.00',
      'Liabilities and equity,,,,Total liabilities and equity,12960.00',
    ]);
  });
});

describe('access', () => {
  it('needs finance:read: employees and (least privilege) managers get 403, bookkeepers can read', async () => {
    const employee = await t.userWithRoles(['employee']);
    const manager = await t.userWithRoles(['manager']);
    const bookkeeper = await t.userWithRoles(['bookkeeper']);
    for (const path of [
      `general-ledger?accountId=${known.id('1200')}&from=2026-01-01&to=2026-03-31`,
      'profit-and-loss?from=2026-01-01&to=2026-03-31',
      'balance-sheet?date=2026-03-31',
    ]) {
      expect((await t.request('GET', `${R}/${path}`, { token: employee.token })).status).toBe(403);
      expect((await t.request('GET', `${R}/${path}`, { token: manager.token })).status).toBe(403);
      expect((await t.request('GET', `${R}/${path}`, { token: bookkeeper.token })).status).toBe(200);
      expect((await t.request('GET', `${R}/${path}`)).status).toBe(401);
    }
  });
});

describe('after closing the earlier year', () => {
  it('the result moves to retained earnings; the statements still agree', async () => {
    const closed = await t.request<{ result: string }>('POST', '/api/v1/finance/fiscal-years/2025/close', { token });
    expect(closed.body.result).toBe('1500.00');
    const bs = await get<BalanceSheet>('balance-sheet?date=2026-03-31');
    expect(bs.equity).toMatchObject({
      total: '12150.00',
      groups: [
        group('3000', 'Equity', '11500.00', [
          acct('3100', 'Share capital', '10000.00'),
          acct('3200', 'Retained earnings', '1500.00'),
        ]),
      ],
      currentYearResult: '650.00',
      priorYearsResult: '0.00',
    });
    expect(bs.balanced).toBe(true);
    const yearEnd = await get<BalanceSheet>('balance-sheet?date=2025-12-31');
    expect(yearEnd.equity).toMatchObject({ total: '11500.00', currentYearResult: '0.00', priorYearsResult: '0.00' });
    expect(yearEnd.balanced).toBe(true);
    // The closing entry zeroes income and expenses in the ledger, but not in the year's P&L.
    const pl = await get<ProfitAndLoss>('profit-and-loss?from=2025-01-01&to=2025-12-31');
    expect(pl.netResult).toBe('1500.00');
    const sales = await get<GeneralLedger>(
      `general-ledger?accountId=${known.id('4100')}&from=2025-01-01&to=2025-12-31`,
    );
    expect(sales.closingBalance).toBe('0.00');
  });
});
