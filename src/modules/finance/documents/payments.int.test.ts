import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { chart, trialBalance, type AccountRef } from '../test/finance-helpers.js';
import { F, counts, createParty, issued, line, type DocBody, type PaymentBody } from './test-support.js';

let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;
let customer: string;
let otherCustomer: string;
let vendor: string;

beforeAll(async () => {
  t = await createTestApp({ poolMax: 10 });
  token = (await t.userWithRoles(['accountant'])).token;
  accounts = await chart(t, token);
  customer = (await createParty(t, token, { kind: 'customer', name: 'Acme Ltd' })).id;
  otherCustomer = (await createParty(t, token, { kind: 'customer', name: 'Other Inc' })).id;
  vendor = (await createParty(t, token, { kind: 'vendor', name: 'Paper Co' })).id;
});
afterAll(() => t.close());

const invoice = (total: string, partyId = customer, extra: Record<string, unknown> = {}) =>
  issued(t, token, 'invoices', { partyId, date: '2026-05-01', lines: [line('1', total)], ...extra });
const pay = (body: Record<string, unknown>, headers?: Record<string, string>) =>
  t.request<PaymentBody>('POST', `${F}/payments`, {
    token,
    body: { direction: 'received', partyId: customer, date: '2026-05-10', ...body },
    ...(headers ? { headers } : {}),
  });
const getInvoice = async (id: string) => (await t.request<DocBody>('GET', `${F}/invoices/${id}`, { token })).body;

describe('payments', () => {
  it('posts Dr bank / Cr receivable, settles partially, and keeps the remainder for later', async () => {
    const a = await invoice('100.00');
    const b = await invoice('50.00');
    const first = await pay({
      amount: '60.00',
      reference: 'wire 1',
      allocations: [{ documentId: a.id, amount: '60.00' }],
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ number: expect.stringMatching(/^RCPT-2026-/), unallocated: '0.00' });
    const je = await t.request<{ lines: { accountCode: string; debit: string; credit: string }[] }>(
      'GET',
      `${F}/journal-entries/${first.body.journalEntryId}`,
      { token },
    );
    expect(je.body.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['1200', '60.00', '0.00'],
      ['1300', '0.00', '60.00'],
    ]);
    expect(await getInvoice(a.id)).toMatchObject({ status: 'partially-paid', open: '40.00' });

    const second = await pay({ amount: '55.00', allocations: [{ documentId: a.id, amount: '40.00' }] });
    expect(second.body).toMatchObject({ allocated: '40.00', unallocated: '15.00' });
    expect(await getInvoice(a.id)).toMatchObject({ status: 'paid', open: '0.00' });

    const later = await t.request<PaymentBody>('POST', `${F}/payments/${second.body.id}/allocations`, {
      token,
      body: { allocations: [{ documentId: b.id, amount: '15.00' }] },
    });
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ unallocated: '0.00', allocations: [{}, { documentId: b.id, amount: '15.00' }] });
    expect(await getInvoice(b.id)).toMatchObject({ status: 'partially-paid', open: '35.00' });
    const history = await getInvoice(a.id);
    expect(history.allocations.map((x) => x.amount)).toEqual(['60.00', '40.00']);
    const listed = await t.request<{ items: { amount: string }[] }>(
      'GET',
      `${F}/payments/${second.body.id}/allocations`,
      {
        token,
      },
    );
    expect(listed.body.items.map((x) => x.amount)).toEqual(['40.00', '15.00']);
    expect((await trialBalance(t, token)).balanced).toBe(true);
  });

  it('pays a bill: Dr payable / Cr bank', async () => {
    const bill = await issued(t, token, 'bills', {
      partyId: vendor,
      date: '2026-05-02',
      lines: [line('1', '70.00', { accountId: accounts['6300']!.id })],
    });
    const res = await pay({
      direction: 'made',
      partyId: vendor,
      amount: '70.00',
      allocations: [{ documentId: bill.id, amount: '70.00' }],
    });
    expect(res.status).toBe(201);
    expect(res.body.number).toMatch(/^PAY-2026-/);
    const je = await t.request<{ lines: { accountCode: string; debit: string }[] }>(
      'GET',
      `${F}/journal-entries/${res.body.journalEntryId}`,
      { token },
    );
    expect(je.body.lines.map((l) => [l.accountCode, l.debit])).toEqual([
      ['2100', '70.00'],
      ['1200', '0.00'],
    ]);
    expect((await t.request<DocBody>('GET', `${F}/bills/${bill.id}`, { token })).body.status).toBe('paid');
  });

  it('is recorded once when retried with the same Idempotency-Key', async () => {
    const inv = await invoice('30.00');
    const before = await counts(t);
    const headers = { 'Idempotency-Key': `pay-${inv.id}` };
    const body = { amount: '30.00', allocations: [{ documentId: inv.id, amount: '30.00' }] };
    const first = await pay(body, headers);
    const retry = await pay(body, headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    const after = await counts(t);
    expect(after.payments - before.payments).toBe(1);
    expect(after.allocations - before.allocations).toBe(1);
    expect(after.entries - before.entries).toBe(1);
    expect(await getInvoice(inv.id)).toMatchObject({ status: 'paid', allocated: '30.00' });
  });

  it('20 concurrent payments never allocate more than the invoice is open for', async () => {
    const inv = await invoice('100.00');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        pay({ amount: '10.00', allocations: [{ documentId: inv.id, amount: '10.00' }] }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 422)).toBe(true);
    const after = await getInvoice(inv.id);
    expect(after).toMatchObject({ status: 'paid', allocated: '100.00', open: '0.00' });
    expect(after.allocations).toHaveLength(10);
    const sum = await t.db
      .selectFrom('finance.allocations')
      .select((eb) => eb.fn.sum<string>('amount').as('s'))
      .where('document_id', '=', inv.id)
      .executeTakeFirstOrThrow();
    expect(Number(sum.s)).toBe(100);
    expect((await trialBalance(t, token)).balanced).toBe(true);
  });

  interface BadPayment {
    amount: string;
    allocate: string;
    party?: string;
    currency?: string;
    accountId?: string;
  }
  it.each<[string, () => BadPayment, string, string]>([
    ['more than is open', () => ({ amount: '500.00', allocate: '200.01' }), 'over-allocation', 'allocations.0.amount'],
    ['more than the payment', () => ({ amount: '10.00', allocate: '10.01' }), 'over-allocation', 'allocations'],
    [
      "another party's invoice",
      () => ({ amount: '10.00', allocate: '10.00', party: otherCustomer }),
      'party-mismatch',
      'allocations.0.documentId',
    ],
    [
      'a different currency',
      () => ({ amount: '10.00', allocate: '10.00', currency: 'EUR' }),
      'currency-mismatch',
      'allocations.0.documentId',
    ],
    ['a negative amount', () => ({ amount: '-10.00', allocate: '1.00' }), 'validation-failed', 'amount'],
    [
      'an unknown bank account',
      () => ({ amount: '10.00', allocate: '1.00', accountId: '00000000-0000-4000-8000-000000000000' }),
      'unknown-account',
      'accountId',
    ],
  ])('refuses allocating %s with 422 and writes nothing', async (_name, spec, type, path) => {
    const s = spec();
    const inv = await invoice('200.00', s.party ?? customer);
    const before = await counts(t);
    const res = await pay({
      amount: s.amount,
      ...(s.currency ? { currency: s.currency, exchangeRate: '1.1' } : {}),
      ...(s.accountId ? { accountId: s.accountId } : {}),
      allocations: [{ documentId: inv.id, amount: s.allocate }],
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: `https://moms.dev/problems/${type}` });
    expect((res.body as unknown as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(path);
    expect(await counts(t)).toEqual(before);
    expect(await getInvoice(inv.id)).toMatchObject({ status: 'issued', allocated: '0.00' });
  });

  it('the database refuses an over-allocation even from code that skips the checks', async () => {
    const inv = await invoice('5.00');
    const p = await pay({ amount: '50.00' });
    await expect(
      t.db
        .insertInto('finance.allocations')
        .values({
          document_id: inv.id,
          payment_id: p.body.id,
          credit_document_id: null,
          amount: '6',
          allocation_date: '2026-05-10',
          created_by: null,
        })
        .execute(),
    ).rejects.toThrow(/documents_allocated/);
  });

  it('voids an unallocated payment by reversal, but not an allocated one', async () => {
    const p = await pay({ amount: '12.00' });
    const voided = await t.request<PaymentBody>('POST', `${F}/payments/${p.body.id}/void`, { token });
    expect(voided.status).toBe(200);
    expect(voided.body.status).toBe('void');
    const inv = await invoice('1.00');
    const allocated = await pay({ amount: '1.00', allocations: [{ documentId: inv.id, amount: '1.00' }] });
    expect((await t.request('POST', `${F}/payments/${allocated.body.id}/void`, { token })).status).toBe(409);
    const list = await t.request<{ items: PaymentBody[] }>(
      'GET',
      `${F}/payments?unallocated=true&partyId=${customer}`,
      {
        token,
      },
    );
    expect(list.body.items.every((x) => x.status === 'posted' && x.unallocated !== '0.00')).toBe(true);
  });
});
