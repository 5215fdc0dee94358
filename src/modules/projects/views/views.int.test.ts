import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/harness/fresh-db.js';
import { allMigrations } from '../../../app/migrations.js';
import { migrateToLatest } from '../../../platform/db/migrator.js';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { budgetBurn, hoursLogged, onTimeMilestoneRate } from '../index.js';
import {
  P,
  createProject,
  createTask,
  expectStatus,
  projectPeople,
  setStatus,
  workflow,
  type ProjectPeople,
} from '../projects.test-support.js';

/** The migration that moves the task list's saved views to the platform's. */
const MOVE = '2026-12-06T0100_projects_views_to_platform';

let t: TestApp;
let u: ProjectPeople;
beforeAll(async () => {
  t = await createTestApp();
  u = await projectPeople(t);
});
afterAll(() => t.close());

describe('views', () => {
  it('Gantt data, portfolio, workload, task filters and saved views', async () => {
    const p = await createProject(t, u.pm.token, {
      status: 'active',
      budgetHours: '40',
      members: [{ userId: u.member.id, costRate: '50' }],
    });
    const wf = await workflow(t, u.pm.token, p.id);
    const phase = await createTask(t, u.pm.token, p.id, {
      type: 'phase',
      title: 'Phase',
      startDate: '2027-06-07',
      dueDate: '2027-06-18',
    });
    // 20 h over Mon 7 – Fri 11 June, shared by two: 10 h each in the week of 7 June.
    const a = await createTask(t, u.pm.token, p.id, {
      parentId: phase.id,
      title: 'Shared',
      startDate: '2027-06-07',
      dueDate: '2027-06-11',
      estimateHours: '20',
      assigneeIds: [u.pm.id, u.member.id],
      labels: ['backend'],
    });
    // 10 h over Thu 10 – Wed 16 June (5 working days): 4 h in the first week, 6 h in the second.
    const b = await createTask(t, u.pm.token, p.id, {
      parentId: phase.id,
      title: 'Straddles',
      startDate: '2027-06-10',
      dueDate: '2027-06-16',
      estimateHours: '10',
      assigneeIds: [u.member.id],
    });
    await createTask(t, u.pm.token, p.id, { title: 'Undated' });
    const overdue = await createTask(t, u.pm.token, p.id, { type: 'milestone', title: 'Late', dueDate: '2020-01-01' });
    expectStatus(
      await t.request('POST', `${P}/dependencies`, {
        token: u.pm.token,
        body: { predecessorId: a.id, successorId: b.id },
      }),
      201,
    );
    expectStatus(await setStatus(t, u.pm.token, a, wf.done), 200);

    const gantt = expectStatus(
      await t.request<{ tasks: { id: string; percent: number | null }[]; dependencies: { predecessorId: string }[] }>(
        'GET',
        `${P}/projects/${p.id}/gantt`,
        { token: u.member.token },
      ),
      200,
    );
    expect(gantt.tasks.map((x) => x.id)).toEqual([overdue.id, phase.id, a.id, b.id]);
    // The phase: 20 of 30 estimated hours done.
    expect(gantt.tasks.find((x) => x.id === phase.id)!.percent).toBe(66.7);
    expect(gantt.dependencies).toEqual([expect.objectContaining({ predecessorId: a.id, crossProject: false })]);
    const windowed = expectStatus(
      await t.request<{ tasks: { id: string }[] }>('GET', `${P}/projects/${p.id}/gantt?from=2027-06-12&to=2027-06-30`, {
        token: u.member.token,
      }),
      200,
    );
    expect(windowed.tasks.map((x) => x.id)).toEqual([phase.id, b.id]);

    // The portfolio reads running totals: a created, changed and deleted entry each keep them right.
    const logged = expectStatus(
      await t.request<{ id: string; version: number }>('POST', `${P}/time-entries`, {
        token: u.member.token,
        body: { projectId: p.id, date: '2027-06-08', hours: '3' },
      }),
      201,
    );
    const changed = expectStatus(
      await t.request<{ version: number }>('PATCH', `${P}/time-entries/${logged.id}`, {
        token: u.member.token,
        body: { version: logged.version, hours: '10' },
      }),
      200,
    );
    const extra = expectStatus(
      await t.request<{ id: string; version: number }>('POST', `${P}/time-entries`, {
        token: u.member.token,
        body: { projectId: p.id, date: '2027-06-09', hours: '4' },
      }),
      201,
    );
    expectStatus(
      await t.request('DELETE', `${P}/time-entries/${extra.id}?version=${extra.version}`, { token: u.member.token }),
      204,
    );
    void changed;
    const portfolio = expectStatus(
      await t.request<{ items: Record<string, unknown>[] }>('GET', `${P}/portfolio`, { token: u.pm.token }),
      200,
    );
    expect(portfolio.items.find((x) => x.id === p.id)).toMatchObject({
      overdueMilestones: 1,
      actualHours: '10.00',
      hoursBurnPercent: 25,
      actualCost: '500.00',
      progress: { done: 1, total: 4 },
    });
    const asMember = expectStatus(
      await t.request<{ items: Record<string, unknown>[] }>('GET', `${P}/portfolio`, { token: u.member.token }),
      200,
    );
    expect(asMember.items.find((x) => x.id === p.id)).toMatchObject({ actualCost: null });
    expect(
      expectStatus(await t.request<{ items: unknown[] }>('GET', `${P}/portfolio`, { token: u.other.token }), 200).items,
    ).toEqual([]);

    // Done work is not planned any more: reopen the shared task for the workload.
    expectStatus(await setStatus(t, u.pm.token, a, wf.todo), 200);
    const load = expectStatus(
      await t.request<{ weeks: string[]; people: { userId: string; hours: string[]; total: string }[] }>(
        'GET',
        `${P}/workload?from=2027-06-07&weeks=2&projectId=${p.id}`,
        { token: u.pm.token },
      ),
      200,
    );
    expect(load.weeks).toEqual(['2027-06-07', '2027-06-14']);
    const person = (id: string) => load.people.find((x) => x.userId === id);
    expect(person(u.pm.id)).toMatchObject({ hours: ['10.00', '0.00'], total: '10.00' });
    expect(person(u.member.id)).toMatchObject({ hours: ['14.00', '6.00'], total: '20.00' });

    const filtered = expectStatus(
      await t.request<{ items: { id: string }[] }>('GET', `${P}/tasks?projectId=${p.id}&label=backend`, {
        token: u.member.token,
      }),
      200,
    );
    expect(filtered.items.map((x) => x.id)).toEqual([a.id]);
    const late = expectStatus(
      await t.request<{ items: { id: string }[] }>('GET', `${P}/tasks?projectId=${p.id}&overdue=true`, {
        token: u.member.token,
      }),
      200,
    );
    expect(late.items.map((x) => x.id)).toEqual([overdue.id]);

    // Saved views of the task list are the platform's (list `projects.tasks`); the old routes are gone.
    const view = await t.request<{ id: string }>('POST', '/api/v1/views', {
      token: u.member.token,
      body: { list: 'projects.tasks', name: 'Backend', query: { projectId: p.id, label: 'backend' } },
    });
    expectStatus(view, 201);
    expect((await t.request('GET', `${P}/views`, { token: u.member.token })).status).toBe(404);
    expect(
      (await t.request('POST', `${P}/views`, { token: u.member.token, body: { name: 'Old', filters: {} } })).status,
    ).toBe(404);
  });

  it('the migration moves existing task-list views into the platform views and drops the old table', async () => {
    const { db } = await freshDatabase();
    const all = await allMigrations();
    await migrateToLatest(db, Object.fromEntries(Object.entries(all).filter(([name]) => name < MOVE)));
    const [ann, bob] = [randomUUID(), randomUUID()];
    // The older of two names equal but for case keeps it (one statement would give them one created_at).
    await sql`insert into projects.saved_views (user_id, name, filters, created_at) values
      (${ann}, 'Backend', '{"projectId":"p1","label":"backend"}', '2026-11-01T10:00:00Z'),
      (${ann}, 'backend', '{"overdue":"true"}', '2026-11-02T10:00:00Z'),
      (${bob}, 'Backend', '{"statusId":"s1"}', '2026-11-01T10:00:00Z')`.execute(db);
    await migrateToLatest(db, all);
    const { rows } = await sql<{ user_id: string; list: string; name: string; query: Record<string, string> }>`
      select user_id, list, name, query from platform.saved_views order by user_id = ${ann} desc, name`.execute(db);
    expect(rows).toEqual([
      { user_id: ann, list: 'projects.tasks', name: 'Backend', query: { projectId: 'p1', label: 'backend' } },
      { user_id: ann, list: 'projects.tasks', name: 'backend (2)', query: { overdue: 'true' } },
      { user_id: bob, list: 'projects.tasks', name: 'Backend', query: { statusId: 's1' } },
    ]);
    const { rows: left } = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.tables
      where table_schema = 'projects' and table_name = 'saved_views'`.execute(db);
    expect(left).toEqual([{ n: 0 }]);
  });

  it('metrics for Strategy: on-time milestone rate, budget burn, hours logged', async () => {
    const p = await createProject(t, u.pm.token, { budgetHours: '8' });
    const wf = await workflow(t, u.pm.token, p.id);
    const onTime = await createTask(t, u.pm.token, p.id, { type: 'milestone', dueDate: '2999-12-31' });
    const late = await createTask(t, u.pm.token, p.id, { type: 'milestone', dueDate: '2001-01-01' });
    await createTask(t, u.pm.token, p.id, { type: 'milestone', dueDate: '2999-12-31' });
    expectStatus(await setStatus(t, u.pm.token, onTime, wf.done), 200);
    expectStatus(await setStatus(t, u.pm.token, late, wf.done), 200);
    await t.request('POST', `${P}/time-entries`, {
      token: u.pm.token,
      body: { projectId: p.id, date: '2027-01-04', hours: '2', billable: false },
    });
    const today = new Date().toISOString().slice(0, 10);
    expect(await onTimeMilestoneRate(t.db, { from: today, to: today, projectId: p.id })).toEqual({
      reached: 2,
      onTime: 1,
      rate: 0.5,
    });
    expect(await budgetBurn(t.db, { projectId: p.id })).toEqual([
      expect.objectContaining({ hoursLogged: '2.00', hoursBurn: 0.25 }),
    ]);
    expect(await hoursLogged(t.db, { from: '2027-01-01', to: '2027-01-31', projectId: p.id })).toEqual({
      hours: '2.00',
      billableHours: '0.00',
    });
  });
});
