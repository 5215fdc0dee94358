import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { F, createParty, issued, line } from '../documents/test-support.js';
import { availableDiscount } from '../documents/early-discount.js';
import { Money } from '../money.js';
import { pdfText } from '../printing/pdf-text.test-support.js';
import { documentPdf } from '../printing/printing.service.js';
import { chart, trialBalance, type AccountRef } from '../test/finance-helpers.js';

/** Issue #23: an early-payment discount taken with a payment is posted and closes the document. */

interface Payment {
  id: string;
  number: string;
  amount: string;
  allocated: string;
  accountId: string;
  discountOfPaymentId: string | null;
  journalEntryId: string;
}
interface Aging {
  rows: { partyId: string; total: string }[];
}
interface Doc {
  id: string;
  status: string;
  total: string;
  allocated?: string;
}

let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;
let termId: string;

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['finance-admin'])).token;
  accounts = await chart(t, token);
  const res = await t.request<{ id: string }>('POST', `${F}/payment-terms`, {
    token,
    body: {
      name: '2 % 10, net 30',
      instalments: [{ percent: '100', days: 30 }],
      discountPercent: '2',
      discountDays: 10,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  termId = res.body.id;
});
afterAll(() => t.close());

const payments = async (partyId: string) =>
  (await t.request<{ items: Payment[] }>('GET', `${F}/payments?partyId=${partyId}`, { token })).body.items;
const agingTotal = async (side: 'receivables' | 'payables', partyId: string, date: string) =>
  (await t.request<Aging>('GET', `${F}/reports/aging?side=${side}&date=${date}`, { token })).body.rows.find(
    (r) => r.partyId === partyId,
  )?.total ?? '0.00';
const entryLines = async (entryId: string) =>
  (
    await t.request<{ lines: { accountId: string; debit: string; credit: string }[] }>(
      'GET',
      `${F}/journal-entries/${entryId}`,
      { token },
    )
  ).body.lines;

describe('early-payment discount', () => {
  it('the discount still to be had skips instalments something is paid on and expired windows', () => {
    const inst = [
      { amount: '500.00', discount_until: '2026-03-11', discount_amount: '10.00' },
      { amount: '500.00', discount_until: '2026-03-11', discount_amount: '10.00' },
    ];
    expect(availableDiscount(inst, new Money(0), '2026-03-06').toString()).toBe('20');
    expect(availableDiscount(inst, new Money('1'), '2026-03-06').toString()).toBe('10');
    expect(availableDiscount(inst, new Money(0), '2026-03-12').toString()).toBe('0');
  });

  it('an invoice of 1,000.00 at 2 %/10 days paid 980.00 on day 5 is paid, with a 20.00 discount posted', async () => {
    const customer = (await createParty(t, token, { kind: 'customer', name: 'Early Payer' })).id;
    const invoice = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-03-01',
      paymentTermId: termId,
      lines: [line('1', '1000', { accountId: accounts['4100']!.id })],
    });
    expect(invoice.total).toBe('1000.00');
    // The PDF prints the schedule with the discounted amount and its last day.
    const pdf = await pdfText((await documentPdf(t.db, null, 'invoice', invoice.id)).bytes);
    expect(pdf).toContain('Payment schedule');
    expect(pdf).toMatch(/980\.00 USD if paid by 2026-03-11 \(early-payment discount 20\.00\)/);
    const pay = await t.request<Payment>('POST', `${F}/payments`, {
      token,
      body: {
        direction: 'received',
        partyId: customer,
        date: '2026-03-06',
        amount: '980.00',
        allocations: [{ documentId: invoice.id, amount: '980.00' }],
      },
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    const doc = await t.request<Doc>('GET', `${F}/invoices/${invoice.id}`, { token });
    expect(doc.body.status).toBe('paid');
    const all = await payments(customer);
    const discount = all.find((p) => p.discountOfPaymentId !== null)!;
    expect(discount).toMatchObject({ amount: '20.00', allocated: '20.00', discountOfPaymentId: pay.body.id });
    expect(discount.number).toMatch(/^DISC-2026-/);
    const discountAccount = (await chart(t, token))['6850']!;
    expect(discount.accountId).toBe(discountAccount.id);
    expect(await entryLines(discount.journalEntryId)).toEqual([
      expect.objectContaining({ accountId: discountAccount.id, debit: '20.00' }),
      expect.objectContaining({ accountId: accounts['1300']!.id, credit: '20.00' }),
    ]);
    expect((await trialBalance(t, token)).balanced).toBe(true);
    expect(await agingTotal('receivables', customer, '2026-03-31')).toBe('0.00');
    const tie = await t.request<{ ok?: boolean; sides?: unknown }>('GET', `${F}/reports/tie-out?date=2026-03-31`, {
      token,
    });
    expect(tie.status).toBe(200);
    expect(JSON.stringify(tie.body)).not.toMatch(/"difference":"-?[1-9]/);
  });

  it('paid 980.00 on day 15, the 20.00 stays open', async () => {
    const customer = (await createParty(t, token, { kind: 'customer', name: 'Late Payer' })).id;
    const invoice = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-03-01',
      paymentTermId: termId,
      lines: [line('1', '1000', { accountId: accounts['4100']!.id })],
    });
    const pay = await t.request<Payment>('POST', `${F}/payments`, {
      token,
      body: {
        direction: 'received',
        partyId: customer,
        date: '2026-03-16',
        amount: '980.00',
        allocations: [{ documentId: invoice.id, amount: '980.00' }],
      },
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    const doc = await t.request<Doc>('GET', `${F}/invoices/${invoice.id}`, { token });
    expect(doc.body.status).toBe('partially-paid');
    expect((await payments(customer)).filter((p) => p.discountOfPaymentId !== null)).toEqual([]);
    expect(await agingTotal('receivables', customer, '2026-03-31')).toBe('20.00');
    expect((await trialBalance(t, token)).balanced).toBe(true);
  });

  it('a bill paid early takes the discount received (income), also when allocated later', async () => {
    const vendor = (await createParty(t, token, { kind: 'vendor', name: 'Discounting Vendor' })).id;
    const bill = await issued(t, token, 'bills', {
      partyId: vendor,
      date: '2026-04-01',
      paymentTermId: termId,
      lines: [line('1', '500', { accountId: accounts['6400']!.id })],
    });
    const pay = await t.request<Payment>('POST', `${F}/payments`, {
      token,
      body: { direction: 'made', partyId: vendor, date: '2026-04-05', amount: '490.00' },
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    const alloc = await t.request('POST', `${F}/payments/${pay.body.id}/allocations`, {
      token,
      body: { date: '2026-04-20', allocations: [{ documentId: bill.id, amount: '490.00' }] },
    });
    expect(alloc.status, JSON.stringify(alloc.body)).toBeLessThan(300);
    expect((await t.request<Doc>('GET', `${F}/bills/${bill.id}`, { token })).body.status).toBe('paid');
    const discount = (await payments(vendor)).find((p) => p.discountOfPaymentId !== null)!;
    const received = (await chart(t, token))['4850']!;
    expect(await entryLines(discount.journalEntryId)).toEqual([
      expect.objectContaining({ accountId: accounts['2100']!.id, debit: '10.00' }),
      expect.objectContaining({ accountId: received.id, credit: '10.00' }),
    ]);
    expect(await agingTotal('payables', vendor, '2026-04-30')).toBe('0.00');
    expect((await trialBalance(t, token)).balanced).toBe(true);
  });

  it('goes through the period lock: a closed period refuses the payment and its discount together', async () => {
    const customer = (await createParty(t, token, { kind: 'customer', name: 'Closed Payer' })).id;
    const invoice = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-06-01',
      paymentTermId: termId,
      lines: [line('1', '100', { accountId: accounts['4100']!.id })],
    });
    const years = await t.request<{ items: { year: number; periods: { id: string; period: number }[] }[] }>(
      'GET',
      `${F}/fiscal-years`,
      { token },
    );
    const june = years.body.items.find((y) => y.year === 2026)!.periods.find((p) => p.period === 6)!;
    expect((await t.request('POST', `${F}/periods/${june.id}/close`, { token })).status).toBe(200);
    const pay = await t.request<{ type: string }>('POST', `${F}/payments`, {
      token,
      body: {
        direction: 'received',
        partyId: customer,
        date: '2026-06-05',
        amount: '98.00',
        allocations: [{ documentId: invoice.id, amount: '98.00' }],
      },
    });
    expect(pay.status).toBe(422);
    expect(pay.body.type).toMatch(/period-closed$/);
    expect(await payments(customer)).toEqual([]);
    expect((await t.request('POST', `${F}/periods/${june.id}/reopen`, { token })).status).toBe(200);
  });

  it('a bank line of the discounted amount takes the discount; unreconciling undoes both', async () => {
    const ledger = await t.request<{ id: string }>('POST', `${F}/accounts`, {
      token,
      body: { code: '1220', name: 'Bank (discounts)', type: 'asset', parentId: accounts['1000']!.id },
    });
    expect(ledger.status, JSON.stringify(ledger.body)).toBe(201);
    const bank = await t.request<{ id: string }>('POST', `${F}/bank-accounts`, {
      token,
      body: { name: 'Discount bank', accountNumber: 'DISC-1', currency: 'USD', accountId: ledger.body.id },
    });
    expect(bank.status, JSON.stringify(bank.body)).toBe(201);
    const customer = (await createParty(t, token, { kind: 'customer', name: 'Bank Early Payer' })).id;
    const invoice = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-07-01',
      paymentTermId: termId,
      lines: [line('1', '1000', { accountId: accounts['4100']!.id })],
    });
    const statement = await t.request<{ id: string }>('POST', `${F}/bank-accounts/${bank.body.id}/statements`, {
      token,
      body: {
        format: 'csv',
        content: `Date,Text,Amount,Reference\n2026-07-05,Payment,980.00,${invoice.number}\n`,
        csvMapping: {
          delimiter: ',',
          headerRow: 1,
          date: 'Date',
          description: 'Text',
          amount: 'Amount',
          reference: 'Reference',
        },
        openingBalance: '0.00',
      },
    });
    expect(statement.status, JSON.stringify(statement.body)).toBe(201);
    const accepted = await t.request<{ reconciled: string[] }>(
      'POST',
      `${F}/bank-statements/${statement.body.id}/proposals/accept`,
      { token, body: {} },
    );
    expect(accepted.body.reconciled, JSON.stringify(accepted.body)).toHaveLength(1);
    expect((await t.request<Doc>('GET', `${F}/invoices/${invoice.id}`, { token })).body.status).toBe('paid');
    expect((await payments(customer)).filter((p) => p.discountOfPaymentId !== null).map((p) => p.amount)).toEqual([
      '20.00',
    ]);

    const lines = await t.request<{ items: { id: string; version: number }[] }>(
      'GET',
      `${F}/bank-statements/${statement.body.id}/lines`,
      { token },
    );
    const l = lines.body.items[0]!;
    const undone = await t.request('POST', `${F}/bank-statements/${statement.body.id}/lines/${l.id}/unreconcile`, {
      token,
      body: { version: l.version },
    });
    expect(undone.status, JSON.stringify(undone.body)).toBeLessThan(300);
    expect((await t.request<Doc>('GET', `${F}/invoices/${invoice.id}`, { token })).body.status).toBe('issued');
    const after = await payments(customer);
    expect(after.every((p) => (p as Payment & { status: string }).status === 'void')).toBe(true);
    expect(await agingTotal('receivables', customer, '2026-07-31')).toBe('1000.00');
    expect((await trialBalance(t, token)).balanced).toBe(true);
  });
});
