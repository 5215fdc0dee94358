import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { Money } from '../money.js';
import { chart, trialBalance, type AccountRef } from '../test/finance-helpers.js';
import { exchangeDifference } from './allocations.js';
import { F, count, createParty, issued, line, type DocBody, type PaymentBody } from './test-support.js';

let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;
let customer: string;
let vendor: string;

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant'])).token;
  accounts = await chart(t, token);
  customer = (await createParty(t, token, { kind: 'customer', name: 'Euro Kunde GmbH', currency: 'EUR' })).id;
  vendor = (await createParty(t, token, { kind: 'vendor', name: 'Euro Lieferant AG', currency: 'EUR' })).id;
});
afterAll(() => t.close());

interface Entry {
  currency: string;
  sourceType: string;
  sourceId: string | null;
  lines: { accountCode: string; debit: string; credit: string; baseDebit: string; baseCredit: string }[];
}
interface Allocation {
  id: string;
  documentId: string;
  amount: string;
  fxEntryId: string | null;
}

/** Base balances (debit − credit) by account code, as the trial balance reports them. */
async function balances(): Promise<Map<string, Money>> {
  const tb = await trialBalance(t, token);
  expect(tb.balanced).toBe(true);
  return new Map(tb.rows.map((r) => [r.code, new Money(r.balance)]));
}
/** What moved on each account between two snapshots, as fixed-decimal strings ('0.00' when nothing). */
function delta(before: Map<string, Money>, after: Map<string, Money>, code: string): string {
  return (after.get(code) ?? new Money(0)).minus(before.get(code) ?? new Money(0)).toFixed(2);
}

const invoice = (total: string, rate: string, date = '2026-06-01') =>
  issued(t, token, 'invoices', {
    partyId: customer,
    date,
    currency: 'EUR',
    exchangeRate: rate,
    lines: [line('1', total)],
  });
const pay = async (body: Record<string, unknown>) => {
  const res = await t.request<PaymentBody>('POST', `${F}/payments`, {
    token,
    body: { direction: 'received', partyId: customer, date: '2026-06-15', currency: 'EUR', ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const entry = async (id: string) => {
  const res = await t.request<Entry>('GET', `${F}/journal-entries/${id}`, { token });
  expect(res.status).toBe(200);
  return res.body;
};
const baseLines = (e: Entry) => e.lines.map((l) => [l.accountCode, l.baseDebit, l.baseCredit]);

describe('realised exchange differences at settlement', () => {
  it('the difference is round(A × r_s) − round(A × r_d), each half-up in the base currency', () => {
    expect(exchangeDifference('1000.00', '1.15', '1.10', 'USD').toFixed(2)).toBe('50.00');
    expect(exchangeDifference('400.00', '1.05', '1.10', 'USD').toFixed(2)).toBe('-20.00');
    // 10.05 × 1.3 = 13.065 → 13.07; 10.05 × 1.1 = 11.055 → 11.06
    expect(exchangeDifference('10.05', '1.3', '1.1', 'USD').toFixed(2)).toBe('2.01');
    expect(exchangeDifference('100', '151.5', '150.25', 'JPY').toFixed(0)).toBe('125');
    expect(exchangeDifference('3.33', '1.1', '1.1', 'USD').isZero()).toBe(true);
  });

  it('a payment at a higher rate than the invoice posts a gain, and the receivable clears in base', async () => {
    const before = await balances();
    const inv = await invoice('1000.00', '1.10');
    const p = await pay({
      amount: '1000.00',
      exchangeRate: '1.15',
      allocations: [{ documentId: inv.id, amount: '1000.00' }],
    });
    // The payment's own entry stays at the payment's rate.
    expect(baseLines(await entry(p.journalEntryId))).toEqual([
      ['1200', '1150.00', '0.00'],
      ['1300', '0.00', '1150.00'],
    ]);
    const [allocation] = p.allocations;
    expect(allocation).toMatchObject({ documentId: inv.id, amount: '1000.00', fxEntryId: expect.any(String) });
    const fx = await entry(allocation!.fxEntryId!);
    expect(fx).toMatchObject({ currency: 'USD', sourceType: 'fx-difference', sourceId: allocation!.id });
    expect(fx.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['1300', '50.00', '0.00'],
      ['6900', '0.00', '50.00'],
    ]);
    const after = await balances();
    expect(delta(before, after, '1300')).toBe('0.00');
    expect(delta(before, after, '6900')).toBe('-50.00');
    expect(delta(before, after, '1200')).toBe('1150.00');
    expect(delta(before, after, '4100')).toBe('-1100.00');
    expect((await t.request<DocBody>('GET', `${F}/invoices/${inv.id}`, { token })).body.status).toBe('paid');
  });

  it('a partial payment at a lower rate posts a loss on the allocated part only', async () => {
    const before = await balances();
    const inv = await invoice('1000.00', '1.10');
    // 500 EUR received at 1.05, only 400 of it allocated now.
    const p = await pay({
      amount: '500.00',
      exchangeRate: '1.05',
      allocations: [{ documentId: inv.id, amount: '400.00' }],
    });
    const fx = await entry(p.allocations[0]!.fxEntryId!);
    expect(fx.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['6900', '20.00', '0.00'],
      ['1300', '0.00', '20.00'],
    ]);
    let after = await balances();
    // 1100 booked − 525 received − 20 loss: the open 600 EUR at 1.10 (660) less the unallocated 100 EUR at 1.05 (105).
    expect(delta(before, after, '1300')).toBe('555.00');
    expect(delta(before, after, '6900')).toBe('20.00');

    // The remaining 100 EUR allocated later: another 5.00 loss, dated on the allocation.
    const later = await t.request<{ allocations: Allocation[] }>('POST', `${F}/payments/${p.id}/allocations`, {
      token,
      body: { date: '2026-06-20', allocations: [{ documentId: inv.id, amount: '100.00' }] },
    });
    expect(later.status).toBe(200);
    const second = later.body.allocations.find((a) => a.amount === '100.00')!;
    const fx2 = await t.request<Entry & { date: string }>('GET', `${F}/journal-entries/${second.fxEntryId}`, { token });
    expect(fx2.body).toMatchObject({ date: '2026-06-20', sourceId: second.id });
    expect(fx2.body.lines.map((l) => [l.accountCode, l.debit])).toEqual([
      ['6900', '5.00'],
      ['1300', '0.00'],
    ]);
    after = await balances();
    expect(delta(before, after, '1300')).toBe('550.00'); // 500 EUR still open at 1.10
    expect(delta(before, after, '6900')).toBe('25.00');
  });

  it('a bill paid at a higher rate posts a loss, and the payable clears in base', async () => {
    const before = await balances();
    const bill = await issued(t, token, 'bills', {
      partyId: vendor,
      date: '2026-06-02',
      currency: 'EUR',
      exchangeRate: '1.10',
      lines: [line('1', '200.00', { accountId: accounts['6300']!.id })],
    });
    const p = await pay({
      direction: 'made',
      partyId: vendor,
      amount: '200.00',
      exchangeRate: '1.20',
      allocations: [{ documentId: bill.id, amount: '200.00' }],
    });
    expect(baseLines(await entry(p.journalEntryId))).toEqual([
      ['2100', '240.00', '0.00'],
      ['1200', '0.00', '240.00'],
    ]);
    const fx = await entry(p.allocations[0]!.fxEntryId!);
    expect(fx.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['6900', '20.00', '0.00'],
      ['2100', '0.00', '20.00'],
    ]);
    const after = await balances();
    expect(delta(before, after, '2100')).toBe('0.00');
    expect(delta(before, after, '6900')).toBe('20.00');
    expect(delta(before, after, '1200')).toBe('-240.00');
  });

  it('a bill paid at a lower rate posts a gain', async () => {
    const before = await balances();
    const bill = await issued(t, token, 'bills', {
      partyId: vendor,
      date: '2026-06-02',
      currency: 'EUR',
      exchangeRate: '1.10',
      lines: [line('1', '100.00', { accountId: accounts['6300']!.id })],
    });
    const p = await pay({
      direction: 'made',
      partyId: vendor,
      amount: '100.00',
      exchangeRate: '1.05',
      allocations: [{ documentId: bill.id, amount: '100.00' }],
    });
    const fx = await entry(p.allocations[0]!.fxEntryId!);
    expect(fx.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['2100', '5.00', '0.00'],
      ['6900', '0.00', '5.00'],
    ]);
    const after = await balances();
    expect(delta(before, after, '2100')).toBe('0.00');
    expect(delta(before, after, '6900')).toBe('-5.00');
  });

  it('a settlement at the same rate posts no extra entry', async () => {
    const inv = await invoice('300.00', '1.10');
    const before = await balances();
    const entries = await count(t, 'finance.journal_entries');
    const p = await pay({
      amount: '300.00',
      exchangeRate: '1.1000',
      allocations: [{ documentId: inv.id, amount: '300.00' }],
    });
    expect(p.allocations[0]).toMatchObject({ fxEntryId: null });
    expect(await count(t, 'finance.journal_entries')).toBe(entries + 1);
    const after = await balances();
    expect(delta(before, after, '1300')).toBe('-330.00');
    expect(delta(before, after, '6900')).toBe('0.00');
  });

  it('credit notes at another rate post the difference too, applied at issue or later', async () => {
    const before = await balances();
    const inv = await invoice('100.00', '1.10');
    // Applied at issue: 40 EUR credited at 1.00 against 44.00 booked → a 4.00 loss.
    const cn = await issued(t, token, 'credit-notes', {
      partyId: customer,
      date: '2026-06-05',
      currency: 'EUR',
      exchangeRate: '1.00',
      creditsDocumentId: inv.id,
      lines: [line('1', '40.00')],
    });
    expect(cn.status).toBe('paid');
    // Applied by hand: 60 EUR credited at 1.20 against 66.00 booked → a 6.00 gain.
    const standalone = await issued(t, token, 'credit-notes', {
      partyId: customer,
      date: '2026-06-06',
      currency: 'EUR',
      exchangeRate: '1.20',
      lines: [line('1', '60.00')],
    });
    const applied = await t.request<DocBody>('POST', `${F}/credit-notes/${standalone.id}/allocations`, {
      token,
      body: { date: '2026-06-07', allocations: [{ documentId: inv.id, amount: '60.00' }] },
    });
    expect(applied.status).toBe(200);
    const settled = (await t.request<DocBody>('GET', `${F}/invoices/${inv.id}`, { token })).body;
    expect(settled.status).toBe('paid');
    const fxLines = await Promise.all(
      settled.allocations.map(async (a) =>
        (await entry(a.fxEntryId!)).lines.map((l) => [l.accountCode, l.debit, l.credit]),
      ),
    );
    expect(fxLines).toEqual([
      [
        ['6900', '4.00', '0.00'],
        ['1300', '0.00', '4.00'],
      ],
      [
        ['1300', '6.00', '0.00'],
        ['6900', '0.00', '6.00'],
      ],
    ]);
    const after = await balances();
    expect(delta(before, after, '1300')).toBe('0.00');
    expect(delta(before, after, '6900')).toBe('-2.00');
  });
});
