import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { Money } from '../../../platform/money/money.js';
import { analyticsClient, salesPeople, type SalesPeople } from '../analytics.test-support.js';
import { clearResultCache } from './cache.js';

type Result = {
  columns: { name: string }[];
  rows: Record<string, string | null>[];
  totals: Record<string, string | null>[];
  cached?: boolean;
};

const P = '/api/v1/projects';

function expectStatus<T>(res: { status: number; body: T }, status: number): T {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

let t: TestApp;
let p: SalesPeople;
let analytics: ReturnType<typeof analyticsClient>;

beforeAll(async () => {
  t = await createTestApp();
  analytics = analyticsClient(t);
  p = await salesPeople(t);
});
afterAll(async () => {
  await t?.close();
});

/** Every item a list route shows this person (all pages). */
async function listAll<T>(path: string, token: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const url: string = `${path}${sep}limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await t.request<{ items: T[]; nextCursor: string | null }>('GET', url, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

async function opportunity(token: string, name: string, amount = '10'): Promise<string> {
  const res = await t.request<{ id: string }>('POST', '/api/v1/crm/opportunities', {
    token,
    body: { name, amount, currency: 'EUR' },
  });
  if (res.status !== 201) throw new Error(`opportunity: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

describe('crm.activities: the CRM activity list’s own visibility', () => {
  it('gives an admin, a team manager and two reps exactly the activities their list shows (by type)', async () => {
    const plan: [keyof SalesPeople, string, number][] = [
      ['repA', 'call', 3],
      ['repA', 'task', 1],
      ['repB', 'meeting', 2],
      ['manager', 'note', 1],
    ];
    for (const [who, type, n] of plan) {
      const opportunityId = await opportunity(p[who].token, `Act ${who} ${type}`);
      for (let i = 0; i < n; i++) {
        const res = await t.request('POST', '/api/v1/crm/activities', {
          token: p[who].token,
          body: { type, subject: `${type} ${i}`, opportunityId },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    }
    const expected = { admin: 7, manager: 5, repA: 4, repB: 2 } as const;
    for (const who of ['admin', 'manager', 'repA', 'repB'] as const) {
      const listed = await listAll<{ type: string }>('/api/v1/crm/activities', p[who].token);
      expect(listed.length, who).toBe(expected[who]);
      const byType = new Map<string, number>();
      for (const a of listed) byType.set(a.type, (byType.get(a.type) ?? 0) + 1);
      const res = await analytics<Result>('POST', '/query', {
        token: p[who].token,
        body: { dataset: 'crm.activities', dimensions: ['type'], measures: ['activities'], sort: [{ field: 'type' }] },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(
        res.body.rows.map((r) => [r.type, Number(r.activities)]),
        who,
      ).toEqual([...byType.entries()].sort(([a], [b]) => a.localeCompare(b)));
    }
  });
});

describe('projects.time-entries: the time list’s own visibility', () => {
  it('gives the manager every entry of their project, each member only their own hours, an outsider none', async () => {
    const pm = await t.userWithRoles(['project-manager', 'analyst']);
    const member = await t.userWithRoles(['team-member', 'analyst']);
    const member2 = await t.userWithRoles(['team-member', 'analyst']);
    const outsider = await t.userWithRoles(['team-member', 'analyst']);
    const project = expectStatus(
      await t.request<{ id: string; code: string }>('POST', `${P}/projects`, {
        token: pm.token,
        body: {
          code: `AN${Date.now().toString(36).toUpperCase().slice(-6)}`,
          name: 'Analytics project',
          members: [
            { userId: member.id, role: 'member', costRate: '60', billingRate: '150' },
            { userId: member2.id, role: 'member', costRate: '50', billingRate: '120' },
          ],
        },
      }),
      201,
    );
    const task = expectStatus(
      await t.request<{ id: string }>('POST', `${P}/tasks`, {
        token: pm.token,
        body: { projectId: project.id, title: 'Build' },
      }),
      201,
    );
    const log = async (token: string, date: string, hours: string) =>
      expectStatus(
        await t.request('POST', `${P}/time-entries`, { token, body: { taskId: task.id, date, hours } }),
        201,
      );
    await log(member.token, '2027-02-01', '8');
    await log(member.token, '2027-02-02', '3.5');
    await log(member2.token, '2027-02-01', '6');
    await log(pm.token, '2027-02-03', '2');

    const expected = new Map([
      [pm, '19.5'],
      [member, '11.5'],
      [member2, '6'],
      [outsider, '0'],
    ]);
    for (const [who, hours] of expected) {
      const listed = await listAll<{ hours: string }>(`${P}/time-entries?projectId=${project.id}`, who.token);
      const listHours = listed.reduce((sum, e) => sum.plus(e.hours), new Money(0));
      expect(listHours.cmp(hours), `${hours} listed`).toBe(0);
      const res = await analytics<Result>('POST', '/query', {
        token: who.token,
        body: {
          dataset: 'projects.time-entries',
          measures: ['entries', 'totalHours', 'people'],
          filters: [{ field: 'projectCode', op: 'eq', value: project.code }],
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const row = res.body.rows[0]!;
      expect(Number(row.entries)).toBe(listed.length);
      expect(new Money(row.totalHours ?? '0').cmp(hours)).toBe(0);
    }
  });
});

describe('the other new datasets answer', () => {
  it('finance.documents (aging), hr.leave-requests and supply.stock-moves run for an admin', async () => {
    for (const body of [
      { dataset: 'finance.documents', dimensions: ['kind', 'agingBucket'], measures: ['documents', 'openAmount'] },
      { dataset: 'hr.leave-requests', dimensions: [{ field: 'startDate', grain: 'month' }], measures: ['totalDays'] },
      { dataset: 'supply.stock-moves', dimensions: ['kind'], measures: ['moves', 'totalValue', 'items'] },
    ]) {
      const res = await analytics<Result>('POST', '/query', { token: p.admin.token, body });
      expect(res.status, `${body.dataset}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    // A rep has no finance:read: the dataset is not theirs.
    const denied = await analytics('POST', '/query', {
      token: p.repA.token,
      body: { dataset: 'finance.documents', measures: ['documents'] },
    });
    expect(denied.status).toBe(403);
  });
});

describe('pivot: one dimension as columns', () => {
  it('adds the pivot to the result; a pivot on a field the query does not group by is a 422', async () => {
    const res = await analytics<Result & { pivot: { field: string; values: string[]; rows: unknown[] } }>(
      'POST',
      '/query',
      {
        token: p.admin.token,
        body: { dataset: 'crm.activities', dimensions: ['ownerId', 'type'], measures: ['activities'], pivot: 'type' },
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.pivot.field).toBe('type');
    expect([...res.body.pivot.values].sort()).toEqual(
      [...new Set(res.body.rows.map((r) => r.type))].sort() as string[],
    );
    expect(res.body.pivot.rows.length).toBe(new Set(res.body.rows.map((r) => r.ownerId)).size);
    const bad = await analytics<{ errors: { path: string }[] }>('POST', '/query', {
      token: p.admin.token,
      body: { dataset: 'crm.activities', dimensions: ['type'], measures: ['activities'], pivot: 'ownerId' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.path)).toEqual(['pivot']);
  });
});

describe('the result cache: per caller’s visibility, brief', () => {
  it('never gives one rep the other’s cached rows; answers the same caller from the cache until no-cache', async () => {
    clearResultCache();
    await opportunity(p.repA.token, 'Cache A', '100');
    await opportunity(p.repB.token, 'Cache B', '999');
    const ask = (token: string, headers: Record<string, string> = { 'cache-control': 'max-age=60' }) =>
      analytics<Result>('POST', '/query', {
        token,
        headers,
        body: {
          dataset: 'crm.opportunities',
          measures: ['count', 'totalAmount'],
          filters: [{ field: 'name', op: 'in', values: ['Cache A', 'Cache B', 'Cache A2'] }],
        },
      });
    const a1 = await ask(p.repA.token);
    const b1 = await ask(p.repB.token);
    // Without max-age: read afresh (the web's default), remembered for those who accept it.
    expect((await ask(p.repB.token, {})).body.cached).toBeUndefined();
    expect(a1.body.rows).toEqual([{ currency: 'EUR', count: '1', totalAmount: expect.stringMatching(/^100\./) }]);
    expect(b1.body.rows).toEqual([{ currency: 'EUR', count: '1', totalAmount: expect.stringMatching(/^999\./) }]);
    expect(b1.body.cached).toBeUndefined();
    // Again, in the other order: each from the cache, each their own rows.
    const b2 = await ask(p.repB.token);
    const a2 = await ask(p.repA.token);
    expect(b2.body).toMatchObject({ cached: true, rows: b1.body.rows });
    expect(a2.body).toMatchObject({ cached: true, rows: a1.body.rows });
    // A new row is not in the cached answer; Cache-Control: no-cache reads afresh (and refreshes the entry).
    await opportunity(p.repA.token, 'Cache A2', '1');
    expect((await ask(p.repA.token)).body.rows[0]!.count).toBe('1');
    const fresh = await ask(p.repA.token, { 'cache-control': 'no-cache' });
    expect(fresh.body.cached).toBeUndefined();
    expect(fresh.body.rows[0]!.count).toBe('2');
    expect((await ask(p.repA.token)).body).toMatchObject({ cached: true, rows: [{ count: '2' }] });
    // The manager sees rep A's rows too: their own entry, never rep A's.
    const m = await ask(p.manager.token);
    expect(m.body.cached).toBeUndefined();
    expect(m.body.rows[0]!.count).toBe('2');
  });
});
