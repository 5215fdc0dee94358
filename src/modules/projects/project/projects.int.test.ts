import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import {
  P,
  createProject,
  createTask,
  expectStatus,
  projectPeople,
  workflow,
  type ProjectBody,
  type ProjectPeople,
} from '../projects.test-support.js';

let t: TestApp;
let u: ProjectPeople;
beforeAll(async () => {
  t = await createTestApp();
  u = await projectPeople(t);
});
afterAll(() => t.close());

describe('projects', () => {
  it('a project manager creates a project, manages it, and its members see it; others get 404', async () => {
    const created = await createProject(t, u.pm.token, {
      budgetHours: '100',
      budgetAmount: '12000.00',
      currency: 'EUR',
      billingMethod: 'time_and_materials',
      defaultBillingRate: '120',
      tags: ['web', 'web'],
      members: [{ userId: u.member.id, role: 'member' }],
    });
    expect(created).toMatchObject({ status: 'proposed', version: 1 });
    const asPm = expectStatus(
      await t.request<Record<string, unknown>>('GET', `${P}/projects/${created.id}`, { token: u.pm.token }),
      200,
    );
    expect(asPm).toMatchObject({ managerId: u.pm.id, myRole: 'manager', canManage: true, tags: ['web'] });
    const asMember = expectStatus(
      await t.request<Record<string, unknown>>('GET', `${P}/projects/${created.id}`, { token: u.member.token }),
      200,
    );
    expect(asMember).toMatchObject({ myRole: 'member', canManage: false });
    expect((await t.request('GET', `${P}/projects/${created.id}`, { token: u.other.token })).status).toBe(404);
    const list = expectStatus(
      await t.request<{ items: { id: string }[] }>('GET', `${P}/projects?limit=200`, { token: u.other.token }),
      200,
    );
    expect(list.items.map((p) => p.id)).not.toContain(created.id);
    // A member cannot change the project; the manager can, through the status workflow.
    const denied = await t.request('PATCH', `${P}/projects/${created.id}`, {
      token: u.member.token,
      body: { version: 1, name: 'Mine now' },
    });
    expect(denied.status).toBe(403);
    const skip = await t.request<{ type: string }>('PATCH', `${P}/projects/${created.id}`, {
      token: u.pm.token,
      body: { version: 1, status: 'completed' },
    });
    expect(skip.status).toBe(409);
    const active = expectStatus(
      await t.request<ProjectBody>('PATCH', `${P}/projects/${created.id}`, {
        token: u.pm.token,
        body: { version: 1, status: 'active' },
      }),
      200,
    );
    expect(active.status).toBe('active');
    const stale = await t.request('PATCH', `${P}/projects/${created.id}`, {
      token: u.pm.token,
      body: { version: 1, name: 'Stale' },
    });
    expect(stale.status).toBe(409);
    const events = await t.db
      .selectFrom('platform.outbox')
      .select(['event_type', 'payload'])
      .where('event_type', '=', 'projects.project.status-changed')
      .execute();
    expect(events.map((e) => e.payload)).toContainEqual({ projectId: created.id, from: 'proposed', to: 'active' });
  });

  it('refuses a taken code, a fixed price project without its price, and a bad date range with 4xx', async () => {
    const p = await createProject(t, u.pm.token);
    expect(
      (await t.request('POST', `${P}/projects`, { token: u.pm.token, body: { code: p.code, name: 'Again' } })).status,
    ).toBe(409);
    const fixed = await t.request<{ errors: { path: string }[] }>('POST', `${P}/projects`, {
      token: u.pm.token,
      body: { code: 'FIXED1', name: 'Fixed', billingMethod: 'fixed_price' },
    });
    expect(fixed.status).toBe(422);
    expect(fixed.body.errors[0]!.path).toBe('fixedPrice');
    const dates = await t.request('POST', `${P}/projects`, {
      token: u.pm.token,
      body: { code: 'DATES1', name: 'Dates', startDate: '2027-02-01', endDate: '2027-01-01' },
    });
    expect(dates.status).toBe(422);
  });

  it('archiving makes a project read-only and hides it from the default list', async () => {
    const p = await createProject(t, u.pm.token);
    const archived = expectStatus(
      await t.request<ProjectBody & { archived: boolean }>('POST', `${P}/projects/${p.id}/archive`, {
        token: u.pm.token,
        body: { version: p.version },
      }),
      200,
    );
    expect(archived.archived).toBe(true);
    const blocked = await t.request<{ type: string }>('POST', `${P}/tasks`, {
      token: u.pm.token,
      body: { projectId: p.id, title: 'Too late' },
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.type).toMatch(/project-archived$/);
    const active = expectStatus(
      await t.request<{ items: { id: string }[] }>('GET', `${P}/projects?limit=200`, { token: u.pm.token }),
      200,
    );
    expect(active.items.map((x) => x.id)).not.toContain(p.id);
    const old = expectStatus(
      await t.request<{ items: { id: string }[] }>('GET', `${P}/projects?archived=true&limit=200`, {
        token: u.pm.token,
      }),
      200,
    );
    expect(old.items.map((x) => x.id)).toContain(p.id);
  });

  it('the workflow is configurable: rename, add, reorder; a status with tasks cannot be removed', async () => {
    const p = await createProject(t, u.pm.token);
    const wf = await workflow(t, u.pm.token, p.id);
    await createTask(t, u.pm.token, p.id, { statusId: wf.doing });
    const put = (statuses: unknown[]) =>
      t.request<{ items: { id: string; name: string; category: string }[] }>('PUT', `${P}/projects/${p.id}/statuses`, {
        token: u.pm.token,
        body: { statuses },
      });
    const changed = expectStatus(
      await put([
        { name: 'Backlog', category: 'todo' },
        { id: wf.todo, name: 'Ready', category: 'todo' },
        { id: wf.doing, name: 'Doing, with a name long enough to need room', category: 'in_progress' },
        { name: 'Review', category: 'in_progress' },
        { id: wf.done, name: 'Done', category: 'done' },
      ]),
      200,
    );
    expect(changed.items.map((s) => s.name)).toEqual([
      'Backlog',
      'Ready',
      'Doing, with a name long enough to need room',
      'Review',
      'Done',
    ]);
    const refused = await put([
      { id: wf.todo, name: 'Ready', category: 'todo' },
      { id: wf.done, name: 'Done', category: 'done' },
    ]);
    expect(refused.status).toBe(409);
    expect((await put([{ name: 'Only', category: 'todo' }])).status).toBe(422);
  });
});
