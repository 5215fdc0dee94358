import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workRegistry } from '../../../app/jobs.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import {
  S,
  addKeyResult,
  createCycle,
  createObjective,
  expectStatus,
  objective,
  type KeyResultBody,
  type ObjectiveBody,
  type Person,
} from '../strategy.test-support.js';

let t: TestApp;
let admin: Person;
let employee: Person;
let other: Person;
let cycleId: string;
beforeAll(async () => {
  t = await createTestApp({ poolMax: 10 });
  [admin, employee, other] = await Promise.all([
    t.userWithRoles(['strategist']),
    t.userWithRoles(['employee']),
    t.userWithRoles(['employee']),
  ]);
  cycleId = (await createCycle(t, admin.token)).id;
});
afterAll(() => t.close());

const events = async (type: string) =>
  (await t.db.selectFrom('platform.outbox').select(['payload']).where('event_type', '=', type).execute()).map(
    (r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
  );

describe('progress roll-up', () => {
  it('weights key results and child objectives across three levels (hand-computed)', async () => {
    const company = await createObjective(t, admin.token, { cycleId, level: 'company', title: 'Grow' });
    // Company: a numeric KR at 50 % (weight 1).
    await addKeyResult(t, admin.token, company.id, {
      kind: 'numeric',
      startValue: '0',
      targetValue: '200',
      currentValue: '100',
    });
    // Department (weight 3): boolean done (weight 1) and 25 % (weight 3).
    const dept = await createObjective(t, admin.token, {
      cycleId,
      parentId: company.id,
      level: 'department',
      weight: '3',
      ownerId: employee.id,
    });
    await addKeyResult(t, employee.token, dept.id, { kind: 'boolean', currentValue: '1' });
    await addKeyResult(t, employee.token, dept.id, { kind: 'percentage', currentValue: '25', weight: '3' });
    // Person (weight 1) under the department: lower is better, 10 → 0, now 4: 60 %.
    const person = await createObjective(t, employee.token, { cycleId, parentId: dept.id });
    await addKeyResult(t, employee.token, person.id, {
      kind: 'numeric',
      startValue: '10',
      targetValue: '0',
      currentValue: '4',
    });
    // A cancelled child does not count.
    const cancelled = await createObjective(t, employee.token, { cycleId, parentId: dept.id, weight: '50' });
    await addKeyResult(t, employee.token, cancelled.id, { kind: 'percentage', currentValue: '0' });
    expectStatus(
      await t.request('PATCH', `${S}/objectives/${cancelled.id}`, {
        token: employee.token,
        body: { version: cancelled.version, status: 'cancelled' },
      }),
      200,
    );

    expect((await objective(t, employee.token, person.id)).progress).toBe('60.00');
    // Department: (100×1 + 25×3 + 60×1) / 5 = 47
    const d = await objective(t, employee.token, dept.id);
    expect(d.progress).toBe('47.00');
    expect(d.childIds.sort()).toEqual([person.id, cancelled.id].sort());
    // Company: (50×1 + 47×3) / 4 = 47.75
    expect((await objective(t, other.token, company.id)).progress).toBe('47.75');

    // A progress beyond the target is clamped at 100, below the start at 0.
    const k = await addKeyResult(t, employee.token, person.id, {
      kind: 'numeric',
      startValue: '0',
      targetValue: '10',
      currentValue: '-5',
    });
    expect(k.progress).toBe('0.00');
    const up = expectStatus(
      await t.request<KeyResultBody>('PATCH', `${S}/key-results/${k.id}`, {
        token: employee.token,
        body: { version: k.version, currentValue: '15' },
      }),
      200,
    );
    expect(up.progress).toBe('100.00');
    expect(up.completedAt).not.toBeNull();
    expect((await events('strategy.key-result.completed')).map((e) => e.keyResultId)).toContain(k.id);
    // Person now (60 + 100) / 2 = 80; department (100 + 75 + 80) / 5 = 51; company (50 + 153) / 4 = 50.75
    expect((await objective(t, admin.token, company.id)).progress).toBe('50.75');

    const list = expectStatus(
      await t.request<{ items: ObjectiveBody[] }>('GET', `${S}/objectives?cycleId=${cycleId}&level=company`, {
        token: other.token,
      }),
      200,
    );
    expect(list.items.map((o) => o.id)).toContain(company.id);
    expect(list.items.every((o) => o.id !== dept.id)).toBe(true);
  });
});

describe('check-ins', () => {
  it('records confidence and the new value; the objective turns at risk (an event)', async () => {
    const o = await createObjective(t, employee.token, { cycleId, title: 'Ship it' });
    const kr = await addKeyResult(t, employee.token, o.id, { kind: 'numeric', startValue: '0', targetValue: '8' });
    const ci = expectStatus(
      await t.request<{ value: string; confidence: string }>('POST', `${S}/key-results/${kr.id}/check-ins`, {
        token: employee.token,
        body: { confidence: 'at-risk', comment: 'Slipping', value: '2' },
      }),
      201,
    );
    expect(ci).toMatchObject({ value: '2', confidence: 'at-risk' });
    const after = await objective(t, employee.token, o.id);
    expect(after.health).toBe('at-risk');
    expect(after.keyResults[0]).toMatchObject({ value: '2', progress: '25.00' });
    expect((await events('strategy.objective.at-risk')).map((e) => e.objectiveId)).toContain(o.id);
    const list = expectStatus(
      await t.request<{ items: unknown[] }>('GET', `${S}/key-results/${kr.id}/check-ins`, { token: other.token }),
      200,
    );
    expect(list.items).toHaveLength(1);
  });
});

describe('permissions and validation', () => {
  it('refuses what the caller may not do', async () => {
    const mine = await createObjective(t, admin.token, { cycleId, title: 'Admin owned' });
    const unauth = await t.request('GET', `${S}/cycles`);
    expect(unauth.status).toBe(401);
    expect(
      (
        await t.request('POST', `${S}/cycles`, {
          token: employee.token,
          body: { name: 'x', kind: 'year', startDate: '2027-01-01', endDate: '2027-12-31' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.request('POST', `${S}/objectives`, {
          token: employee.token,
          body: { cycleId, title: 'x', level: 'company' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.request('POST', `${S}/objectives`, {
          token: employee.token,
          body: { cycleId, title: 'x', ownerId: other.id },
        })
      ).status,
    ).toBe(403);
    const notOwner = await t.request<{ type: string }>('PATCH', `${S}/objectives/${mine.id}`, {
      token: employee.token,
      body: { version: mine.version, title: 'Mine now' },
    });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.type).toMatch(/not-objective-owner$/);
    expect(
      (
        await t.request('POST', `${S}/objectives/${mine.id}/key-results`, {
          token: employee.token,
          body: { title: 'x', kind: 'boolean' },
        })
      ).status,
    ).toBe(403);
    expect((await t.request('POST', `${S}/kpis`, { token: employee.token, body: {} })).status).toBe(403);
  });

  it('answers 422 for input that does not fit, 409 for a stale version, 404 for nothing', async () => {
    const o = await createObjective(t, employee.token, { cycleId });
    const post = (body: Record<string, unknown>) =>
      t.request<{ type: string; errors?: { path: string }[] }>('POST', `${S}/objectives/${o.id}/key-results`, {
        token: employee.token,
        body: { title: 'k', ...body },
      });
    expect((await post({ kind: 'numeric', startValue: '0' })).status).toBe(422);
    expect((await post({ kind: 'numeric', startValue: '5', targetValue: '5' })).status).toBe(422);
    expect((await post({ kind: 'numeric', startValue: '0', targetValue: 10 })).status).toBe(422);
    expect((await post({ kind: 'boolean', currentValue: '2' })).status).toBe(422);
    expect((await post({ kind: 'percentage', weight: '0' })).status).toBe(422);
    expect((await post({ kind: 'metric', startValue: '0', targetValue: '10' })).status).toBe(422);
    const unknown = await post({ kind: 'metric', metricKey: 'nope.metric', startValue: '0', targetValue: '10' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.type).toMatch(/unknown-metric$/);
    // The employee holds hr:read: headcount is theirs to bind; a bad parameter and a wrong direction are not.
    const params = await post({
      kind: 'metric',
      metricKey: 'hr.headcount',
      metricParams: { department: 5 },
      startValue: '0',
      targetValue: '10',
    });
    expect(params.status).toBe(422);
    expect(params.body.errors?.[0]?.path).toBe('metricParams.department');
    const direction = await post({ kind: 'metric', metricKey: 'hr.attrition', startValue: '5', targetValue: '10' });
    expect(direction.status).toBe(422);
    expect(direction.body.type).toMatch(/key-result-direction$/);
    // Without finance:read a revenue-bound key result cannot be made.
    expect(
      (await post({ kind: 'metric', metricKey: 'finance.revenue', startValue: '0', targetValue: '10' })).status,
    ).toBe(403);
    expect(
      (
        await t.request('POST', `${S}/objectives`, {
          token: employee.token,
          body: { cycleId, title: 'x', parentId: cycleId },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await t.request('POST', `${S}/objectives`, {
          token: employee.token,
          body: { cycleId, title: 'x', department: 'No such dept' },
        })
      ).status,
    ).toBe(422);
    const stale = await t.request('PATCH', `${S}/objectives/${o.id}`, {
      token: employee.token,
      body: { version: o.version + 5, title: 'y' },
    });
    expect(stale.status).toBe(409);
    const cyc = await t.request('PATCH', `${S}/objectives/${o.id}`, {
      token: employee.token,
      body: { version: o.version, parentId: o.id },
    });
    expect(cyc.status).toBe(422);
    expect((await t.request('GET', `${S}/objectives/${cycleId}`, { token: employee.token })).status).toBe(404);
    expect(
      (
        await t.request('POST', `${S}/cycles`, {
          token: admin.token,
          body: { name: 'x', kind: 'year', startDate: '2027-12-31', endDate: '2027-01-01' },
        })
      ).status,
    ).toBe(422);
  });
});

describe('copying unfinished objectives', () => {
  it('copies what is not finished, parents first, into the next cycle', async () => {
    const from = await createCycle(t, admin.token, { name: 'From' });
    const to = await createCycle(t, admin.token, { name: 'To' });
    const parent = await createObjective(t, admin.token, { cycleId: from.id, level: 'company', title: 'Parent' });
    await addKeyResult(t, admin.token, parent.id, { kind: 'percentage', currentValue: '40' });
    const child = await createObjective(t, admin.token, { cycleId: from.id, parentId: parent.id, title: 'Child' });
    await addKeyResult(t, admin.token, child.id, { kind: 'percentage', currentValue: '10' });
    const done = await createObjective(t, admin.token, { cycleId: from.id, title: 'Done' });
    await addKeyResult(t, admin.token, done.id, { kind: 'boolean', currentValue: '1' });
    const res = expectStatus(
      await t.request<{ copied: { fromId: string; toId: string }[] }>(
        'POST',
        `${S}/cycles/${from.id}/copy-unfinished`,
        {
          token: admin.token,
          body: { targetCycleId: to.id },
        },
      ),
      200,
    );
    expect(res.copied.map((c) => c.fromId).sort()).toEqual([parent.id, child.id].sort());
    const copiedChild = await objective(t, admin.token, res.copied.find((c) => c.fromId === child.id)!.toId);
    expect(copiedChild.parentId).toBe(res.copied.find((c) => c.fromId === parent.id)!.toId);
    expect(copiedChild.keyResults[0]).toMatchObject({ value: '10', progress: '10.00' });
    expect(
      (
        await t.request('POST', `${S}/cycles/${from.id}/copy-unfinished`, {
          token: admin.token,
          body: { targetCycleId: from.id },
        })
      ).status,
    ).toBe(422);
  });
});

describe('closing while people work', () => {
  it('never interleaves: every change lands before the close (and is scored) or is refused after it', async () => {
    const cycle = await createCycle(t, admin.token, { name: 'Busy' });
    const o = await createObjective(t, employee.token, { cycleId: cycle.id });
    const krs = await Promise.all(
      [1, 2, 3, 4].map(() =>
        addKeyResult(t, employee.token, o.id, { kind: 'numeric', startValue: '0', targetValue: '10' }),
      ),
    );
    const [close, ...changes] = await Promise.all([
      t.request<{ items: { keyResultId: string | null }[] }>('POST', `${S}/cycles/${cycle.id}/close`, {
        token: admin.token,
      }),
      ...krs.map((k) =>
        t.request('POST', `${S}/key-results/${k.id}/check-ins`, {
          token: employee.token,
          body: { confidence: 'on-track', value: '5' },
        }),
      ),
      t.request('POST', `${S}/objectives/${o.id}/key-results`, {
        token: employee.token,
        body: { title: 'late', kind: 'boolean' },
      }),
    ]);
    expect(close.status).toBe(200);
    for (const c of changes) expect([200, 201, 409]).toContain(c.status);
    const all = await t.db.selectFrom('strategy.key_results').select('id').where('objective_id', '=', o.id).execute();
    const scored = new Set(close.body.items.map((s) => s.keyResultId));
    for (const k of all) expect(scored.has(k.id)).toBe(true);
  });
});

describe('a milestone key result', () => {
  it('follows a Projects milestone live, and completes (an event) when it is reached', async () => {
    const boss = await t.userWithRoles(['admin']);
    const P = '/api/v1/projects';
    const project = expectStatus(
      await t.request<{ id: string }>('POST', `${P}/projects`, {
        token: boss.token,
        body: { code: `S${Date.now().toString(36).toUpperCase().slice(-6)}`, name: 'Launch' },
      }),
      201,
    );
    const task = expectStatus(
      await t.request<{ id: string; version: number }>('POST', `${P}/tasks`, {
        token: boss.token,
        body: { projectId: project.id, title: 'Go live', type: 'milestone' },
      }),
      201,
    );
    const o = await createObjective(t, boss.token, { cycleId, title: 'Launch the shop' });
    const kr = await addKeyResult(t, boss.token, o.id, { kind: 'milestone', milestoneId: task.id });
    expect(kr).toMatchObject({ kind: 'milestone', value: '0', progress: '0.00', completedAt: null });
    const post = (body: Record<string, unknown>) =>
      t.request('POST', `${S}/objectives/${o.id}/key-results`, { token: boss.token, body: { title: 'k', ...body } });
    expect((await post({ kind: 'milestone' })).status).toBe(422);
    expect((await post({ kind: 'milestone', milestoneId: o.id })).status).toBe(422);
    expect((await post({ kind: 'numeric', startValue: '0', targetValue: '1', milestoneId: task.id })).status).toBe(422);
    expect(
      (
        await t.request('POST', `${S}/key-results/${kr.id}/check-ins`, {
          token: boss.token,
          body: { confidence: 'on-track', value: '1' },
        })
      ).status,
    ).toBe(422);

    const statuses = expectStatus(
      await t.request<{ items: { id: string; category: string }[] }>('GET', `${P}/projects/${project.id}/statuses`, {
        token: boss.token,
      }),
      200,
    ).items;
    expectStatus(
      await t.request('PATCH', `${P}/tasks/${task.id}`, {
        token: boss.token,
        body: { version: task.version, statusId: statuses.find((s) => s.category === 'done')!.id },
      }),
      200,
    );
    const live = (await objective(t, employee.token, o.id)).keyResults[0]!;
    expect(live).toMatchObject({ value: '1', progress: '100.00' });
    expect((await objective(t, employee.token, o.id)).progress).toBe('100.00');

    await drainJobs(t.db, workRegistry);
    const done = expectStatus(
      await t.request<KeyResultBody>('GET', `${S}/key-results/${kr.id}`, { token: boss.token }),
      200,
    );
    expect(done.completedAt).not.toBeNull();
    expect((await events('strategy.key-result.completed')).map((e) => e.keyResultId)).toContain(kr.id);
  });
});
