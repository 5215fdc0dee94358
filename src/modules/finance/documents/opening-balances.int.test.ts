import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { Money } from '../money.js';
import { chart, trialBalance } from '../test/finance-helpers.js';
import { F, createParty, type DocBody } from './test-support.js';

let t: TestApp;
let token: string;
let admin: string;
let customer: string;
let vendor: string;

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant'])).token;
  admin = (await t.userWithRoles(['finance-admin'])).token;
  customer = (await createParty(t, token, { kind: 'customer', name: 'Moved-in Kunde', paymentTermsDays: 30 })).id;
  vendor = (await createParty(t, token, { kind: 'vendor', name: 'Moved-in Lieferant' })).id;
});
afterAll(() => t.close());

const codeOf = (body: unknown) => (body as { type?: string }).type?.replace('https://moms.dev/problems/', '');
interface Problem {
  type: string;
  errors?: { path: string; message: string }[];
}
async function balances(date = '2099-12-31') {
  const tb = await trialBalance(t, token, date);
  expect(tb.balanced).toBe(true);
  return new Map(tb.rows.map((r) => [r.code, new Money(r.balance).toFixed(2)]));
}
async function aging(side: 'receivables' | 'payables', date: string) {
  const res = await t.request<{ totals: Record<string, string> }>(
    'GET',
    `${F}/reports/aging?side=${side}&date=${date}`,
    { token },
  );
  expect(res.status).toBe(200);
  return res.body.totals;
}
const open = (body: Record<string, unknown>) =>
  t.request<DocBody & { kind: string; date: string }>('POST', `${F}/opening-balances`, { token, body });

describe('opening balances per party', () => {
  it('posts control account vs opening-balance equity, and the aging starts with the open items', async () => {
    const accounts = await chart(t, token);
    expect(accounts['3900']).toBeDefined();
    const inv = await open({
      kind: 'invoice',
      partyId: customer,
      date: '2025-12-31',
      dueDate: '2025-11-30',
      amount: '500.00',
      reference: 'OLD-17',
    });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    expect(inv.body).toMatchObject({ kind: 'invoice', status: 'issued', total: '500.00', open: '500.00' });
    expect(inv.body.number).toMatch(/^OB-2025-\d{6}$/);
    expect(inv.body.lines[0]!.accountId).toBe(accounts['3900']!.id);
    const cn = await open({ kind: 'credit-note', partyId: customer, date: '2025-12-31', amount: '20.00' });
    expect(cn.status).toBe(201);
    const bill = await open({
      kind: 'bill',
      partyId: vendor,
      date: '2025-12-31',
      dueDate: '2026-01-15',
      amount: '300',
    });
    expect(bill.status, JSON.stringify(bill.body)).toBe(201);

    const b = await balances();
    expect(b.get('1300')).toBe('480.00');
    expect(b.get('2100')).toBe('-300.00');
    expect(b.get('3900')).toBe('-180.00');
    // 31 days past due on 2025-12-31 for the invoice; the credit note is current.
    const receivables = await aging('receivables', '2025-12-31');
    expect(receivables).toMatchObject({ '31-60': '500.00', current: '-20.00', total: '480.00' });
    expect((await aging('payables', '2025-12-31')).total).toBe('300.00');

    const list = await t.request<{ items: { id: string }[] }>('GET', `${F}/opening-balances?side=customer`, { token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.id).sort()).toEqual([inv.body.id, cn.body.id].sort());
    // It settles like any invoice.
    const pay = await t.request('POST', `${F}/payments`, {
      token,
      body: {
        direction: 'received',
        partyId: customer,
        date: '2026-01-10',
        amount: '500.00',
        allocations: [{ documentId: inv.body.id, amount: '500.00' }],
      },
    });
    expect(pay.status).toBe(201);
  });

  it('refuses a date on or after the first trading entry, the wrong kind of party, and a bookkeeper', async () => {
    const late = await open({ kind: 'invoice', partyId: customer, date: '2026-01-10', amount: '1.00' });
    expect([late.status, codeOf(late.body)]).toEqual([422, 'opening-balance-date']);
    const wrong = await open({ kind: 'bill', partyId: customer, date: '2025-12-31', amount: '1.00' });
    expect([wrong.status, codeOf(wrong.body)]).toEqual([422, 'wrong-party-kind']);
    const bookkeeper = await t.userWithRoles(['bookkeeper']);
    const forbidden = await t.request('POST', `${F}/opening-balances`, {
      token: bookkeeper.token,
      body: { kind: 'invoice', partyId: customer, date: '2025-12-31', amount: '1.00' },
    });
    expect(forbidden.status).toBe(403);
  });
});

describe('CSV imports', () => {
  it('imports open items all or nothing: one bad row imports nothing and every row error is listed', async () => {
    const before = await balances();
    const bad = [
      'kind,party_name,date,due_date,amount,reference',
      'invoice,Moved-in Kunde,2025-12-30,2025-12-30,100.00,A1',
      'invoice,Nobody,2025-12-30,,5.00,A2',
      'bill,Moved-in Lieferant,2025-12-30,,-3,A3',
      'bill,Moved-in Kunde,2025-12-30,,4.00,A4',
    ].join('\n');
    const refused = await t.request<Problem>('POST', `${F}/opening-balances/import`, {
      token,
      body: { csv: bad },
    });
    expect(refused.status).toBe(422);
    const paths = refused.body.errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['rows.2.party_name', 'rows.3.amount', 'rows.4.partyId']));
    expect(paths.some((p) => p.startsWith('rows.1'))).toBe(false);
    expect(await balances()).toEqual(before);

    const good = [
      'kind,party_name,date,due_date,amount,reference',
      'invoice,Moved-in Kunde,2025-12-30,2025-12-30,100.00,A1',
      'vendor-credit,Moved-in Lieferant,2025-12-30,,7.50,A2',
    ].join('\n');
    const dry = await t.request<{ created: number; ids: string[] }>('POST', `${F}/opening-balances/import`, {
      token,
      body: { csv: good, dryRun: true },
    });
    expect([dry.status, dry.body.created, dry.body.ids]).toEqual([200, 2, []]);
    expect(await balances()).toEqual(before);
    const done = await t.request<{ created: number; ids: string[]; rows: number }>(
      'POST',
      `${F}/opening-balances/import`,
      { token, body: { csv: good } },
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ rows: 2, created: 2 });
    const after = await balances();
    expect(new Money(after.get('1300')!).minus(before.get('1300')!).toFixed(2)).toBe('100.00');
    expect(new Money(after.get('2100')!).minus(before.get('2100')!).toFixed(2)).toBe('7.50');
  });

  it('imports a chart of accounts all or nothing, parents before children', async () => {
    const csv = (rows: string[]) => ['code,name,type,parent_code,is_group', ...rows].join('\n');
    const refused = await t.request<Problem>('POST', `${F}/accounts/import`, {
      token: admin,
      body: {
        csv: csv([
          '7000,Other expenses,expense,,true',
          '7100,Fines,expense,7000,false',
          '4100,Duplicate of sales,income,,false',
          '7200,Bad type,cost,7000,false',
          '7300,Wrong parent,income,7000,false',
          '7100,Twice,expense,7000,false',
        ]),
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors!.map((e) => e.path)).toEqual(
      expect.arrayContaining(['rows.3.code', 'rows.4.type', 'rows.5.parent_code', 'rows.6.code']),
    );
    expect((await chart(t, token))['7000']).toBeUndefined();

    const forbidden = await t.request('POST', `${F}/accounts/import`, {
      token,
      body: { csv: csv(['7000,Other expenses,expense,,true']) },
    });
    expect(forbidden.status).toBe(403);
    const ok = await t.request<{ created: number }>('POST', `${F}/accounts/import`, {
      token: admin,
      body: { csv: csv(['7000,Other expenses,expense,,true', '7100,Fines,expense,7000,false']) },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.created).toBe(2);
    const accounts = await chart(t, token);
    expect(accounts['7100']).toBeDefined();
    const header = await t.request<Problem>('POST', `${F}/accounts/import`, {
      token: admin,
      body: { csv: 'code,name,colour\n1,a,b' },
    });
    expect([header.status, header.body.errors![0]!.path]).toEqual([422, 'csv']);
  });
});
