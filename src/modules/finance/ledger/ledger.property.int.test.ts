import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { chart, entry, trialBalance, type AccountRef } from '../test/finance-helpers.js';

/**
 * Whatever sequence of ledger operations runs — balanced and unbalanced postings, foreign currency,
 * drafts created and deleted, reversals, periods closed and reopened — the trial balance balances and
 * every account's balance equals the sum of what the successful postings put there.
 */
let t: TestApp;
let token: string;
let postable: AccountRef[];
const JE = '/api/v1/finance/journal-entries';

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant', 'finance-admin'])).token;
  const accounts = await chart(t, token);
  postable = ['1100', '1200', '1300', '2100', '2200', '3100', '4100', '4200', '6100', '6200', '6400'].map(
    (c) => accounts[c]!,
  );
});
afterAll(() => t.close());

type Op =
  | { kind: 'post'; month: number; lines: { account: number; cents: number; debit: boolean }[]; fx: string | null }
  | { kind: 'unbalanced'; account: number; cents: number }
  | { kind: 'draft-then-delete'; cents: number }
  | { kind: 'reverse'; pick: number }
  | { kind: 'toggle-period'; month: number };

const cents = fc.integer({ min: 1, max: 5_000_000 });
const lineArb = fc.record({ account: fc.nat({ max: 10 }), cents, debit: fc.boolean() });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('post' as const),
      month: fc.integer({ min: 1, max: 12 }),
      lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
      fx: fc.option(fc.constantFrom('1.0845', '0.00731', '3.5'), { nil: null }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('unbalanced' as const), account: fc.nat({ max: 10 }), cents }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('draft-then-delete' as const), cents }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('toggle-period' as const), month: fc.integer({ min: 1, max: 12 }) }),
  },
);

const money = (c: number) => (c / 100).toFixed(2);
const expected = new Map<string, number>(); // account id → base balance in cents (debit positive)
const posted: string[] = [];
const pad = (n: number) => String(n).padStart(2, '0');

function apply(lines: { accountId: string; baseDebit: string; baseCredit: string }[]) {
  for (const l of lines) {
    const delta = Math.round(Number(l.baseDebit) * 100) - Math.round(Number(l.baseCredit) * 100);
    expected.set(l.accountId, (expected.get(l.accountId) ?? 0) + delta);
  }
}

async function run(o: Op) {
  switch (o.kind) {
    case 'post': {
      // Balance the random lines with one more line on the other side.
      const debit = o.lines.filter((l) => l.debit).reduce((s, l) => s + l.cents, 0);
      const credit = o.lines.filter((l) => !l.debit).reduce((s, l) => s + l.cents, 0);
      const lines = o.lines.map((l) => ({
        accountId: postable[l.account]!.id,
        [l.debit ? 'debit' : 'credit']: money(l.cents),
      }));
      if (debit !== credit) {
        lines.push({
          accountId: postable[(o.lines[0]!.account + 3) % postable.length]!.id,
          [debit > credit ? 'credit' : 'debit']: money(Math.abs(debit - credit)),
        });
      }
      if (lines.length < 2) return;
      const body = entry(`2026-${pad(o.month)}-15`, lines, o.fx ? { currency: 'EUR', exchangeRate: o.fx } : {});
      const res = await t.request<{
        id: string;
        lines: { accountId: string; baseDebit: string; baseCredit: string }[];
      }>('POST', JE, { token, body: { ...body, post: true } });
      if (res.status === 201) {
        apply(res.body.lines);
        posted.push(res.body.id);
      } else {
        expect(res.status, JSON.stringify(res.body)).toBe(422); // a closed period
      }
      return;
    }
    case 'unbalanced': {
      const res = await t.request('POST', JE, {
        token,
        body: {
          ...entry('2026-06-10', [
            { accountId: postable[o.account]!.id, debit: money(o.cents + 1) },
            { accountId: postable[(o.account + 1) % 11]!.id, credit: money(o.cents) },
          ]),
          post: true,
        },
      });
      expect(res.status).toBe(422);
      return;
    }
    case 'draft-then-delete': {
      const res = await t.request<{ id: string }>('POST', JE, {
        token,
        body: entry('2026-06-11', [
          { accountId: postable[0]!.id, debit: money(o.cents) },
          { accountId: postable[5]!.id, credit: money(o.cents) },
        ]),
      });
      expect(res.status).toBe(201);
      if (o.cents % 2 === 0) expect((await t.request('DELETE', `${JE}/${res.body.id}`, { token })).status).toBe(204);
      return;
    }
    case 'reverse': {
      if (posted.length === 0) return;
      const target = posted[o.pick % posted.length]!;
      const res = await t.request<{ id: string }>('POST', `${JE}/${target}/reverse`, {
        token,
        body: { date: '2026-12-20' },
      });
      if (res.status === 201) {
        const reversal = await t.request<{ lines: { accountId: string; baseDebit: string; baseCredit: string }[] }>(
          'GET',
          `${JE}/${res.body.id}`,
          { token },
        );
        apply(reversal.body.lines);
      } else {
        expect([409, 422]).toContain(res.status); // already reversed, or December closed
      }
      return;
    }
    case 'toggle-period': {
      const years = await t.request<{
        items: { year: number; periods: { id: string; period: number; status: string }[] }[];
      }>('GET', '/api/v1/finance/fiscal-years', { token });
      const period = years.body.items.find((y) => y.year === 2026)?.periods.find((p) => p.period === o.month);
      if (!period) return;
      const action = period.status === 'open' ? 'close' : 'reopen';
      expect((await t.request('POST', `/api/v1/finance/periods/${period.id}/${action}`, { token })).status).toBe(200);
    }
  }
}

it('the trial balance balances, and equals the model, whatever operations ran', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
      for (const o of ops) await run(o);
      const tb = await trialBalance(t, token);
      expect(tb.balanced).toBe(true);
      expect(tb.totalDebit).toBe(tb.totalCredit);
      const actual = new Map(tb.rows.map((r) => [r.code, Math.round(Number(r.balance) * 100)]));
      for (const account of postable) {
        expect(actual.get(account.code) ?? 0, account.code).toBe(expected.get(account.id) ?? 0);
      }
    }),
    { numRuns: 20, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31), verbose: 1 },
  );
});
