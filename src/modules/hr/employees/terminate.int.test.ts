import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { HR, createEmployee, hrWorld, type HrWorld } from './employees.test-support.js';

let t: TestApp;
let w: HrWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await hrWorld(t);
});
afterAll(() => t.close());

interface Emp {
  id: string;
  version: number;
  managerId: string | null;
  errors?: { path: string }[];
  reports?: { id: string }[];
}
interface Page<T> {
  items: T[];
}

const post = (body: Record<string, unknown>) =>
  t.request<Emp>('POST', `${HR}/employees`, {
    token: w.admin.token,
    body: {
      firstName: 'New',
      lastName: 'Hire',
      workEmail: `hire-${Math.random()}@work.example`,
      startDate: '2025-03-01',
      ...body,
    },
  });
const patch = (id: string, body: Record<string, unknown>) =>
  t.request<Emp>('PATCH', `${HR}/employees/${id}`, { token: w.admin.token, body });
const version = async (id: string) =>
  (await t.request<Emp>('GET', `${HR}/employees/${id}`, { token: w.admin.token })).body.version;

describe('termination', () => {
  it('needs the reports reassigned (409 listing them), or reassigns them to reassignTo in one transaction', async () => {
    const boss = await createEmployee(t, w.admin.token, { managerId: w.ceo.id });
    const r1 = await createEmployee(t, w.admin.token, { managerId: boss.id, lastName: 'Aaron' });
    const r2 = await createEmployee(t, w.admin.token, { managerId: boss.id, lastName: 'Berta' });
    const dept = await t.request<{ id: string }>('POST', `${HR}/departments`, {
      token: w.admin.token,
      body: { name: 'Led by boss', headEmployeeId: boss.id },
    });
    const end = (body: Record<string, unknown>) =>
      t.request<Emp & { reports?: { id: string }[] }>('POST', `${HR}/employees/${boss.id}/terminate`, {
        token: w.admin.token,
        body: { version: 1, endDate: '2025-12-31', reason: 'Resigned', ...body },
      });
    const blocked = await end({});
    expect(blocked.status).toBe(409);
    expect(blocked.body.reports?.map((r) => r.id).sort()).toEqual([r1.id, r2.id].sort());
    const loop = await end({ reassignTo: r1.id });
    expect(loop.status).toBe(422);
    expect(loop.body.errors?.[0]?.path).toBe('reassignTo');
    expect(await version(r1.id)).toBe(1);

    const done = await end({ reassignTo: w.mgr.id });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'terminated', endDate: '2025-12-31', terminationReason: 'Resigned' });
    for (const r of [r1, r2]) {
      const after = await t.request<Emp>('GET', `${HR}/employees/${r.id}`, { token: w.admin.token });
      expect(after.body.managerId).toBe(w.mgr.id);
    }
    const head = await t.request<{ headEmployeeId: string | null }>('GET', `${HR}/departments/${dept.body.id}`, {
      token: w.admin.token,
    });
    expect(head.body.headEmployeeId).toBeNull();
    expect((await end({ version: 2 })).status).toBe(409);
    // A terminated employee is no manager, head, or job-change target.
    expect((await post({ managerId: boss.id })).body.errors?.[0]?.path).toBe('managerId');
    const asHead = await t.request('PATCH', `${HR}/departments/${dept.body.id}`, {
      token: w.admin.token,
      body: { version: 2, headEmployeeId: boss.id },
    });
    expect(asHead.status).toBe(422);
    expect((await patch(boss.id, { version: 2, departmentId: w.departmentId })).status).toBe(409);
    // Still in the directory, with status terminated.
    const list = await t.request<Page<{ id: string }>>('GET', `${HR}/employees?status=terminated&limit=200`, {
      token: w.emp.token,
    });
    expect(list.body.items.map((e) => e.id)).toContain(boss.id);
  });

  it('refuses an end date before the start date', async () => {
    const e = await createEmployee(t, w.admin.token, { startDate: '2024-05-01' });
    const res = await t.request<Emp>('POST', `${HR}/employees/${e.id}/terminate`, {
      token: w.admin.token,
      body: { version: 1, endDate: '2024-04-30', reason: 'x' },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]?.path).toBe('endDate');
  });
});
