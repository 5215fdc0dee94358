import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { F, createParty, issued, line } from '../documents/test-support.js';
import { chart, financeReader, type AccountRef } from '../test/finance-helpers.js';

/** GET /reports/tie-out: the aging totals beside the control accounts, the difference always zero. */

let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;

interface TieOutBody {
  date: string;
  currency: string;
  rows: {
    side: string;
    accountCode: string;
    agingTotal: string;
    ledgerBalance: string;
    difference: string;
  }[];
  tied: boolean;
}

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant', 'finance-admin'])).token;
  accounts = await chart(t, token);
});
afterAll(() => t.close());

const tieOut = async (date: string, as = token) => {
  const res = await t.request<TieOutBody>('GET', `${F}/reports/tie-out?date=${date}`, { token: as });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const row = (body: TieOutBody, side: string) => body.rows.find((r) => r.side === side)!;

describe('tie-out report', () => {
  it('ties receivables and payables to 1300 and 2100 at every date, with foreign currency, partial and unallocated payments', async () => {
    const customer = (await createParty(t, token, { kind: 'customer', name: 'Tie Kunde', currency: 'EUR' })).id;
    const vendor = (await createParty(t, token, { kind: 'vendor', name: 'Tie Lieferant', currency: 'EUR' })).id;
    const invoice = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-02-01',
      currency: 'EUR',
      exchangeRate: '1.0833',
      lines: [line('3', '33.37', { taxRate: '19' }), line('1', '0.07', { accountId: accounts['4200']!.id })],
    });
    await issued(t, token, 'bills', {
      partyId: vendor,
      date: '2026-02-03',
      currency: 'EUR',
      exchangeRate: '1.0911',
      lines: [line('7', '13.13', { taxRate: '7' })],
    });
    await issued(t, token, 'credit-notes', {
      partyId: customer,
      date: '2026-02-05',
      currency: 'EUR',
      exchangeRate: '1.1017',
      creditsDocumentId: invoice.id,
      lines: [line('1', '10.01')],
    });
    // Partly allocated at another rate; the rest stays on the payment.
    const pay = await t.request('POST', `${F}/payments`, {
      token,
      body: {
        direction: 'received',
        partyId: customer,
        date: '2026-02-10',
        currency: 'EUR',
        exchangeRate: '1.0777',
        amount: '50.03',
        allocations: [{ documentId: invoice.id, amount: '33.33' }],
      },
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    await t.request('POST', `${F}/payments`, {
      token,
      body: {
        direction: 'made',
        partyId: vendor,
        date: '2026-02-12',
        currency: 'EUR',
        exchangeRate: '1.1',
        amount: '20.00',
      },
    });

    for (const date of [
      '2026-01-31',
      '2026-02-01',
      '2026-02-04',
      '2026-02-05',
      '2026-02-10',
      '2026-02-12',
      '2026-12-31',
    ]) {
      const body = await tieOut(date);
      expect(body.tied, `${date} ${JSON.stringify(body.rows)}`).toBe(true);
      for (const r of body.rows) expect(r.difference, `${date} ${r.side}`).toBe('0.00');
    }
    const end = await tieOut('2026-12-31');
    expect(end.currency).toBe('USD');
    expect(row(end, 'receivables').accountCode).toBe('1300');
    expect(row(end, 'payables').accountCode).toBe('2100');
    expect(row(end, 'receivables').agingTotal).not.toBe('0.00');
    expect(row(end, 'receivables').agingTotal).toBe(row(end, 'receivables').ledgerBalance);
    expect(row(end, 'payables').agingTotal).toBe(row(end, 'payables').ledgerBalance);
    // The unallocated 16.70 EUR of the payment counts against the customer in the aging.
    const agingReport = await t.request<{ rows: { partyName: string; total: string }[] }>(
      'GET',
      `${F}/reports/aging?side=receivables&date=2026-12-31`,
      { token },
    );
    const party = agingReport.body.rows.find((r) => r.partyName === 'Tie Kunde')!;
    expect(party.total).toBe(row(end, 'receivables').agingTotal);
  });

  it('needs finance:read, validates the date, and is in the OpenAPI document', async () => {
    const reader = await financeReader(t);
    expect((await tieOut('2026-06-30', reader.token)).rows).toHaveLength(2);
    const outsider = await t.userWithRoles(['employee']);
    expect((await t.request('GET', `${F}/reports/tie-out?date=2026-06-30`, { token: outsider.token })).status).toBe(
      403,
    );
    expect((await t.request('GET', `${F}/reports/tie-out?date=2026-13-40`, { token })).status).toBe(422);
    const spec = await t.request<{ paths: Record<string, { get?: { responses: Record<string, unknown> } }> }>(
      'GET',
      '/api/openapi.json',
    );
    expect(spec.body.paths['/api/v1/finance/reports/tie-out']?.get?.responses).toHaveProperty('200');
  });
});
