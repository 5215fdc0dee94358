import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { toAppError } from '../../../platform/http/problem.js';
import { defineDataset } from '../../../platform/modules/dataset.js';
import { Money } from '../../../platform/money/money.js';
import { analyticsClient, salesPeople, type SalesPeople } from '../analytics.test-support.js';
import { planQuery } from './plan.js';
import { compileQuery } from './compile.js';
import { AnalyticsQuery } from './query.schemas.js';
import { datasetRegistry } from './registry.js';
import { runPlan } from './run.js';

type Result = {
  columns: { name: string; kind: string; type: string }[];
  rows: Record<string, string | null>[];
  totals: Record<string, string | null>[];
  truncated: boolean;
};
type Problem = { type: string; errors?: { path: string; code?: string }[] };
type Opportunity = { id: string; amount: string; currency: string; ownerId: string; status: string };

let t: TestApp;
let p: SalesPeople;
let analytics: ReturnType<typeof analyticsClient>;

beforeAll(async () => {
  t = await createTestApp();
  analytics = analyticsClient(t);
  p = await salesPeople(t);
  const create = async (token: string, name: string, amount: string, currency: string) => {
    const res = await t.request('POST', '/api/v1/crm/opportunities', { token, body: { name, amount, currency } });
    if (res.status !== 201) throw new Error(`opportunity: ${res.status} ${JSON.stringify(res.body)}`);
  };
  // Rep A: EUR and USD; rep B and the manager: EUR. The admin sees all, the manager rep A's and
  // their own, each rep their own.
  for (const [i, amount] of ['100.50', '250.25', '1000', '0.01', '333.33'].entries())
    await create(p.repA.token, `A${i}`, amount, i < 3 ? 'EUR' : 'USD');
  for (const [i, amount] of ['75', '80.80', '90', '5000'].entries()) await create(p.repB.token, `B${i}`, amount, 'EUR');
  for (const [i, amount] of ['12.34', '56.78'].entries()) await create(p.manager.token, `M${i}`, amount, 'EUR');
});
afterAll(async () => {
  await t?.close();
});

/** Every opportunity the CRM list shows this person (all pages), with the list's own filter. */
async function listed(token: string, filter = ''): Promise<Opportunity[]> {
  const items: Opportunity[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=2${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await t.request<{ items: Opportunity[]; nextCursor: string | null }>(
      'GET',
      `/api/v1/crm/opportunities?${query}`,
      { token },
    );
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

/** Count and sum per currency, as the analytics rows carry them. */
function byCurrency(items: Opportunity[]) {
  const out = new Map<string, { count: number; total: Money }>();
  for (const o of items) {
    const entry = out.get(o.currency) ?? { count: 0, total: new Money(0) };
    entry.count++;
    entry.total = entry.total.plus(o.amount);
    out.set(o.currency, entry);
  }
  return [...out.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, { count, total }]) => ({ currency, count: String(count), total: total.toFixed(4) }));
}

describe('POST /analytics/query: row-level security is the module’s own', () => {
  it('returns to an admin, a sales manager and a sales rep exactly what the CRM list shows each (counts and sums)', async () => {
    const expected = { admin: 11, manager: 7, repA: 5, repB: 4 } as const;
    for (const who of ['admin', 'manager', 'repA', 'repB'] as const) {
      const token = p[who].token;
      const items = await listed(token);
      expect(items.length, who).toBe(expected[who]);
      const res = await analytics<Result>('POST', '/query', {
        token,
        body: { dataset: 'crm.opportunities', measures: ['count', 'totalAmount'] },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // Money keeps its currency: one row per currency, never a sum across them.
      expect(
        res.body.rows.map((r) => ({
          currency: r.currency,
          count: r.count,
          total: new Money(r.totalAmount!).toFixed(4),
        })),
        who,
      ).toEqual(byCurrency(items));
      expect(res.body.totals).toEqual(res.body.rows);

      // The same filter on both sides: one owner's open opportunities.
      const owner = p.repA.id;
      const filtered = await listed(token, `&ownerId=${owner}&status=open`);
      const q = await analytics<Result>('POST', '/query', {
        token,
        body: {
          dataset: 'crm.opportunities',
          measures: ['count', 'totalAmount'],
          filters: [
            { field: 'ownerId', op: 'eq', value: owner },
            { field: 'status', op: 'in', values: ['open'] },
          ],
        },
      });
      expect(q.status).toBe(200);
      expect(
        q.body.rows.map((r) => ({ currency: r.currency, count: r.count, total: new Money(r.totalAmount!).toFixed(4) })),
        who,
      ).toEqual(byCurrency(filtered));
    }
  });

  it('groups by a dimension with totals over every matching row, sorts, limits and says when it truncated', async () => {
    const res = await analytics<Result>('POST', '/query', {
      token: p.admin.token,
      body: {
        dataset: 'crm.opportunities',
        dimensions: ['name'],
        measures: ['totalAmount'],
        filters: [{ field: 'currency', op: 'eq', value: 'EUR' }],
        sort: [{ field: 'totalAmount', direction: 'desc' }],
        limit: 3,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Sorted as numbers (5000 > 1000 > 250.25), not as text.
    expect(res.body.rows.map((r) => r.name)).toEqual(['B3', 'A2', 'A1']);
    expect(res.body.truncated).toBe(true);
    expect(res.body.totals).toEqual([{ currency: 'EUR', totalAmount: expect.any(String) }]);
    expect(new Money(res.body.totals[0]!.totalAmount!).toFixed(2)).toBe('6665.67');
    expect(res.body.columns.map((c) => [c.name, c.kind, c.type])).toEqual([
      ['name', 'dimension', 'string'],
      ['currency', 'dimension', 'string'],
      ['totalAmount', 'measure', 'money'],
    ]);

    const byDay = await analytics<Result>('POST', '/query', {
      token: p.repB.token,
      body: {
        dataset: 'crm.opportunities',
        dimensions: [{ field: 'createdDate', grain: 'month' }, 'stage'],
        measures: ['count', 'averageAmount', 'owners'],
      },
    });
    expect(byDay.status, JSON.stringify(byDay.body)).toBe(200);
    const month = `${new Date().toISOString().slice(0, 7)}-01`;
    expect(byDay.body.rows).toEqual([
      {
        createdDate: month,
        stage: expect.any(String),
        currency: 'EUR',
        count: '4',
        averageAmount: '1311.4500',
        owners: '1',
      },
    ]);
    // An average and a distinct count do not add up from the rows: the totals are their own query.
    expect(byDay.body.totals).toEqual([{ currency: 'EUR', count: '4', averageAmount: '1311.4500', owners: '1' }]);
  });

  it('GET /datasets lists only the datasets the caller may query', async () => {
    const rep = await analytics<{ items: { key: string }[] }>('GET', '/datasets', { token: p.repA.token });
    expect(rep.status).toBe(200);
    const keys = rep.body.items.map((d) => d.key);
    expect(keys).toContain('crm.opportunities');
    expect(keys).not.toContain('finance.journal-lines');
    const admin = await analytics<{ items: { key: string }[] }>('GET', '/datasets', { token: p.admin.token });
    expect(admin.body.items.map((d) => d.key)).toEqual(
      expect.arrayContaining(['crm.opportunities', 'finance.journal-lines', 'hr.employees']),
    );
    const none = await t.userWithRoles(['employee']);
    expect((await analytics('GET', '/datasets', { token: none.token })).status).toBe(403);
  });
});

describe('hostile queries get 4xx problem+json and never reach the database as text', () => {
  const base = { dataset: 'crm.opportunities', measures: ['count'] };
  const cases: [string, Record<string, unknown>, number, string][] = [
    ['an unknown field', { ...base, dimensions: ['secret'] }, 422, 'dimensions.0'],
    ['a dimension of another dataset', { ...base, dimensions: ['accountCode'] }, 422, 'dimensions.0'],
    ['a measure of another dataset', { dataset: 'crm.opportunities', measures: ['balance'] }, 422, 'measures.0'],
    ['SQL as a field name', { ...base, dimensions: ['name; drop table crm.opportunities'] }, 422, 'dimensions.0'],
    [
      'SQL as an amount',
      { ...base, filters: [{ field: 'amount', op: 'gt', value: '0; drop table x' }] },
      422,
      'filters.0.value',
    ],
    [
      'SQL as a date',
      { ...base, filters: [{ field: 'createdDate', op: 'lt', value: "2026-01-01' or 1=1" }] },
      422,
      'filters.0.value',
    ],
    [
      'a number for a text field',
      { ...base, filters: [{ field: 'name', op: 'eq', value: 1 }] },
      422,
      'filters.0.value',
    ],
    ['an unknown operator', { ...base, filters: [{ field: 'name', op: 'like', value: '%' }] }, 422, 'filters.0.op'],
    [
      'a grain on a text field',
      { ...base, dimensions: [{ field: 'name', grain: 'month' }] },
      422,
      'dimensions.0.grain',
    ],
    ['a made-up grain', { ...base, dimensions: [{ field: 'createdDate', grain: 'century' }] }, 422, 'dimensions.0'],
    ['a huge limit', { ...base, limit: 1_000_000 }, 422, 'limit'],
    ['a sort on a column the query lacks', { ...base, sort: [{ field: 'amount' }] }, 422, 'sort.0.field'],
    [
      'a sort direction in SQL',
      { ...base, sort: [{ field: 'count', direction: 'desc; drop' }] },
      422,
      'sort.0.direction',
    ],
    ['raw SQL', { ...base, sql: 'select * from auth.users' }, 422, 'sql'],
    ['an unknown dataset', { ...base, dataset: 'auth.users' }, 422, 'dataset'],
    ['a dataset key in SQL', { ...base, dataset: 'crm.opportunities; --' }, 422, 'dataset'],
  ];
  for (const [name, body, status, path] of cases) {
    it(`${name} → ${status} naming ${path}`, async () => {
      const res = await analytics<Problem>('POST', '/query', { token: p.admin.token, body });
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.errors?.map((e) => e.path)).toContain(path);
    });
  }

  it('a dataset without its module’s permission is a 403', async () => {
    const res = await analytics<Problem>('POST', '/query', {
      token: p.repA.token,
      body: { dataset: 'finance.journal-lines', measures: ['lines'] },
    });
    expect(res.status).toBe(403);
    expect(res.body.type).toMatch(/dataset-not-visible$/);
  });

  it('SQL in a text value is only ever a bound parameter: it matches nothing and drops nothing', async () => {
    const hostile = "x'); drop table crm.opportunities; --";
    const res = await analytics<Result>('POST', '/query', {
      token: p.admin.token,
      body: { ...base, filters: [{ field: 'name', op: 'in', values: [hostile, 'A0'] }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([{ count: '1' }]);
    expect((await listed(p.admin.token)).length).toBe(11);

    // The compiled SQL has the declaration's names and placeholders; the value is a parameter.
    const dataset = (await datasetRegistry()).get('crm.opportunities')!;
    const plan = planQuery(
      dataset,
      AnalyticsQuery.parse({ ...base, dimensions: ['stage'], filters: [{ field: 'name', op: 'eq', value: hostile }] }),
    );
    const source = await dataset.source();
    const compiled = compileQuery(
      t.db,
      plan,
      await source(t.db, { userId: p.repA.id, email: '', roles: [], permissions: ['crm:read'] }),
    ).rows.compile();
    expect(compiled.sql).not.toContain('drop table');
    expect(compiled.parameters).toContain(hostile);
    // The rep's visibility is in the base query, as a parameter too.
    expect(compiled.parameters).toContain(p.repA.id);
  });
});

describe('the executor', () => {
  /** A dataset whose rows report the transaction's own settings (and can sleep), to watch the executor. */
  const probe = defineDataset({
    key: 'test.settings',
    label: 'Settings',
    description: 'The transaction settings a query runs with',
    permission: 'analytics:read',
    fields: [
      { name: 'readOnly', label: 'Read only', type: 'string' },
      { name: 'timeout', label: 'Statement timeout', type: 'string' },
      { name: 'slept', label: 'Slept', type: 'string' },
    ],
    measures: [{ name: 'count', label: 'Rows', aggregation: 'count' }],
    source: () =>
      Promise.resolve((db, caller) =>
        db
          .selectFrom(sql<{ x: number }>`(select 1 as x)`.as('one'))
          .select([
            sql<string>`current_setting('transaction_read_only')`.as('readOnly'),
            sql<string>`current_setting('statement_timeout')`.as('timeout'),
            sql<string>`case when ${caller.userId} = 'sleepy' then pg_sleep(2)::text else 'no' end`.as('slept'),
          ]),
      ),
  });
  const caller = (userId: string) => ({ userId, email: '', roles: [], permissions: ['analytics:read'] });
  const query = (dimensions: string[]) => AnalyticsQuery.parse({ dataset: 'test.settings', dimensions });

  it('runs every question in a read-only transaction with a statement timeout', async () => {
    process.env.MOMS_ANALYTICS_TIMEOUT_MS = '4321';
    try {
      const result = await runPlan(t.db, caller(p.admin.id), planQuery(probe, query(['readOnly', 'timeout'])));
      expect(result.rows).toEqual([{ readOnly: 'on', timeout: '4321ms' }]);
    } finally {
      delete process.env.MOMS_ANALYTICS_TIMEOUT_MS;
    }
  });

  it.runIf(process.env.DATABASE_URL)('a question that runs past the timeout is cancelled: a 503 problem', async () => {
    process.env.MOMS_ANALYTICS_TIMEOUT_MS = '100';
    try {
      const started = performance.now();
      const failure = await runPlan(t.db, caller('sleepy'), planQuery(probe, query(['slept']))).catch(
        (error: unknown) => toAppError(error),
      );
      expect(failure).toMatchObject({ status: 503, code: 'timeout' });
      expect(performance.now() - started).toBeLessThan(1500);
    } finally {
      delete process.env.MOMS_ANALYTICS_TIMEOUT_MS;
    }
  });
});

describe('HR employees: the directory for everyone, job data only where HR shows it in full', () => {
  it('counts every employee the directory lists; start dates only for the caller and their reports', async () => {
    const hr = '/api/v1/hr';
    const boss = await t.userWithRoles(['manager', 'employee']);
    const department = async (name: string) => {
      const res = await t.request<{ id: string }>('POST', `${hr}/departments`, {
        token: p.admin.token,
        body: { name },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id;
    };
    const [sales, ops] = [await department('Analytics sales'), await department('Analytics ops')];
    let n = 0;
    const employee = async (body: Record<string, unknown>) => {
      const res = await t.request<{ id: string }>('POST', `${hr}/employees`, {
        token: p.admin.token,
        body: { firstName: 'Emp', lastName: `No ${++n}`, workEmail: `emp${n}-${Date.now()}@example.com`, ...body },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id;
    };
    const bossId = await employee({ departmentId: sales, startDate: '2020-03-01', userId: boss.id });
    await employee({ departmentId: sales, startDate: '2021-05-01', managerId: bossId });
    await employee({ departmentId: sales, startDate: '2022-07-01', managerId: bossId });
    await employee({ departmentId: ops, startDate: '2023-09-01' });

    const directory = await t.request<{ items: unknown[] }>('GET', `${hr}/employees?limit=200`, { token: boss.token });
    expect(directory.status).toBe(200);
    const byDepartment = await analytics<Result>('POST', '/query', {
      token: boss.token,
      body: { dataset: 'hr.employees', dimensions: ['department'], measures: ['headcount'] },
    });
    expect(byDepartment.status, JSON.stringify(byDepartment.body)).toBe(200);
    expect(byDepartment.body.rows).toEqual([
      { department: 'Analytics ops', headcount: '1' },
      { department: 'Analytics sales', headcount: '3' },
    ]);
    expect(byDepartment.body.totals).toEqual([{ headcount: String(directory.body.items.length) }]);

    const byYear = await analytics<Result>('POST', '/query', {
      token: boss.token,
      body: { dataset: 'hr.employees', dimensions: [{ field: 'startDate', grain: 'year' }], measures: ['headcount'] },
    });
    // The boss sees their own and their reports' start dates; the Ops employee's is hidden (null).
    expect(byYear.body.rows).toEqual([
      { startDate: '2020-01-01', headcount: '1' },
      { startDate: '2021-01-01', headcount: '1' },
      { startDate: '2022-01-01', headcount: '1' },
      { startDate: null, headcount: '1' },
    ]);
    const asAdmin = await analytics<Result>('POST', '/query', {
      token: p.admin.token,
      body: {
        dataset: 'hr.employees',
        dimensions: [{ field: 'startDate', grain: 'year' }],
        measures: ['headcount'],
        filters: [{ field: 'startDate', op: 'gte', value: '2023-01-01' }],
      },
    });
    expect(asAdmin.body.rows).toEqual([{ startDate: '2023-01-01', headcount: '1' }]);
  });
});
