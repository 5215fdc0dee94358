import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { F, createParty, issued, line } from '../documents/test-support.js';
import { bucketFor } from './aging.js';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant', 'finance-admin'])).token;
});
afterAll(() => t.close());

type Aging = {
  rows: {
    partyName: string;
    current: string;
    '1-30': string;
    '31-60': string;
    '61-90': string;
    '90+': string;
    total: string;
  }[];
  totals: Record<string, string>;
};
const agingAt = async (side: string, date: string) =>
  (await t.request<Aging>('GET', `${F}/reports/aging?side=${side}&date=${date}`, { token })).body;

it('buckets by days past due', () => {
  expect([0, 1, 30, 31, 60, 61, 90, 91, -5].map(bucketFor)).toEqual([
    'current',
    '1-30',
    '1-30',
    '31-60',
    '31-60',
    '61-90',
    '61-90',
    '90+',
    'current',
  ]);
});

it('ages what is open at the date, and a partial payment moves the figures', async () => {
  const acme = await createParty(t, token, { kind: 'customer', name: 'Acme', paymentTermsDays: 30 });
  const zeta = await createParty(t, token, { kind: 'customer', name: 'Zeta', paymentTermsDays: 0 });
  // Acme: due 2026-02-01 (100.00) and due 2026-04-30 (250.00); Zeta: due 2026-01-15 (40.00).
  const a1 = await issued(t, token, 'invoices', { partyId: acme.id, date: '2026-01-02', lines: [line('1', '100.00')] });
  await issued(t, token, 'invoices', { partyId: acme.id, date: '2026-03-31', lines: [line('2', '125.00')] });
  await issued(t, token, 'invoices', { partyId: zeta.id, date: '2026-01-15', lines: [line('4', '10.00')] });

  const before = await agingAt('receivables', '2026-04-15');
  const acmeRow = before.rows.find((r) => r.partyName === 'Acme')!;
  // 2026-02-01 → 2026-04-15 is 73 days past due; the second invoice is not yet due.
  expect(acmeRow).toMatchObject({ current: '250.00', '61-90': '100.00', total: '350.00' });
  expect(before.rows.find((r) => r.partyName === 'Zeta')).toMatchObject({ '61-90': '40.00', total: '40.00' });
  expect(before.totals).toMatchObject({ current: '250.00', '61-90': '140.00', total: '390.00' });

  const paid = await t.request('POST', `${F}/payments`, {
    token,
    body: {
      direction: 'received',
      partyId: acme.id,
      date: '2026-04-20',
      amount: '60.00',
      allocations: [{ documentId: a1.id, amount: '60.00' }],
    },
  });
  expect(paid.status).toBe(201);
  // On the 15th the payment had not arrived: the report at that date does not change.
  expect((await agingAt('receivables', '2026-04-15')).totals.total).toBe('390.00');
  const after = await agingAt('receivables', '2026-04-30');
  expect(after.rows.find((r) => r.partyName === 'Acme')).toMatchObject({
    current: '250.00',
    '61-90': '40.00',
    total: '290.00',
  });
  // Payables are untouched by receivables.
  expect((await agingAt('payables', '2026-04-30')).totals.total).toBe('0.00');
});

it('downloads as CSV, and needs finance:read', async () => {
  const csv = await t.request('GET', `${F}/reports/aging?side=receivables&date=2026-04-30&format=csv`, { token });
  expect(csv.headers.get('content-type')).toContain('text/csv');
  expect(String(csv.body).split('\r\n')[0]).toBe('party,documents,current,1-30,31-60,61-90,90+,total');
  const employee = await t.userWithRoles(['employee']);
  expect((await t.request('GET', `${F}/reports/aging?side=receivables`, { token: employee.token })).status).toBe(403);
});
