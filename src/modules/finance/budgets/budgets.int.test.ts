import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { postKnownLedger } from '../reports/statements.fixture.js';
import { financeReader } from '../test/finance-helpers.js';

let t: TestApp;
let token: string;
let known: Awaited<ReturnType<typeof postKnownLedger>>;
const B = '/api/v1/finance/budgets';
const BVA = '/api/v1/finance/reports/budget-vs-actual';

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant', 'finance-admin'])).token;
  known = await postKnownLedger(t, token);
});
afterAll(() => t.close());

interface BudgetBody {
  year: number;
  version: number;
  lines: { code: string; department: string | null; amounts: string[]; total: string }[];
}
const twelve = (amount: string) => Array<string>(12).fill(amount);
const row = (code: string, amounts: string[], department?: string) => ({
  accountId: known.id(code),
  amounts,
  ...(department ? { department } : {}),
});
const put = (body: unknown, as = token, year = 2026) =>
  t.request<BudgetBody>('PUT', `${B}/${year}`, { token: as, body });
const budgetRows = () => [
  row('4100', twelve('400.00')),
  row('6100', ['100.00', '200.00', '300.00', ...twelve('0').slice(3)], 'north'),
  row('6200', twelve('500.00')),
];
const auditActions = async () =>
  (
    await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_type', '=', 'finance.budget')
      .orderBy('id')
      .execute()
  ).map((a) => a.action);

describe('budgets', () => {
  it('creates a year’s budget as rows of twelve months, audited', async () => {
    const res = await put({ lines: budgetRows() });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${B}/2026`);
    expect(res.body).toMatchObject({ year: 2026, version: 1 });
    expect(res.body.lines.map((l) => [l.code, l.department, l.total, l.amounts[0], l.amounts[11]])).toEqual([
      ['4100', null, '4800.00', '400.00', '400.00'],
      ['6100', 'north', '600.00', '100.00', '0.00'],
      ['6200', null, '6000.00', '500.00', '500.00'],
    ]);
    expect(await auditActions()).toEqual(['budget.created']);
    const list = await t.request<{ items: unknown[] }>('GET', B, { token });
    expect(list.body.items).toEqual([{ year: 2026, version: 1, rows: 3, updatedAt: expect.any(String) }]);
  });

  it('refuses bad rows with 422 and changes nothing', async () => {
    const cases: [unknown, string][] = [
      [[{ accountId: known.id('4100'), amounts: Array(12).fill(1) }], 'validation-failed'],
      [[row('4100', twelve('1.005'))], 'too-many-decimals'],
      [[row('4100', twelve('1e3'))], 'validation-failed'],
      [[row('4100', twelve('1.00').slice(1))], 'validation-failed'],
      [[row('4000', twelve('1.00'))], 'group-account'],
      [[{ ...row('4100', twelve('1.00')), accountId: '00000000-0000-4000-8000-000000000000' }], 'unknown-account'],
      [[row('4100', twelve('1.00')), row('4100', twelve('2.00'))], 'validation-failed'],
    ];
    for (const [lines, type] of cases) {
      const res = await put({ version: 1, lines });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body).toMatchObject({ type: `https://moms.dev/problems/${type}` });
    }
    const now = await t.request<BudgetBody>('GET', `${B}/2026`, { token });
    expect(now.body.version).toBe(1);
  });

  it('upserts rows with the version, refuses a stale or missing one, and replaces on request', async () => {
    const upsert = await put({ version: 1, lines: [row('6200', twelve('450.00'))] });
    expect(upsert.status).toBe(200);
    expect(upsert.body.version).toBe(2);
    expect(upsert.body.lines.map((l) => [l.code, l.total])).toEqual([
      ['4100', '4800.00'],
      ['6100', '600.00'],
      ['6200', '5400.00'],
    ]);
    expect((await put({ version: 1, lines: [] })).status).toBe(409);
    expect((await put({ lines: [] })).status).toBe(409);
    expect((await put({ version: 1, lines: [] }, token, 2030)).status).toBe(404);
    const replaced = await put({ version: 2, replace: true, lines: [row('4100', twelve('10.00'))] });
    expect(replaced.body.version).toBe(3);
    expect(replaced.body.lines.map((l) => [l.code, l.total])).toEqual([['4100', '120.00']]);
    // Back to the figures the report tests use.
    const restored = await put({ version: 3, replace: true, lines: budgetRows() });
    expect(restored.body.version).toBe(4);
    expect(await auditActions()).toEqual(['budget.created', 'budget.updated', 'budget.updated', 'budget.updated']);
  });

  it('deletes with the version (finance:admin), audited', async () => {
    const created = await put({ lines: [row('6300', twelve('10.00'))] }, token, 2027);
    expect(created.status).toBe(201);
    expect((await t.request('DELETE', `${B}/2027?version=2`, { token })).status).toBe(409);
    expect((await t.request('DELETE', `${B}/2027?version=1`, { token })).status).toBe(204);
    expect((await t.request('GET', `${B}/2027`, { token })).status).toBe(404);
    expect((await auditActions()).slice(-2)).toEqual(['budget.created', 'budget.deleted']);
  });

  it('reading needs finance:read, writing finance:write, deleting finance:admin', async () => {
    const employee = await t.userWithRoles(['employee']);
    const reader = await financeReader(t);
    const bookkeeper = await t.userWithRoles(['bookkeeper']);
    expect((await t.request('GET', `${B}/2026`, { token: employee.token })).status).toBe(403);
    expect((await t.request('GET', `${BVA}?from=2026-01&to=2026-03`, { token: employee.token })).status).toBe(403);
    expect((await t.request('GET', `${B}/2026`, { token: reader.token })).status).toBe(200);
    expect((await put({ lines: [] }, reader.token, 2028)).status).toBe(403);
    expect((await put({ lines: [row('6300', twelve('1.00'))] }, bookkeeper.token, 2028)).status).toBe(201);
    expect((await t.request('DELETE', `${B}/2028?version=1`, { token: bookkeeper.token })).status).toBe(403);
  });
});

describe('budget vs actual', () => {
  it('compares each account’s budget with its posted actuals (drafts out, reversed pairs netted)', async () => {
    const res = await t.request<{ rows: unknown[]; totals: unknown }>('GET', `${BVA}?from=2026-01&to=2026-03`, {
      token,
    });
    expect(res.status).toBe(200);
    const r = (
      code: string,
      name: string,
      type: string,
      b: string,
      a: string,
      v: string,
      p: string | null,
      f: boolean | null,
    ) => ({
      accountId: known.id(code),
      code,
      name,
      type,
      budget: b,
      actual: a,
      variance: v,
      variancePercent: p,
      favourable: f,
    });
    expect(res.body).toEqual({
      from: '2026-01',
      to: '2026-03',
      department: null,
      currency: 'USD',
      rows: [
        r('4100', 'Sales', 'income', '1200.00', '1000.00', '-200.00', '-16.67', false),
        r('4200', 'Services', 'income', '0.00', '300.00', '300.00', null, true),
        r('5100', 'Cost of goods sold', 'expense', '0.00', '250.00', '250.00', null, false),
        r('6100', 'Salaries and wages', 'expense', '600.00', '400.00', '-200.00', '-33.33', true),
        r('6200', 'Rent', 'expense', '1500.00', '0.00', '-1500.00', '-100.00', true),
      ],
      totals: {
        income: { budget: '1200.00', actual: '1300.00', variance: '100.00' },
        expenses: { budget: '2100.00', actual: '650.00', variance: '-1450.00' },
        netResult: { budget: '-900.00', actual: '650.00', variance: '1550.00' },
      },
    });
  });

  it('filters by department, and downloads as CSV', async () => {
    const north = await t.request<{ rows: { code: string; budget: string; actual: string }[]; totals: unknown }>(
      'GET',
      `${BVA}?from=2026-01&to=2026-03&department=north`,
      { token },
    );
    expect(north.body.rows.map((x) => [x.code, x.budget, x.actual])).toEqual([
      ['4100', '0.00', '1000.00'],
      ['5100', '0.00', '250.00'],
      ['6100', '600.00', '400.00'],
    ]);
    expect(north.body.totals).toMatchObject({ netResult: { budget: '-600.00', actual: '350.00', variance: '950.00' } });
    const csv = await t.request('GET', `${BVA}?from=2026-01&to=2026-03&format=csv`, { token });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (csv.body as unknown as string).trimEnd().split('\r\n');
    expect(lines[0]).toBe('code,name,type,budget,actual,variance,variance_percent');
    expect(lines[1]).toBe('4100,Sales,income,1200.00,1000.00,-200.00,-16.67');
    expect(lines[2]).toBe('4200,Services,income,0.00,300.00,300.00,');
    expect(lines).toHaveLength(6);
    const backwards = await t.request('GET', `${BVA}?from=2026-03&to=2026-01`, { token });
    expect(backwards.status).toBe(422);
    expect((await t.request('GET', `${BVA}?from=2026-13&to=2026-01`, { token })).status).toBe(422);
  });
});
