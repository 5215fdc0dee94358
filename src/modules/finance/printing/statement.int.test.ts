import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { workRegistry } from '../../../app/jobs.js';
import { createStandardApp } from '../../../app/standard-app.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { localOutboxDir, useMailConfig } from '../../../platform/mail/mail-environment.js';
import { parseMessage } from '../../../platform/mail/mime.js';
import { F, createParty, issued, line } from '../documents/test-support.js';
import { trialBalance } from '../test/finance-helpers.js';
import { pdfText } from './pdf-text.test-support.js';

/** Issue #22: a customer's statement of account ties to the receivable account in the ledger. */

interface StatementBody {
  from: string;
  to: string;
  currency: string;
  openingBalance: string;
  closingBalance: string;
  lines: { date: string; type: string; number: string | null; debit: string; credit: string; balance: string }[];
  ageing: Record<string, string>;
}

let t: TestApp;
let token: string;
let alice: string;
let bob: string;

const statement = (party: string, query: string) =>
  t.request<StatementBody & { errors?: { path: string }[] }>('GET', `${F}/parties/${party}/statement?${query}`, {
    token,
  });

beforeAll(async () => {
  t = await createTestApp();
  useMailConfig(t.config);
  token = (await t.userWithRoles(['accountant', 'finance-admin'])).token;
  alice = (await createParty(t, token, { kind: 'customer', name: 'Alice Stores', email: 'alice@example.com' })).id;
  bob = (await createParty(t, token, { kind: 'both', name: 'Bob Supplies' })).id;
  const inv1 = await issued(t, token, 'invoices', { partyId: alice, date: '2026-01-10', lines: [line('1', '100.00')] });
  const inv2 = await issued(t, token, 'invoices', { partyId: alice, date: '2026-02-10', lines: [line('2', '100.00')] });
  const pay = await t.request('POST', `${F}/payments`, {
    token,
    body: {
      direction: 'received',
      partyId: alice,
      date: '2026-02-15',
      amount: '150.00',
      allocations: [
        { documentId: inv1.id, amount: '100.00' },
        { documentId: inv2.id, amount: '50.00' },
      ],
    },
  });
  expect(pay.status, JSON.stringify(pay.body)).toBe(201);
  await issued(t, token, 'credit-notes', {
    partyId: alice,
    date: '2026-03-05',
    creditsDocumentId: inv2.id,
    lines: [line('1', '20.00')],
  });
  const inv3 = await issued(t, token, 'invoices', { partyId: alice, date: '2026-03-20', lines: [line('1', '80.00')] });
  const voided = await t.request('POST', `${F}/invoices/${inv3.id}/void`, { token, body: { date: '2026-03-25' } });
  expect(voided.status, JSON.stringify(voided.body)).toBe(200);
  await issued(t, token, 'invoices', { partyId: bob, date: '2026-02-01', lines: [line('1', '500.00')] });
  // A bill for Bob: payables never show on his (receivables) statement.
  await issued(t, token, 'bills', { partyId: bob, date: '2026-02-02', lines: [line('1', '70.00')] });
});
afterAll(async () => {
  await t?.close();
});

describe('statement of account', () => {
  it('has the opening balance, the period with a running balance, and the closing balance', async () => {
    const res = await statement(alice, 'from=2026-02-01&to=2026-03-31');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.openingBalance).toBe('100.00');
    expect(res.body.lines.map((l) => [l.date, l.type, l.debit, l.credit, l.balance])).toEqual([
      ['2026-02-10', 'Invoice', '200.00', '0.00', '300.00'],
      ['2026-02-15', 'Payment', '0.00', '150.00', '150.00'],
      ['2026-03-05', 'Credit note', '0.00', '20.00', '130.00'],
      ['2026-03-20', 'Invoice', '80.00', '0.00', '210.00'],
      ['2026-03-25', 'Invoice voided', '0.00', '80.00', '130.00'],
    ]);
    expect(res.body.closingBalance).toBe('130.00');
  });

  it("closes at the party's receivable balance in the ledger and its aging", async () => {
    const a = await statement(alice, 'from=2026-01-01&to=2026-03-31');
    const b = await statement(bob, 'from=2026-01-01&to=2026-03-31');
    expect(b.body.closingBalance).toBe('500.00');
    expect(b.body.lines).toHaveLength(1);
    const tb = await trialBalance(t, token, '2026-03-31');
    const receivable = tb.rows.find((r) => r.code === '1300')!;
    expect(Number(a.body.closingBalance) + Number(b.body.closingBalance)).toBeCloseTo(Number(receivable.balance), 2);
    const aging = await t.request<{ rows: { partyId: string; total: string }[] }>(
      'GET',
      `${F}/reports/aging?side=receivables&date=2026-03-31`,
      { token },
    );
    expect(aging.status, JSON.stringify(aging.body)).toBe(200);
    expect(aging.body.rows.find((r) => r.partyId === alice)?.total).toBe(a.body.closingBalance);
    expect(a.body.ageing.total).toBe(a.body.closingBalance);
    // Before anything happened: zero, with no lines.
    const empty = await statement(alice, 'from=2025-01-01&to=2025-12-31');
    expect(empty.body).toMatchObject({ openingBalance: '0.00', closingBalance: '0.00', lines: [] });
  });

  it('refuses a period that ends before it starts, and an unknown party', async () => {
    const bad = await statement(alice, 'from=2026-03-01&to=2026-02-01');
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.[0]?.path).toBe('from');
    expect((await statement('00000000-0000-4000-8000-000000000000', 'to=2026-03-31')).status).toBe(404);
  });

  it('renders as a PDF and goes by email with the PDF attached', async () => {
    const app = createStandardApp(t.runtime);
    const res = await app.request(`${F}/parties/${alice}/statement/pdf?from=2026-02-01&to=2026-03-31`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await res.arrayBuffer()));
    for (const expected of [
      'STATEMENT OF ACCOUNT',
      'Alice Stores',
      'Opening balance 100.00',
      '2026-03-25 Invoice voided',
      'Closing balance 130.00 USD',
      'Ageing at 2026-03-31',
    ])
      expect(text).toContain(expected);

    const sent = await t.request<{ id: string; status: string; to: string[] }>(
      'POST',
      `${F}/parties/${alice}/statement/send?from=2026-02-01&to=2026-03-31`,
      { token, body: {} },
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body.to).toEqual(['alice@example.com']);
    await drainJobs(t.db, workRegistry);
    const files = (await readdir(localOutboxDir(t.config))).filter((f) => f.endsWith('.eml')).sort();
    const message = parseMessage(await readFile(path.join(localOutboxDir(t.config), files.at(-1)!)));
    expect(message.subject).toContain('Statement of account 2026-02-01 – 2026-03-31');
    expect(message.text).toContain('The balance is 130.00 USD');
    expect(message.attachments).toEqual([
      expect.objectContaining({ fileName: 'Statement-2026-02-01-2026-03-31.pdf', contentType: 'application/pdf' }),
    ]);
    const log = await t.request<{ items: { id: string; status: string; mailStatus: string }[] }>(
      'GET',
      `${F}/parties/${alice}/statement/sends`,
      { token },
    );
    expect(log.body.items).toEqual([
      expect.objectContaining({ id: sent.body.id, status: 'sent', mailStatus: 'succeeded' }),
    ]);
  });

  it('a party with nothing but an empty statement sent can still be deleted', async () => {
    const carol = (await createParty(t, token, { kind: 'customer', name: 'Carol', email: 'carol@example.com' })).id;
    const sent = await t.request('POST', `${F}/parties/${carol}/statement/send?to=2026-03-31`, { token, body: {} });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    await drainJobs(t.db, workRegistry);
    expect((await t.request('DELETE', `${F}/parties/${carol}`, { token })).status).toBe(204);
  });

  it('a foreign-currency customer: the exchange difference is on the statement, which still ties to the ledger', async () => {
    const euro = (await createParty(t, token, { kind: 'customer', name: 'Euro Café', currency: 'EUR' })).id;
    const invoice = await issued(t, token, 'invoices', {
      partyId: euro,
      date: '2026-04-02',
      currency: 'EUR',
      exchangeRate: '1.10',
      lines: [line('1', '1000.00')],
    });
    const pay = await t.request('POST', `${F}/payments`, {
      token,
      body: {
        direction: 'received',
        partyId: euro,
        date: '2026-04-20',
        currency: 'EUR',
        exchangeRate: '1.05',
        amount: '600.00',
        allocations: [{ documentId: invoice.id, amount: '600.00' }],
      },
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    const res = await statement(euro, 'from=2026-04-01&to=2026-04-30');
    expect(res.body.lines.map((l) => [l.type, l.debit, l.credit])).toEqual([
      ['Invoice', '1100.00', '0.00'],
      ['Payment', '0.00', '630.00'],
      ['Exchange difference', '0.00', '30.00'],
    ]);
    // What is left: EUR 400 at the invoice's rate, 440.00 in the base currency.
    expect(res.body.closingBalance).toBe('440.00');
    const tb = await trialBalance(t, token, '2026-04-30');
    const receivable = Number(tb.rows.find((r) => r.code === '1300')!.balance);
    let sum = 0;
    for (const party of [alice, bob, euro])
      sum += Number((await statement(party, 'to=2026-04-30')).body.closingBalance);
    expect(sum).toBeCloseTo(receivable, 2);
  });
});
