import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { F, createParty, issued, line } from '../documents/test-support.js';

// The harness's book is in USD (the default base currency).
interface Rate {
  id: string;
  fromCurrency: string;
  toCurrency: string;
  date: string;
  rate: string;
  source: string;
  version: number;
}
interface Problem {
  type: string;
  detail?: string;
  errors?: { path: string; code?: string }[];
}
interface Run {
  lines: { currency: string; rate: string; openAmount: string; newBase: string }[];
  rates: Record<string, string>;
}

let t: TestApp;
let token: string;
let reader: string;

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['finance-admin'])).token;
  await t.db
    .insertInto('auth.roles')
    .values({ name: 'finance-reader', description: 'Reads Finance', permissions: ['finance:read'] })
    .onConflict((oc) => oc.doNothing())
    .execute();
  reader = (await t.userWithRoles(['finance-reader'])).token;
});
afterAll(() => t.close());

const add = (body: Record<string, unknown>, as = token) =>
  t.request<Rate & Problem>('POST', `${F}/exchange-rates`, { token: as, body });

describe('exchange-rate table', () => {
  it('creates, lists by page, changes and deletes rates; one per pair and date; audited', async () => {
    const a = await add({ fromCurrency: 'EUR', toCurrency: 'USD', date: '2026-01-31', rate: '1.0850', source: 'ECB' });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({ fromCurrency: 'EUR', toCurrency: 'USD', date: '2026-01-31', rate: '1.085' });
    expect(
      (await add({ fromCurrency: 'EUR', toCurrency: 'USD', date: '2026-02-28', rate: '1.0912345678' })).status,
    ).toBe(201);
    expect((await add({ fromCurrency: 'GBP', toCurrency: 'USD', date: '2026-02-28', rate: '1.27' })).status).toBe(201);

    const dup = await add({ fromCurrency: 'EUR', toCurrency: 'USD', date: '2026-01-31', rate: '1.09' });
    expect(dup.status).toBe(409);
    expect(dup.body.type).toMatch(/exchange-rate-exists$/);
    for (const bad of [
      { fromCurrency: 'EUR', toCurrency: 'EUR', date: '2026-01-31', rate: '1' },
      { fromCurrency: 'EUR', toCurrency: 'USD', date: '2026-01-30', rate: '0' },
      { fromCurrency: 'EUR', toCurrency: 'USD', date: '2026-01-30', rate: '1.1e3' },
      { fromCurrency: 'eur', toCurrency: 'USD', date: '2026-01-30', rate: '1.1' },
      { fromCurrency: 'EUR', toCurrency: 'USD', date: '2026-02-30', rate: '1.1' },
    ])
      expect((await add(bad)).status, JSON.stringify(bad)).toBe(422);
    expect(
      (await add({ fromCurrency: 'CHF', toCurrency: 'USD', date: '2026-01-31', rate: '1.1' }, reader)).status,
    ).toBe(403);

    const page1 = await t.request<{ items: Rate[]; nextCursor: string | null }>('GET', `${F}/exchange-rates?limit=2`, {
      token: reader,
    });
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((r) => r.date)).toEqual(['2026-02-28', '2026-02-28']);
    const page2 = await t.request<{ items: Rate[]; nextCursor: string | null }>(
      'GET',
      `${F}/exchange-rates?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor!)}`,
      { token: reader },
    );
    expect(page2.body).toMatchObject({ items: [expect.objectContaining({ id: a.body.id })], nextCursor: null });
    const eur = await t.request<{ items: Rate[] }>('GET', `${F}/exchange-rates?fromCurrency=GBP`, { token });
    expect(eur.body.items.map((r) => r.rate)).toEqual(['1.27']);

    const moved = await t.request<Rate & Problem>('PUT', `${F}/exchange-rates/${a.body.id}`, {
      token,
      body: { fromCurrency: 'EUR', toCurrency: 'USD', date: '2026-02-28', rate: '1.1', version: 1 },
    });
    expect(moved.status).toBe(409); // the pair has a rate on 2026-02-28
    const changed = await t.request<Rate>('PUT', `${F}/exchange-rates/${a.body.id}`, {
      token,
      body: { fromCurrency: 'EUR', toCurrency: 'USD', date: '2026-01-31', rate: '1.0860', source: 'bank', version: 1 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ rate: '1.086', version: 2, source: 'bank' });
    const stale = await t.request('DELETE', `${F}/exchange-rates/${a.body.id}?version=1`, { token });
    expect(stale.status).toBe(409);
    expect((await t.request('DELETE', `${F}/exchange-rates/${a.body.id}?version=2`, { token })).status).toBe(204);
    expect((await t.request('GET', `${F}/exchange-rates/${a.body.id}`, { token })).status).toBe(404);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', a.body.id)
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'exchange-rate.created',
      'exchange-rate.updated',
      'exchange-rate.deleted',
    ]);
  });

  it('revaluation without rates takes the latest table rate on or before the date; a currency with none is 422', async () => {
    const eurCustomer = (await createParty(t, token, { kind: 'customer', name: 'Rate Kunde', currency: 'EUR' })).id;
    const chfCustomer = (await createParty(t, token, { kind: 'customer', name: 'Rate Kunde CH', currency: 'CHF' })).id;
    await issued(t, token, 'invoices', {
      partyId: eurCustomer,
      date: '2026-09-10',
      currency: 'EUR',
      exchangeRate: '1.08',
      lines: [line('1', '1000')],
    });
    await issued(t, token, 'invoices', {
      partyId: chfCustomer,
      date: '2026-09-12',
      currency: 'CHF',
      exchangeRate: '1.10',
      lines: [line('1', '200')],
    });
    expect((await add({ fromCurrency: 'EUR', toCurrency: 'USD', date: '2026-09-01', rate: '1.05' })).status).toBe(201);
    expect((await add({ fromCurrency: 'EUR', toCurrency: 'USD', date: '2026-10-01', rate: '1.30' })).status).toBe(201);
    // A rate of the other direction does not count.
    expect((await add({ fromCurrency: 'USD', toCurrency: 'CHF', date: '2026-09-01', rate: '0.9' })).status).toBe(201);

    const missing = await t.request<Problem>('POST', `${F}/revaluations`, { token, body: { date: '2026-09-30' } });
    expect(missing.status).toBe(422);
    expect(missing.body.type).toMatch(/missing-exchange-rate$/);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'rates.CHF' })]);
    expect(missing.body.detail).toContain('CHF/USD');

    expect((await add({ fromCurrency: 'CHF', toCurrency: 'USD', date: '2026-09-30', rate: '1.125' })).status).toBe(201);
    const ok = await t.request<Run>('POST', `${F}/revaluations`, { token, body: { date: '2026-09-30' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.rates).toEqual({ EUR: '1.05', CHF: '1.125' });
    expect(ok.body.lines.map((l) => [l.currency, l.rate, l.newBase]).sort()).toEqual([
      ['CHF', '1.125', '225.00'],
      ['EUR', '1.05', '1050.00'],
    ]);
    // A rate in the request wins over the table's.
    const oct = await t.request<Run>('POST', `${F}/revaluations`, {
      token,
      body: { date: '2026-10-31', rates: { EUR: '1.2' } },
    });
    expect(oct.status, JSON.stringify(oct.body)).toBe(201);
    expect(oct.body.rates).toEqual({ EUR: '1.2', CHF: '1.125' });
  });

  it('bank proposals on a foreign-currency account show the table rate, and accepting uses it', async () => {
    const chartRes = await t.request<{ items: { id: string; code: string }[] }>('GET', `${F}/accounts`, { token });
    const assets = chartRes.body.items.find((a) => a.code === '1000')!.id;
    const ledger = await t.request<{ id: string }>('POST', `${F}/accounts`, {
      token,
      body: { code: '1215', name: 'Bank EUR (rates)', type: 'asset', parentId: assets },
    });
    expect(ledger.status, JSON.stringify(ledger.body)).toBe(201);
    const bank = await t.request<{ id: string }>('POST', `${F}/bank-accounts`, {
      token,
      body: { name: 'EUR rates account', accountNumber: 'EUR-RATES-1', currency: 'EUR', accountId: ledger.body.id },
    });
    expect(bank.status, JSON.stringify(bank.body)).toBe(201);
    const eurCustomer = (await createParty(t, token, { kind: 'customer', name: 'Proposal Kunde', currency: 'EUR' })).id;
    const inv = await issued(t, token, 'invoices', {
      partyId: eurCustomer,
      date: '2026-11-02',
      currency: 'EUR',
      exchangeRate: '1.08',
      lines: [line('1', '500')],
    });
    expect((await add({ fromCurrency: 'EUR', toCurrency: 'USD', date: '2026-11-03', rate: '1.10' })).status).toBe(201);
    const statement = await t.request<{ id: string }>('POST', `${F}/bank-accounts/${bank.body.id}/statements`, {
      token,
      body: {
        format: 'csv',
        content: `Date,Text,Amount,Reference\n2026-11-05,Payment,500.00,${inv.number}\n`,
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
    const proposals = await t.request<{
      items: { kind: string; exchangeRate: string | null; exchangeRateDate: string | null }[];
    }>('GET', `${F}/bank-statements/${statement.body.id}/proposals`, { token });
    expect(proposals.body.items).toEqual([
      expect.objectContaining({ kind: 'documents', exchangeRate: '1.1', exchangeRateDate: '2026-11-03' }),
    ]);
    const accepted = await t.request<{ reconciled: string[] }>(
      'POST',
      `${F}/bank-statements/${statement.body.id}/proposals/accept`,
      { token, body: {} },
    );
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.reconciled).toHaveLength(1);
    const pays = await t.request<{ items: { exchangeRate: string; amount: string }[] }>(
      'GET',
      `${F}/payments?partyId=${eurCustomer}`,
      { token },
    );
    expect(pays.body.items).toEqual([expect.objectContaining({ amount: '500.00', exchangeRate: '1.1' })]);
  });
});
