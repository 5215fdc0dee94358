import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { createStandardApp } from '../../../app/standard-app.js';
import { postJournalEntry } from '../ledger/journal.service.js';
import { pdfText } from '../printing/pdf-text.test-support.js';
import { chart, financeReader } from '../test/finance-helpers.js';
import type { CashFlowLine, CashFlowStatement } from './cash-flow.js';

/**
 * A hand-checked ledger (USD, default chart):
 *
 * before the period: 02-15 bank 5000 / capital → opening cash 5000.00
 * March 2026: S1 03-02 receivable 1200 / sales (sale on credit) · S2 03-10 bank 800 / receivable
 *   (collection) · S3 03-12 fixed assets 3000 / bank (equipment) · S4 03-15 bank 10000 / loans ·
 *   S5 03-20 rent 500 / bank · S6 03-25 utilities 200 / payable (expense on credit) ·
 *   S7 03-31 depreciation 50 / accumulated depreciation · S8 03-28 cash 100 / bank (transfer) ·
 *   S9 03-30 cash 150 / sales (cash sale)
 * after: 04-05 rent 99 / bank
 *
 * Net income 1350 − 750 = 600; receivable +400 → −400; payable +200 → +200; depreciation +50:
 * operating 450. Investing −3000 (equipment). Financing +10000 (loan). Net change 7450:
 * bank +7200, cash +250; closing cash 12450.
 */
let t: TestApp;
let token: string;
let id: (code: string) => string;
const R = '/api/v1/finance/reports';

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant', 'finance-admin'])).token;
  const accounts = await chart(t, token);
  id = (code: string) => accounts[code]!.id;
  const line = (code: string, side: 'debit' | 'credit', amount: string) => ({
    accountId: id(code),
    description: '',
    [side]: amount,
  });
  let n = 0;
  // Through the internal posting function: receivable and payable lines take no manual entries.
  const post = (date: string, dr: string, cr: string, amount: string) =>
    postJournalEntry(
      t.db,
      { actor: null, requestId: `cash-flow-${++n}` },
      { date, reference: `CF${n}`, memo: '', lines: [line(dr, 'debit', amount), line(cr, 'credit', amount)] },
      { sourceType: 'manual' },
    );
  await post('2026-02-15', '1200', '3100', '5000.00');
  await post('2026-03-02', '1300', '4100', '1200.00');
  await post('2026-03-10', '1200', '1300', '800.00');
  await post('2026-03-12', '1600', '1200', '3000.00');
  await post('2026-03-15', '1200', '2500', '10000.00');
  await post('2026-03-20', '6200', '1200', '500.00');
  await post('2026-03-25', '6300', '2100', '200.00');
  await post('2026-03-31', '6700', '1650', '50.00');
  await post('2026-03-28', '1100', '1200', '100.00');
  await post('2026-03-30', '1100', '4100', '150.00');
  await post('2026-04-05', '6200', '1200', '99.00');
});
afterAll(() => t.close());

const get = async (query: string) => {
  const res = await t.request<CashFlowStatement>('GET', `${R}/cash-flow?${query}`, { token });
  if (res.status !== 200) throw new Error(`${query}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const lines = (ls: CashFlowLine[]) => ls.map((l) => [l.kind, l.code, l.amount]);

describe('cash-flow statement', () => {
  it('indirect: net income adjusted by working capital, then investing and financing, tied to cash', async () => {
    const cf = await get('from=2026-03-01&to=2026-03-31');
    expect(cf).toMatchObject({
      method: 'indirect',
      currency: 'USD',
      openingCash: '5000.00',
      netIncome: '600.00',
      netChange: '7450.00',
      closingCash: '12450.00',
      activities: { operating: '450.00', investing: '-3000.00', financing: '10000.00' },
      tieOut: { statementNetChange: '7450.00', cashAccountsChange: '7450.00', difference: '0.00', tied: true },
    });
    expect(cf.cashAccounts.map((a) => a.code)).toEqual(['1100', '1200']);
    const [operating, investing, financing] = cf.sections;
    expect(operating).toMatchObject({ key: 'operating', total: '450.00' });
    expect(lines(operating!.lines)).toEqual([
      ['net-income', null, '600.00'],
      ['working-capital', '1300', '-400.00'],
      ['working-capital', '2100', '200.00'],
      ['non-cash', '1650', '50.00'],
    ]);
    expect(investing).toMatchObject({ key: 'investing', total: '-3000.00' });
    expect(lines(investing!.lines)).toEqual([['cash-movement', '1600', '-3000.00']]);
    expect(financing).toMatchObject({ key: 'financing', total: '10000.00' });
    expect(lines(financing!.lines)).toEqual([['cash-movement', '2500', '10000.00']]);
    // The net income is the profit and loss's.
    const pl = await t.request<{ netResult: string }>('GET', `${R}/profit-and-loss?from=2026-03-01&to=2026-03-31`, {
      token,
    });
    expect(pl.body.netResult).toBe(cf.netIncome);
  });

  it('direct: cash movements by counterpart account type, with the same totals', async () => {
    const cf = await get('from=2026-03-01&to=2026-03-31&method=direct');
    expect(cf).toMatchObject({
      method: 'direct',
      openingCash: '5000.00',
      netChange: '7450.00',
      closingCash: '12450.00',
      activities: { operating: '450.00', investing: '-3000.00', financing: '10000.00' },
      tieOut: { difference: '0.00', tied: true },
    });
    expect(cf.sections.map((s) => [s.key, s.total])).toEqual([
      ['income', '150.00'],
      ['expense', '-500.00'],
      ['asset', '-2200.00'],
      ['liability', '10000.00'],
      ['equity', '0.00'],
    ]);
    const asset = cf.sections.find((s) => s.key === 'asset')!;
    expect(asset.lines.map((l) => [l.code, l.activity, l.amount])).toEqual([
      ['1300', 'operating', '800.00'],
      ['1600', 'investing', '-3000.00'],
    ]);
    // The opening entry before the period counts as financing in its own period.
    const feb = await get('from=2026-02-01&to=2026-02-28&method=direct');
    expect(feb).toMatchObject({ openingCash: '0.00', netChange: '5000.00', activities: { financing: '5000.00' } });
  });

  it('a period with no movement: opening = closing, nothing but a zero net income', async () => {
    for (const method of ['indirect', 'direct']) {
      const cf = await get(`from=2026-05-01&to=2026-05-31&method=${method}`);
      expect(cf).toMatchObject({
        openingCash: '12351.00',
        netChange: '0.00',
        closingCash: '12351.00',
        netIncome: '0.00',
        tieOut: { cashAccountsChange: '0.00', tied: true },
      });
      expect(cf.sections.every((s) => s.total === '0.00')).toBe(true);
    }
    const cf = await get('from=2026-05-01&to=2026-05-31');
    expect(lines(cf.sections[0]!.lines)).toEqual([['net-income', null, '0.00']]);
  });

  it('downloads as CSV, and needs finance:read', async () => {
    const res = await t.request('GET', `${R}/cash-flow.csv?from=2026-03-01&to=2026-03-31`, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('cash-flow-indirect-2026-03-01-2026-03-31.csv');
    const rows = (res.body as unknown as string).trimEnd().split('\r\n');
    expect(rows[0]).toBe('section,activity,kind,code,name,amount');
    expect(rows[1]).toBe('Operating activities,operating,net-income,,Net income,600.00');
    expect(rows).toContain('Investing activities,investing,cash-movement,1600,Fixed assets,-3000.00');
    expect(rows.slice(-5)).toEqual([
      'Cash,,opening,,Opening cash 2026-03-01,5000.00',
      'Cash,,net-change,,Net change in cash,7450.00',
      'Cash,,closing,,Closing cash 2026-03-31,12450.00',
      'Tie-out,,cash-accounts-change,,Change in the cash accounts,7450.00',
      'Tie-out,,difference,,Difference,0.00',
    ]);
    const reader = await financeReader(t);
    expect(
      (await t.request('GET', `${R}/cash-flow?from=2026-03-01&to=2026-03-31`, { token: reader.token })).status,
    ).toBe(200);
    const nobody = await t.userWithRoles([], 'nobody@example.com');
    expect(
      (await t.request('GET', `${R}/cash-flow?from=2026-03-01&to=2026-03-31`, { token: nobody.token })).status,
    ).toBe(403);
  });

  it('prints as a PDF', async () => {
    const app = createStandardApp(t.runtime);
    const res = await app.request(`${R}/cash-flow.pdf?from=2026-03-01&to=2026-03-31&download=true`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment.*cash-flow-indirect-2026-03-01-2026-03-31\.pdf/,
    );
    const text = await pdfText(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain('CASH-FLOW STATEMENT');
    expect(text).toMatch(/Total operating activities 450\.00/);
    expect(text).toMatch(/Fixed assets -3,000\.00/);
    expect(text).toMatch(/Closing cash 2026-03-31 12,450\.00 USD/);
  });

  it('refuses bad dates with 422', async () => {
    for (const query of [
      'from=2026-13-01&to=2026-03-31',
      'from=2026-03-01',
      'from=yesterday&to=2026-03-31',
      'from=2026-03-01&to=2026-03-31&method=sideways',
    ]) {
      const res = await t.request('GET', `${R}/cash-flow?${query}`, { token });
      expect(res.status, query).toBe(422);
    }
    const reversed = await t.request('GET', `${R}/cash-flow?from=2026-03-31&to=2026-03-01`, { token });
    expect(reversed.status).toBe(422);
    expect(reversed.body).toMatchObject({ errors: [{ path: 'query.from' }] });
  });

  it('leaves the year-end closing entry out: a closed year shows its result, not retained earnings', async () => {
    const line = (code: string, side: 'debit' | 'credit', amount: string) => ({
      accountId: id(code),
      description: '',
      [side]: amount,
    });
    for (const [date, dr, cr, amount] of [
      ['2025-06-10', '1200', '4200', '1000.00'],
      ['2025-07-01', '6200', '1200', '400.00'],
    ] as const)
      await postJournalEntry(
        t.db,
        { actor: null, requestId: `cash-flow-2025-${date}` },
        { date, reference: 'CF2025', memo: '', lines: [line(dr, 'debit', amount), line(cr, 'credit', amount)] },
        { sourceType: 'manual' },
      );
    const closed = await t.request('POST', '/api/v1/finance/fiscal-years/2025/close', { token });
    expect(closed.status, JSON.stringify(closed.body)).toBeLessThan(300);
    const cf = await get('from=2025-01-01&to=2025-12-31');
    expect(cf).toMatchObject({
      openingCash: '0.00',
      netIncome: '600.00',
      netChange: '600.00',
      closingCash: '600.00',
      activities: { operating: '600.00', investing: '0.00', financing: '0.00' },
      tieOut: { tied: true },
    });
    expect(lines(cf.sections[0]!.lines)).toEqual([['net-income', null, '600.00']]);
  });
});
