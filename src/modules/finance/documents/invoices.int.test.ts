import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { chart, trialBalance, type AccountRef } from '../test/finance-helpers.js';
import { businessMetricCounts } from '../../../platform/observability/metrics.js';
import { F, counts, createParty, issued, line, type DocBody } from './test-support.js';

let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;
let customer: string;
let vendor: string;
const id = (code: string) => accounts[code]!.id;

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant'])).token;
  accounts = await chart(t, (await t.userWithRoles(['finance-admin'])).token);
  customer = (await createParty(t, token, { kind: 'customer', name: 'Acme Ltd', paymentTermsDays: 14 })).id;
  vendor = (await createParty(t, token, { kind: 'vendor', name: 'Paper Co' })).id;
});
afterAll(() => t.close());

type JE = { lines: { accountCode: string; debit: string; credit: string }[]; sourceType: string; currency: string };
const entryOf = async (entryId: string) =>
  (await t.request<JE>('GET', `${F}/journal-entries/${entryId}`, { token })).body.lines.map((l) => [
    l.accountCode,
    l.debit,
    l.credit,
  ]);

describe('invoice totals', () => {
  it('computes each line half-up to the currency, and totals as sums of rounded lines', async () => {
    const res = await t.request<DocBody>('POST', `${F}/invoices`, {
      token,
      body: {
        partyId: customer,
        date: '2026-03-01',
        lines: [
          line('3', '0.335', { taxRate: '20' }),
          line('1', '10.00', { discountPercent: '12.5', taxRate: '7.5' }),
          line('2.5', '19.99', { taxRate: '19' }),
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.lines.map((l) => [l.net, l.tax])).toEqual([
      ['1.01', '0.20'],
      ['8.75', '0.66'],
      ['49.98', '9.50'],
    ]);
    expect(res.body).toMatchObject({
      status: 'draft',
      number: null,
      subtotal: '59.74',
      taxTotal: '10.36',
      total: '70.10',
      open: '70.10',
      dueDate: '2026-03-15',
    });
    expect(res.body.lines[0]!.accountId).toBe(id('4100'));
  });
});

describe('issuing', () => {
  it('numbers an invoice and posts Dr receivable / Cr income / Cr tax payable; the books balance', async () => {
    const issuedBefore = businessMetricCounts().get('InvoicesIssued') ?? 0;
    const inv = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-03-02',
      lines: [line('2', '100.00', { taxRate: '20', accountId: id('4200') }), line('1', '50.00', { taxRate: '20' })],
    });
    expect(inv).toMatchObject({ status: 'issued', number: expect.stringMatching(/^INV-2026-\d{6}$/), total: '300.00' });
    expect(await entryOf(inv.journalEntryId!)).toEqual([
      ['1300', '300.00', '0.00'],
      ['4200', '0.00', '200.00'],
      ['4100', '0.00', '50.00'],
      ['2200', '0.00', '50.00'],
    ]);
    expect((await trialBalance(t, token)).balanced).toBe(true);
    // The business metric (CloudWatch on Lambda) counts it once it committed.
    expect(businessMetricCounts().get('InvoicesIssued')).toBe(issuedBefore + 1);
  });

  it('posts a bill Dr expense / Dr tax receivable / Cr payable', async () => {
    const bill = await issued(t, token, 'bills', {
      partyId: vendor,
      date: '2026-03-03',
      reference: 'V-778',
      lines: [line('1', '80.00', { taxRate: '25', accountId: id('6200') })],
    });
    expect(bill.number).toMatch(/^BILL-2026-\d{6}$/);
    expect(await entryOf(bill.journalEntryId!)).toEqual([
      ['2100', '0.00', '100.00'],
      ['6200', '80.00', '0.00'],
      ['1350', '20.00', '0.00'],
    ]);
  });

  it('a foreign-currency invoice posts in its currency with base amounts at its rate', async () => {
    const inv = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-03-04',
      currency: 'EUR',
      exchangeRate: '1.1',
      lines: [line('1', '100.00')],
    });
    const je = await t.request<{ currency: string; lines: { baseDebit: string }[] }>(
      'GET',
      `${F}/journal-entries/${inv.journalEntryId}`,
      { token },
    );
    expect(je.body.currency).toBe('EUR');
    expect(je.body.lines[0]!.baseDebit).toBe('110.00');
  });

  it('drafts change with their version; issued documents never change', async () => {
    const body = { partyId: customer, date: '2026-03-05', lines: [line('1', '10.00')] };
    const draft = await t.request<DocBody>('POST', `${F}/invoices`, { token, body });
    const url = `${F}/invoices/${draft.body.id}`;
    const edited = await t.request<DocBody>('PUT', url, {
      token,
      body: { ...body, lines: [line('2', '10.00')], version: draft.body.version },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.total).toBe('20.00');
    const stale = await t.request('PUT', url, { token, body: { ...body, version: draft.body.version } });
    expect(stale.status).toBe(409);
    expect((await t.request('POST', `${url}/issue`, { token })).status).toBe(200);
    const late = await t.request('PUT', url, { token, body: { ...body, version: edited.body.version + 1 } });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ type: 'https://moms.dev/problems/document-not-draft' });
    expect((await t.request('DELETE', url, { token })).status).toBe(409);
    await expect(
      t.db.updateTable('finance.documents').set({ total: '1' }).where('id', '=', draft.body.id).execute(),
    ).rejects.toThrow(/cannot be changed/);
  });

  it.each([
    ['a negative quantity', { lines: [line('-1', '10.00')] }, 'validation-failed', 'lines.0.quantity'],
    ['a zero quantity', { lines: [line('0', '10.00')] }, 'validation-failed', 'lines.0.quantity'],
    ['"1e309" as a price', { lines: [line('1', '1e309')] }, 'validation-failed', 'lines.0.unitPrice'],
    ['a JSON number', { lines: [{ quantity: 1, unitPrice: '1.00' }] }, 'validation-failed', 'lines.0.quantity'],
    [
      'a discount over 100',
      { lines: [line('1', '1.00', { discountPercent: '101' })] },
      'validation-failed',
      'lines.0.discountPercent',
    ],
    [
      'a foreign currency without rate',
      { currency: 'EUR', lines: [line('1', '1.00')] },
      'wrong-currency',
      'exchangeRate',
    ],
    ['a bad currency', { currency: 'euro', lines: [line('1', '1.00')] }, 'validation-failed', 'currency'],
    [
      'an unknown account',
      { lines: [line('1', '1.00', { accountId: '00000000-0000-4000-8000-000000000000' })] },
      'unknown-account',
      'lines.0.accountId',
    ],
    ['a vendor as customer', { partyId: 'VENDOR', lines: [line('1', '1.00')] }, 'wrong-party-kind', 'partyId'],
    ['an overflowing total', { lines: [line('999999999999999', '999999999999999')] }, 'validation-failed', 'lines.0'],
  ])('refuses %s with 4xx problem+json and writes nothing', async (_name, extra, type, path) => {
    const before = await counts(t);
    const body = { partyId: customer, date: '2026-03-06', ...extra } as Record<string, unknown>;
    if (body.partyId === 'VENDOR') body.partyId = vendor;
    const res = await t.request('POST', `${F}/invoices`, { token, body });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: `https://moms.dev/problems/${type}` });
    expect((res.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(path);
    expect(await counts(t)).toEqual(before);
  });

  it('needs finance:approve to issue, finance:write to draft', async () => {
    const bookkeeper = (await t.userWithRoles(['bookkeeper'])).token;
    const draft = await t.request<DocBody>('POST', `${F}/invoices`, {
      token: bookkeeper,
      body: { partyId: customer, date: '2026-03-07', lines: [line('1', '5.00')] },
    });
    expect(draft.status).toBe(201);
    expect((await t.request('POST', `${F}/invoices/${draft.body.id}/issue`, { token: bookkeeper })).status).toBe(403);
    const employee = (await t.userWithRoles(['employee'])).token;
    expect((await t.request('GET', `${F}/invoices`, { token: employee })).status).toBe(403);
  });
});

describe('void and credit notes', () => {
  it('voids an unpaid invoice by reversing its entry', async () => {
    const before = await trialBalance(t, token);
    const inv = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-04-01',
      lines: [line('1', '400.00', { taxRate: '10' })],
    });
    const voided = await t.request<DocBody>('POST', `${F}/invoices/${inv.id}/void`, { token });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: 'void', voidEntryId: expect.any(String) });
    const after = await trialBalance(t, token);
    const bal = (tb: typeof after, code: string) => tb.rows.find((r) => r.code === code)?.balance;
    expect(bal(after, '1300')).toBe(bal(before, '1300'));
    expect(bal(after, '2200')).toBe(bal(before, '2200'));
    expect((await t.request('POST', `${F}/invoices/${inv.id}/void`, { token })).status).toBe(422);
  });

  it('a credit note against an invoice reduces its open amount; the rest can be applied later', async () => {
    const inv = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-04-02',
      lines: [line('1', '100.00', { taxRate: '20' })],
    });
    const cn = await issued(t, token, 'credit-notes', {
      partyId: customer,
      date: '2026-04-03',
      creditsDocumentId: inv.id,
      lines: [line('1', '25.00', { taxRate: '20' })],
    });
    expect(cn).toMatchObject({
      number: expect.stringMatching(/^CN-2026-/),
      total: '30.00',
      status: 'paid',
      open: '0.00',
    });
    expect(await entryOf(cn.journalEntryId!)).toEqual([
      ['1300', '0.00', '30.00'],
      ['4100', '25.00', '0.00'],
      ['2200', '5.00', '0.00'],
    ]);
    const after = await t.request<DocBody>('GET', `${F}/invoices/${inv.id}`, { token });
    expect(after.body).toMatchObject({ status: 'partially-paid', allocated: '30.00', open: '90.00' });
    expect(after.body.allocations).toEqual([
      expect.objectContaining({ amount: '30.00', creditDocumentId: cn.id, paymentId: null }),
    ]);
    // A standalone credit note, applied by hand; more than is open is refused.
    const standalone = await issued(t, token, 'credit-notes', {
      partyId: customer,
      date: '2026-04-04',
      lines: [line('1', '100.00')],
    });
    const over = await t.request('POST', `${F}/credit-notes/${standalone.id}/allocations`, {
      token,
      body: { allocations: [{ documentId: inv.id, amount: '90.01' }] },
    });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({
      type: 'https://moms.dev/problems/over-allocation',
      errors: [{ path: 'allocations.0.amount' }],
    });
    const applied = await t.request<DocBody>('POST', `${F}/credit-notes/${standalone.id}/allocations`, {
      token,
      body: { allocations: [{ documentId: inv.id, amount: '90.00' }] },
    });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'partially-paid', open: '10.00' });
    const paid = await t.request<DocBody>('GET', `${F}/invoices/${inv.id}`, { token });
    expect(paid.body).toMatchObject({ status: 'paid', open: '0.00' });
    expect((await t.request('POST', `${F}/invoices/${inv.id}/void`, { token })).status).toBe(409);
    expect((await trialBalance(t, token)).balanced).toBe(true);
  });
});

describe('lists', () => {
  it('filter by status, party and overdue, and sort by total', async () => {
    const other = (await createParty(t, token, { kind: 'both', name: 'Zeta GmbH', paymentTermsDays: 0 })).id;
    await issued(t, token, 'invoices', { partyId: other, date: '2020-01-01', lines: [line('1', '7.00')] });
    await issued(t, token, 'invoices', { partyId: other, date: '2099-01-01', lines: [line('1', '9.00')] });
    const overdue = await t.request<{ items: DocBody[] }>('GET', `${F}/invoices?partyId=${other}&overdue=true`, {
      token,
    });
    expect(overdue.body.items.map((i) => i.total)).toEqual(['7.00']);
    expect(overdue.body.items[0]!.overdue).toBe(true);
    const byTotal = await t.request<{ items: DocBody[]; nextCursor: string | null }>(
      'GET',
      `${F}/invoices?partyId=${other}&sort=-total&limit=1`,
      { token },
    );
    expect(byTotal.body.items[0]!.total).toBe('9.00');
    const next = await t.request<{ items: DocBody[] }>(
      'GET',
      `${F}/invoices?partyId=${other}&sort=-total&limit=1&cursor=${byTotal.body.nextCursor}`,
      { token },
    );
    expect(next.body.items[0]!.total).toBe('7.00');
    const drafts = await t.request<{ items: DocBody[] }>('GET', `${F}/invoices?status=draft&q=Acme`, { token });
    expect(drafts.body.items.length).toBeGreaterThan(0);
    expect(drafts.body.items.every((i) => i.status === 'draft')).toBe(true);
  });
});
