import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { S, createCycle, createObjective, expectStatus, type Person } from '../strategy.test-support.js';

let t: TestApp;
let admin: Person;
let employee: Person;
let other: Person;
beforeAll(async () => {
  t = await createTestApp();
  [admin, employee, other] = await Promise.all([
    t.userWithRoles(['admin']),
    t.userWithRoles(['employee']),
    t.userWithRoles(['employee']),
  ]);
});
afterAll(() => t.close());

interface Problem {
  type: string;
  errors?: { path: string; message: string }[];
}
interface MapBody {
  perspectives: string[];
  objectives: { id: string; perspective: string | null; progress: string }[];
  links: { id: string; fromId: string; toId: string }[];
}

describe('the strategy map', () => {
  it('links objectives of one cycle across perspectives: no self-links, no duplicates, same cycle', async () => {
    const cycle = await createCycle(t, admin.token);
    const elsewhere = await createCycle(t, admin.token, { name: 'Another' });
    const revenue = await createObjective(t, admin.token, {
      cycleId: cycle.id,
      level: 'company',
      title: 'Grow revenue',
      perspective: 'financial',
    });
    const customers = await createObjective(t, admin.token, {
      cycleId: cycle.id,
      level: 'company',
      title: 'Delight customers',
      perspective: 'customer',
    });
    const skills = await createObjective(t, employee.token, {
      cycleId: cycle.id,
      title: 'Learn the product',
      perspective: 'learning-growth',
    });
    const foreign = await createObjective(t, admin.token, { cycleId: elsewhere.id, level: 'company' });
    const link = (body: Record<string, unknown>, token = admin.token) =>
      t.request<Problem & { id: string; fromId: string; toId: string }>('POST', `${S}/objective-links`, {
        token,
        body,
      });

    const first = expectStatus(await link({ fromId: customers.id, toId: revenue.id }), 201);
    expect(first).toMatchObject({ fromId: customers.id, toId: revenue.id, cycleId: cycle.id });
    // The owner of either objective may link it.
    const second = expectStatus(await link({ fromId: skills.id, toId: customers.id }, employee.token), 201);
    expect((await link({ fromId: revenue.id, toId: customers.id }, other.token)).status).toBe(403);

    const self = await link({ fromId: revenue.id, toId: revenue.id });
    expect(self.status).toBe(422);
    expect(self.body.type).toMatch(/objective-link$/);
    expect(self.body.errors?.[0]?.path).toBe('toId');
    const again = await link({ fromId: customers.id, toId: revenue.id });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/objective-link-exists$/);
    expect((await link({ fromId: revenue.id, toId: customers.id })).status).toBe(409); // the other way round
    const across = await link({ fromId: revenue.id, toId: foreign.id });
    expect(across.status).toBe(422);
    expect(across.body.errors?.[0]?.message).toMatch(/same cycle/);
    expect((await link({ fromId: revenue.id, toId: '00000000-0000-4000-8000-000000000000' })).status).toBe(422);

    const map = expectStatus(
      await t.request<MapBody>('GET', `${S}/cycles/${cycle.id}/map`, { token: other.token }),
      200,
    );
    expect(map.perspectives).toEqual(['financial', 'customer', 'internal-process', 'learning-growth']);
    expect(map.objectives.map((o) => [o.id, o.perspective])).toEqual([
      [revenue.id, 'financial'],
      [customers.id, 'customer'],
      [skills.id, 'learning-growth'],
    ]);
    expect(map.links.map((l) => [l.fromId, l.toId])).toEqual([
      [customers.id, revenue.id],
      [skills.id, customers.id],
    ]);

    // Unlinking: the owner of either, or an administrator; a cancelled objective leaves the map.
    expect((await t.request('DELETE', `${S}/objective-links/${first.id}`, { token: other.token })).status).toBe(403);
    expect((await t.request('DELETE', `${S}/objective-links/${first.id}`, { token: admin.token })).status).toBe(204);
    expect((await t.request('DELETE', `${S}/objective-links/${first.id}`, { token: admin.token })).status).toBe(404);
    expectStatus(
      await t.request('PATCH', `${S}/objectives/${skills.id}`, {
        token: employee.token,
        body: { version: skills.version, status: 'cancelled' },
      }),
      200,
    );
    const after = expectStatus(
      await t.request<MapBody>('GET', `${S}/cycles/${cycle.id}/map`, { token: admin.token }),
      200,
    );
    expect(after.links).toEqual([]);
    expect(after.objectives.map((o) => o.id)).toEqual([revenue.id, customers.id]);
    expect(second.id).toBeTruthy();

    // A closed cycle's map is frozen.
    expectStatus(await t.request('POST', `${S}/cycles/${cycle.id}/close`, { token: admin.token }), 200);
    expect((await link({ fromId: customers.id, toId: revenue.id })).status).toBe(409);
  });
});

describe('editing cycles and KPIs', () => {
  it('changes an open cycle; dates the wrong way round are a 422 at the field; a closed one is a 409', async () => {
    const cycle = await createCycle(t, admin.token, { name: 'Draft', kind: 'custom' });
    const patch = (body: Record<string, unknown>, token = admin.token) =>
      t.request<Problem & { name: string; kind: string; checkInDays: number | null; version: number }>(
        'PATCH',
        `${S}/cycles/${cycle.id}`,
        { token, body },
      );
    expect((await patch({ version: 1, name: 'Mine' }, employee.token)).status).toBe(403);
    const changed = expectStatus(await patch({ version: 1, name: '2031 Q1', kind: 'quarter', checkInDays: 14 }), 200);
    expect(changed).toMatchObject({ name: '2031 Q1', kind: 'quarter', checkInDays: 14, version: 2 });
    expect((await patch({ version: 1, name: 'Stale' })).status).toBe(409);
    const wrong = await patch({ version: 2, endDate: '2000-01-01' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors?.[0]?.path).toBe('endDate');
    const days = await patch({ version: 2, checkInDays: 0 });
    expect(days.status).toBe(422);
    expect(days.body.errors?.[0]?.path).toMatch(/checkInDays/);
    expect(expectStatus(await patch({ version: 2, checkInDays: null }), 200).checkInDays).toBeNull();
    const created = expectStatus(
      await t.request<Problem>('POST', `${S}/cycles`, {
        token: admin.token,
        body: { name: 'Backwards', kind: 'year', startDate: '2031-12-31', endDate: '2031-01-01' },
      }),
      422,
    );
    expect(created.errors?.[0]?.path).toMatch(/endDate/);
    expectStatus(await t.request('POST', `${S}/cycles/${cycle.id}/close`, { token: admin.token }), 200);
    const closed = await patch({ version: 4, name: 'Too late' });
    expect(closed.status).toBe(409);
    expect(closed.body.type).toMatch(/cycle-closed$/);
  });

  it('changes a KPI: metric, parameters, target and thresholds checked as a whole', async () => {
    const cycle = await createCycle(t, admin.token);
    const kpi = expectStatus(
      await t.request<{ id: string; version: number }>('POST', `${S}/kpis`, {
        token: admin.token,
        body: {
          cycleId: cycle.id,
          name: 'Margin',
          metricKey: 'finance.grossMargin',
          perspective: 'financial',
          target: '40',
          green: '35',
          amber: '25',
        },
      }),
      201,
    );
    const patch = (body: Record<string, unknown>, token = admin.token) =>
      t.request<
        Problem & {
          name: string;
          metricKey: string;
          metricParams: object;
          green: string;
          amber: string;
          version: number;
        }
      >('PATCH', `${S}/kpis/${kpi.id}`, { token, body });
    // Amber above green on a higher-is-better metric: named at the field.
    const bad = await patch({ version: 1, amber: '36' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.[0]?.path).toBe('amber');
    const params = await patch({ version: 1, metricParams: { nope: true } });
    expect(params.status).toBe(422);
    expect(params.body.type).toMatch(/invalid-metric-params$/);
    expect((await patch({ version: 1, name: 'Mine' }, employee.token)).status).toBe(403);
    // To a lower-is-better metric: the thresholds turn round with it.
    const moved = expectStatus(
      await patch({
        version: 1,
        name: 'Absence',
        metricKey: 'hr.absenceRate',
        metricParams: { department: 'ENG' },
        target: '3',
        green: '4',
        amber: '6',
      }),
      200,
    );
    expect(moved).toMatchObject({
      name: 'Absence',
      metricKey: 'hr.absenceRate',
      metricParams: { department: 'ENG' },
      green: '4',
      amber: '6',
      version: 2,
    });
    expect(
      expectStatus(await t.request<{ name: string }>('GET', `${S}/kpis/${kpi.id}`, { token: employee.token }), 200)
        .name,
    ).toBe('Absence');
    expect((await patch({ version: 1, name: 'Stale' })).status).toBe(409);
  });
});
