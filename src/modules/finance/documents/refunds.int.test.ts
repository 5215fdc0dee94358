import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { Money } from '../money.js';
import { trialBalance } from '../test/finance-helpers.js';
import { F, createParty, issued, line, type DocBody, type PaymentBody } from './test-support.js';

let t: TestApp;
let token: string;
let customer: string;
let vendor: string;
let euroCustomer: string;

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant'])).token;
  customer = (await createParty(t, token, { kind: 'customer', name: 'Refund Kunde' })).id;
  vendor = (await createParty(t, token, { kind: 'vendor', name: 'Refund Lieferant' })).id;
  euroCustomer = (await createParty(t, token, { kind: 'customer', name: 'Euro Refund', currency: 'EUR' })).id;
});
afterAll(() => t.close());

interface Reversal {
  reversal: { id: string; amount: string; reversesAllocationId: string; fxEntryId: string | null; date: string };
}
interface RefundBody extends PaymentBody {
  kind: string;
  direction: string;
  settles: { id: string; amount: string; sourceNumber: string; fxEntryId: string | null }[];
}

async function balances(date = '2099-12-31'): Promise<Map<string, Money>> {
  const tb = await trialBalance(t, token, date);
  expect(tb.balanced).toBe(true);
  return new Map(tb.rows.map((r) => [r.code, new Money(r.balance)]));
}
const delta = (a: Map<string, Money>, b: Map<string, Money>, code: string) =>
  (b.get(code) ?? new Money(0)).minus(a.get(code) ?? new Money(0)).toFixed(2);

async function agingTotal(side: 'receivables' | 'payables', date: string) {
  const res = await t.request<{ totals: { total: string } }>('GET', `${F}/reports/aging?side=${side}&date=${date}`, {
    token,
  });
  expect(res.status).toBe(200);
  return res.body.totals.total;
}
/** Receivables and payables aging totals equal their control accounts' balances on `date`. */
async function tiesOut(date: string) {
  const b = await balances(date);
  expect(await agingTotal('receivables', date)).toBe((b.get('1300') ?? new Money(0)).toFixed(2));
  expect(await agingTotal('payables', date)).toBe((b.get('2100') ?? new Money(0)).negated().toFixed(2));
}
const codeOf = (body: unknown) => (body as { type?: string }).type?.replace('https://moms.dev/problems/', '');
const doc = async (path: string, id: string) => (await t.request<DocBody>('GET', `${F}/${path}/${id}`, { token })).body;
const pay = async (body: Record<string, unknown>) => {
  const res = await t.request<PaymentBody>('POST', `${F}/payments`, {
    token,
    body: { direction: 'received', partyId: customer, date: '2026-03-10', ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const unallocate = (id: string, body?: Record<string, unknown>) =>
  t.request<Reversal & { code?: string; detail?: string }>('POST', `${F}/allocations/${id}/unallocate`, {
    token,
    ...(body ? { body } : {}),
  });
const refund = (body: Record<string, unknown>) =>
  t.request<RefundBody & { code?: string; detail?: string }>('POST', `${F}/refunds`, { token, body });

describe('unallocating a payment or a credit', () => {
  it('gives the document its open amount and status back, and the payment its remainder', async () => {
    const inv = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-03-01',
      lines: [line('1', '300')],
    });
    const p = await pay({ amount: '300.00', allocations: [{ documentId: inv.id, amount: '300.00' }] });
    expect((await doc('invoices', inv.id)).status).toBe('paid');
    const before = await balances();

    const res = await unallocate(p.allocations[0]!.id, { date: '2026-03-12' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.reversal).toMatchObject({ amount: '-300.00', reversesAllocationId: p.allocations[0]!.id });
    const after = await doc('invoices', inv.id);
    expect(after).toMatchObject({ status: 'issued', allocated: '0.00', open: '300.00' });
    const payment = (await t.request<PaymentBody>('GET', `${F}/payments/${p.id}`, { token })).body;
    expect(payment).toMatchObject({ allocated: '0.00', unallocated: '300.00' });
    // Nothing posts in the base currency: the ledger does not move.
    expect(delta(before, await balances(), '1300')).toBe('0.00');
    // The aging (open invoices less unallocated payments) still ties to the receivable on every date.
    await tiesOut('2026-03-11');
    await tiesOut('2026-03-12');

    // Twice: 409; the reversal row itself cannot be undone.
    expect((await unallocate(p.allocations[0]!.id)).status).toBe(409);
    const again = await unallocate(res.body.reversal.id);
    expect([again.status, codeOf(again.body)]).toEqual([422, 'not-an-allocation']);
    // It can be allocated again.
    const realloc = await t.request('POST', `${F}/payments/${p.id}/allocations`, {
      token,
      body: { date: '2026-03-13', allocations: [{ documentId: inv.id, amount: '300.00' }] },
    });
    expect(realloc.status).toBe(200);
    expect((await doc('invoices', inv.id)).status).toBe('paid');
  });

  it('reverses the realised exchange difference the allocation booked, on the unallocation date', async () => {
    const inv = await issued(t, token, 'invoices', {
      partyId: euroCustomer,
      date: '2026-04-01',
      currency: 'EUR',
      exchangeRate: '1.10',
      lines: [line('1', '1000.00')],
    });
    const before = await balances();
    const p = await pay({
      partyId: euroCustomer,
      date: '2026-04-10',
      currency: 'EUR',
      exchangeRate: '1.15',
      amount: '1000.00',
      allocations: [{ documentId: inv.id, amount: '1000.00' }],
    });
    expect(delta(before, await balances(), '6900')).toBe('-50.00');
    const res = await unallocate(p.allocations[0]!.id, { date: '2026-04-20' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.reversal.fxEntryId).toEqual(expect.any(String));
    const fx = await t.request<{ date: string; lines: { accountCode: string; debit: string; credit: string }[] }>(
      'GET',
      `${F}/journal-entries/${res.body.reversal.fxEntryId}`,
      { token },
    );
    expect(fx.body.date).toBe('2026-04-20');
    expect(fx.body.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['1300', '0.00', '50.00'],
      ['6900', '50.00', '0.00'],
    ]);
    const after = await balances();
    // The gain is gone; the receivable holds the invoice at 1.10 less the unallocated payment at 1.15.
    expect(delta(before, after, '6900')).toBe('0.00');
    expect(delta(before, after, '1300')).toBe('-1150.00');
    await tiesOut('2026-04-10');
    await tiesOut('2026-04-20');
  });

  it('undoes a credit note applied to an invoice: both are open again', async () => {
    const inv = await issued(t, token, 'invoices', { partyId: customer, date: '2026-03-01', lines: [line('1', '80')] });
    const cn = await issued(t, token, 'credit-notes', {
      partyId: customer,
      date: '2026-03-02',
      creditsDocumentId: inv.id,
      lines: [line('1', '80')],
    });
    expect((await doc('invoices', inv.id)).status).toBe('paid');
    const res = await unallocate(cn.allocations[0]!.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // The credit's own date, while its period is open.
    expect(res.body.reversal.date).toBe('2026-03-02');
    expect(await doc('invoices', inv.id)).toMatchObject({ status: 'issued', open: '80.00' });
    expect(await doc('credit-notes', cn.id)).toMatchObject({ status: 'issued', open: '80.00' });
  });

  it('refuses a date in a closed period (422 period-closed) and before the allocation', async () => {
    const inv = await issued(t, token, 'invoices', { partyId: customer, date: '2026-05-01', lines: [line('1', '10')] });
    const p = await pay({
      date: '2026-05-02',
      amount: '10.00',
      allocations: [{ documentId: inv.id, amount: '10.00' }],
    });
    const early = await unallocate(p.allocations[0]!.id, { date: '2026-05-01' });
    expect([early.status, codeOf(early.body)]).toEqual([422, 'unallocation-date']);
    const years = await t.request<{ items: { year: number; periods: { id: string; period: number }[] }[] }>(
      'GET',
      `${F}/fiscal-years`,
      { token },
    );
    const may = years.body.items.find((y) => y.year === 2026)!.periods.find((x) => x.period === 5)!;
    expect((await t.request('POST', `${F}/periods/${may.id}/close`, { token })).status).toBe(200);
    const closed = await unallocate(p.allocations[0]!.id, { date: '2026-05-20' });
    expect([closed.status, codeOf(closed.body)]).toEqual([422, 'period-closed']);
    expect((await doc('invoices', inv.id)).status).toBe('paid');
    // A later date in an open period is fine: May's figures do not move.
    const mayAging = await agingTotal('receivables', '2026-05-31');
    expect((await unallocate(p.allocations[0]!.id, { date: '2026-06-01' })).status).toBe(200);
    expect(await agingTotal('receivables', '2026-05-31')).toBe(mayAging);
  });
});

describe('concurrent unallocations', () => {
  it('undo an allocation once: one succeeds, the others get 409', async () => {
    const inv = await issued(t, token, 'invoices', { partyId: customer, date: '2026-06-01', lines: [line('1', '25')] });
    const p = await pay({
      date: '2026-06-02',
      amount: '25.00',
      allocations: [{ documentId: inv.id, amount: '25.00' }],
    });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => unallocate(p.allocations[0]!.id, { date: '2026-06-03' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(await doc('invoices', inv.id)).toMatchObject({ status: 'issued', open: '25.00', allocated: '0.00' });
  });
});

describe('voiding a payment', () => {
  it('refuses while it is allocated, naming the documents; voids once unallocated', async () => {
    const inv = await issued(t, token, 'invoices', { partyId: customer, date: '2026-06-01', lines: [line('1', '40')] });
    const p = await pay({
      date: '2026-06-02',
      amount: '50.00',
      allocations: [{ documentId: inv.id, amount: '40.00' }],
    });
    const refused = await t.request<{ code: string; detail: string }>('POST', `${F}/payments/${p.id}/void`, { token });
    expect(refused.status).toBe(409);
    expect(codeOf(refused.body)).toBe('payment-allocated');
    expect(refused.body.detail).toContain(inv.number!);
    expect((await unallocate(p.allocations[0]!.id)).status).toBe(200);
    const before = await balances();
    const voided = await t.request<PaymentBody>('POST', `${F}/payments/${p.id}/void`, { token });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    expect(voided.body.status).toBe('void');
    const after = await balances();
    expect(delta(before, after, '1200')).toBe('-50.00');
    expect(delta(before, after, '1300')).toBe('50.00');
  });
});

describe('refunds', () => {
  it('refunds a credit note to the customer: Dr receivable / Cr bank, the credit fully applied', async () => {
    const cn = await issued(t, token, 'credit-notes', {
      partyId: customer,
      date: '2026-07-01',
      lines: [line('1', '120')],
    });
    const agingBefore = await agingTotal('receivables', '2026-07-31');
    const before = await balances();
    const res = await refund({ creditDocumentId: cn.id, date: '2026-07-05', amount: '100.00', reference: 'R1' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get('location')).toBe(`${F}/refunds/${res.body.id}`);
    expect(res.body).toMatchObject({ kind: 'refund', direction: 'made', amount: '100.00', allocated: '100.00' });
    expect(res.body.number).toMatch(/^RFND-2026-\d{6}$/);
    expect(res.body.settles).toEqual([expect.objectContaining({ amount: '100.00', sourceNumber: cn.number })]);
    const after = await balances();
    expect(delta(before, after, '1300')).toBe('100.00');
    expect(delta(before, after, '1200')).toBe('-100.00');
    expect(await doc('credit-notes', cn.id)).toMatchObject({ status: 'partially-paid', open: '20.00' });
    // The aging tracks the ledger: the credit note's unapplied part shrank by 100.
    expect(await agingTotal('receivables', '2026-07-31')).toBe(new Money(agingBefore).plus(100).toFixed(2));
    await tiesOut('2026-07-31');

    // More than is left: 422; the rest by default.
    const over = await refund({ creditDocumentId: cn.id, date: '2026-07-06', amount: '20.01' });
    expect([over.status, codeOf(over.body)]).toEqual([422, 'over-allocation']);
    const rest = await refund({ creditDocumentId: cn.id, date: '2026-07-06' });
    expect(rest.status).toBe(201);
    expect(rest.body.amount).toBe('20.00');
    expect((await doc('credit-notes', cn.id)).status).toBe('paid');
    const none = await refund({ creditDocumentId: cn.id, date: '2026-07-07' });
    expect([none.status, codeOf(none.body)]).toEqual([422, 'nothing-to-refund']);

    // Voiding the refund gives the credit back and reverses the money.
    const v = await t.request<RefundBody>('POST', `${F}/refunds/${rest.body.id}/void`, { token });
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    expect(v.body.status).toBe('void');
    expect(v.body.settles.map((s) => s.amount)).toEqual(['20.00', '-20.00']);
    expect(await doc('credit-notes', cn.id)).toMatchObject({ status: 'partially-paid', open: '20.00' });
    await tiesOut('2026-07-06');
    await tiesOut('2099-12-31');
    // A refund's allocation is undone by voiding it, not one by one; the payment route refuses it.
    const direct = await unallocate(res.body.settles[0]!.id);
    expect([direct.status, codeOf(direct.body)]).toEqual([422, 'refund-allocation']);
    expect((await t.request('POST', `${F}/payments/${res.body.id}/void`, { token })).status).toBe(422);
  });

  it('refunds an overpayment: the payment is fully used and the ledger and aging agree', async () => {
    const inv = await issued(t, token, 'invoices', { partyId: customer, date: '2026-08-01', lines: [line('1', '90')] });
    const p = await pay({
      date: '2026-08-02',
      amount: '100.00',
      allocations: [{ documentId: inv.id, amount: '90.00' }],
    });
    const before = await balances();
    const res = await refund({ paymentId: p.id, date: '2026-08-03' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ amount: '10.00', direction: 'made', partyId: customer });
    const payment = (await t.request<PaymentBody>('GET', `${F}/payments/${p.id}`, { token })).body;
    expect(payment).toMatchObject({ allocated: '100.00', unallocated: '0.00' });
    expect(delta(before, await balances(), '1300')).toBe('10.00');
    await tiesOut('2026-08-03');
    // The payment cannot be voided while refunded; the refund names itself.
    const refused = await t.request<{ detail: string }>('POST', `${F}/payments/${p.id}/void`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(res.body.number);
  });

  it('a vendor refunds a vendor credit: Dr bank / Cr payable, direction received', async () => {
    const vc = await issued(t, token, 'vendor-credits', {
      partyId: vendor,
      date: '2026-09-01',
      lines: [line('1', '60')],
    });
    const before = await balances();
    const res = await refund({ creditDocumentId: vc.id, date: '2026-09-02' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ direction: 'received', kind: 'refund', amount: '60.00' });
    const after = await balances();
    expect(delta(before, after, '1200')).toBe('60.00');
    expect(delta(before, after, '2100')).toBe('-60.00');
    expect((await doc('vendor-credits', vc.id)).status).toBe('paid');
    await tiesOut('2026-09-02');
  });

  it('in a foreign currency at another rate: the realised difference clears the receivable exactly', async () => {
    const before = await balances();
    const cn = await issued(t, token, 'credit-notes', {
      partyId: euroCustomer,
      date: '2026-10-01',
      currency: 'EUR',
      exchangeRate: '1.0850',
      lines: [line('1', '1000.00')],
    });
    const first = await refund({
      creditDocumentId: cn.id,
      date: '2026-10-05',
      amount: '101.00',
      exchangeRate: '1.1000',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await refund({ creditDocumentId: cn.id, date: '2026-10-06', exchangeRate: '1.0700' });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const after = await balances();
    // The credit note booked Cr 1300 1,085.00; the refunds paid 111.10 + 961.93 = 1,073.03 out of the bank.
    expect(delta(before, after, '1200')).toBe('-1073.03');
    expect(delta(before, after, '1300')).toBe('0.00');
    expect(delta(before, after, '6900')).toBe('-11.97');
    expect(delta(before, after, '4100')).toBe('1085.00');
    await tiesOut('2026-10-05');
    await tiesOut('2026-10-06');
  });

  it('refuses a request naming both or neither source, and needs the rate for a foreign currency', async () => {
    const neither = await refund({ date: '2026-10-01' });
    expect(neither.status).toBe(422);
    const cn = await issued(t, token, 'credit-notes', {
      partyId: euroCustomer,
      date: '2026-10-01',
      currency: 'EUR',
      exchangeRate: '1.1',
      lines: [line('1', '5.00')],
    });
    const early = await refund({ creditDocumentId: cn.id, date: '2026-09-30', exchangeRate: '1.1' });
    expect(early.status).toBe(422);
    expect(JSON.stringify(early.body)).toContain('"path":"date"');
    const noRate = await refund({ creditDocumentId: cn.id, date: '2026-10-02' });
    expect([noRate.status, codeOf(noRate.body)]).toEqual([422, 'wrong-currency']);
    const reader = await t.userWithRoles(['employee']);
    const forbidden = await t.request('POST', `${F}/refunds`, {
      token: reader.token,
      body: { creditDocumentId: cn.id, date: '2026-10-02', exchangeRate: '1.1' },
    });
    expect(forbidden.status).toBe(403);
  });
});
