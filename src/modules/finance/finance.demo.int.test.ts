import { faker } from '@faker-js/faker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import type { Db } from '../../platform/db/database.js';
import { F, counts } from './documents/test-support.js';
import { financeDemo } from './finance.demo.js';
import { Money } from './money.js';
import { trialBalance } from './reports/trial-balance.js';

let t: TestApp;
let token: string;
const lines: string[] = [];
const generate = (db: Db, seed: number) => {
  faker.seed(seed);
  return financeDemo.generate({ db, faker, size: 0.2, log: (l) => lines.push(l) });
};
/** What a demo install's documents look like, without the ids and timestamps of this database. */
const documents = (db: Db) =>
  db
    .selectFrom('finance.documents as d')
    .innerJoin('finance.parties as p', 'p.id', 'd.party_id')
    .select(['d.kind', 'd.number', 'd.status', 'd.document_date', 'd.due_date', 'd.total', 'd.allocated', 'p.name'])
    .orderBy('d.kind')
    .orderBy('d.number')
    .orderBy('d.document_date')
    .orderBy('d.total')
    .execute();

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant'])).token;
  await generate(t.db, 11);
});
afterAll(() => t.close());

it('posts two years of balanced demo books, deterministic for a seed, and only once', async () => {
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('finance.journal_entries')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('status', '=', 'posted')
          .where('source_type', '=', 'demo')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const first = await count();
  expect(first).toBeGreaterThan(100);
  const tb = await trialBalance(t.db, '2999-12-31');
  expect(tb.balanced).toBe(true);
  expect(tb.rows.find((r) => r.code === '3100')?.balance).toBe('-50000.00');
  const before = await counts(t);
  await generate(t.db, 11);
  expect(await count()).toBe(first);
  expect(await counts(t)).toEqual(before);
  expect(lines.slice(-4)).toEqual([
    'finance: demo entries already present; skipped',
    'finance: demo invoices and bills already present; skipped',
    'finance: demo bank account already present; skipped',
    'finance: demo payment terms already present; skipped',
  ]);
});

it('imports a bank statement and reconciles part of it (banking/banking.demo.ts)', async () => {
  const statements = await t.request<{ items: { lineCount: number; reconciledCount: number }[] }>(
    'GET',
    `${F}/bank-statements`,
    { token },
  );
  expect(statements.body.items).toHaveLength(1);
  const [s] = statements.body.items;
  expect(s!.reconciledCount).toBeGreaterThan(0);
  expect(s!.reconciledCount).toBeLessThan(s!.lineCount);
});

it('creates customers, vendors, invoices and bills in every state, and the payments that settle them', async () => {
  const byKindStatus = await t.db
    .selectFrom('finance.documents')
    .select(['kind', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['kind', 'status'])
    .execute();
  const n = (kind: string, status: string) =>
    Number(byKindStatus.find((r) => r.kind === kind && r.status === status)?.n ?? 0);
  for (const status of ['paid', 'partially-paid', 'issued', 'draft']) {
    expect(n('invoice', status), `invoices ${status}`).toBeGreaterThan(0);
    expect(n('bill', status), `bills ${status}`).toBeGreaterThan(0);
  }
  expect(n('invoice', 'void')).toBe(1);
  expect(n('credit-note', 'paid')).toBe(1);
  const overdue = await t.db
    .selectFrom('finance.documents')
    .select('id')
    .where('kind', '=', 'invoice')
    .where('status', 'in', ['issued', 'partially-paid'])
    .where('due_date', '<', new Date().toISOString().slice(0, 10))
    .execute();
  expect(overdue.length).toBeGreaterThan(0);

  const parties = await t.db.selectFrom('finance.parties').select('kind').execute();
  expect(parties.filter((p) => p.kind === 'customer').length).toBeGreaterThanOrEqual(4);
  expect(parties.filter((p) => p.kind === 'vendor').length).toBeGreaterThanOrEqual(3);
  const payments = await t.db.selectFrom('finance.payments').select(['direction', 'amount', 'allocated']).execute();
  expect(payments.filter((p) => p.direction === 'received').length).toBeGreaterThan(0);
  expect(payments.filter((p) => p.direction === 'made').length).toBeGreaterThan(0);
  // Every payment is allocated in full; the credit note is the only other source of allocations.
  expect(payments.every((p) => new Money(p.amount).eq(p.allocated))).toBe(true);
  expect((await counts(t)).allocations).toBe(payments.length + 1);
  expect((await trialBalance(t.db, '2999-12-31')).balanced).toBe(true);
});

it('shows the open receivables and payables in the aging report', async () => {
  const openOf = async (debt: 'invoice' | 'bill', credit: 'credit-note' | 'vendor-credit') => {
    const rows = await t.db
      .selectFrom('finance.documents')
      .select(['kind', 'total', 'allocated'])
      .where('kind', 'in', [debt, credit])
      .where('status', 'in', ['issued', 'partially-paid'])
      .execute();
    const sum = rows.reduce(
      (s, r) => s.plus(new Money(r.total).minus(r.allocated).times(r.kind === credit ? -1 : 1)),
      new Money(0),
    );
    return sum.toFixed(2);
  };
  for (const [side, debt, credit] of [
    ['receivables', 'invoice', 'credit-note'],
    ['payables', 'bill', 'vendor-credit'],
  ] as const) {
    const res = await t.request<{ totals: Record<string, string>; rows: unknown[] }>(
      'GET',
      `${F}/reports/aging?side=${side}`,
      { token },
    );
    expect(res.status).toBe(200);
    const expected = await openOf(debt, credit);
    expect(new Money(expected).gt(0)).toBe(true);
    expect(res.body.totals.total).toBe(expected);
    expect(res.body.rows.length).toBeGreaterThan(0);
    expect(new Money(res.body.totals.current!).lt(expected)).toBe(true); // some of it is overdue
  }
});

it('gives the same documents for the same seed', async () => {
  const other = await createTestDatabase();
  try {
    await generate(other.db, 11);
    expect(await documents(other.db)).toEqual(await documents(t.db));
  } finally {
    await other.close();
  }
});

it('sets up payment terms, reminder levels and a recurring invoice, and proposes reminders (terms/terms.demo.ts)', async () => {
  const terms = await t.request<{ items: unknown[] }>('GET', `${F}/payment-terms`, { token });
  expect(terms.body.items).toHaveLength(2);
  const levels = await t.request<{ items: unknown[] }>('GET', `${F}/dunning-levels`, { token });
  expect(levels.body.items).toHaveLength(3);
  const recurring = await t.request<{ items: { runs: unknown[]; nextRunDate: string | null }[] }>(
    'GET',
    `${F}/recurring-templates`,
    { token },
  );
  expect(recurring.body.items).toHaveLength(1);
  expect(recurring.body.items[0]!.runs.length).toBeGreaterThanOrEqual(3);
  expect(recurring.body.items[0]!.nextRunDate).not.toBeNull();
  const proposed = await t.request<{ items: unknown[] }>('GET', `${F}/reminders?status=proposed`, { token });
  expect(proposed.body.items.length).toBeGreaterThan(0);
});
