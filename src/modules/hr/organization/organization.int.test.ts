import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { HR, createEmployee } from '../employees/employees.test-support.js';

interface Rec {
  id: string;
  version: number;
  name?: string;
  parentId?: string | null;
  headEmployeeId?: string | null;
  headName?: string | null;
  employeeCount?: number;
  errors?: { path: string }[];
  type?: string;
  usedBy?: Record<string, number>;
}
interface TreeNode {
  id: string;
  name: string;
  children: TreeNode[];
}

let t: TestApp;
let admin: { token: string };
let reader: { token: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithRoles(['hr-admin']);
  reader = await t.userWithRoles(['employee']);
});
afterAll(() => t.close());

const create = (path: string, body: unknown, token = admin.token) =>
  t.request<Rec>('POST', `${HR}${path}`, { token, body });
const change = (path: string, body: unknown) => t.request<Rec>('PATCH', `${HR}${path}`, { token: admin.token, body });
const remove = (path: string, version: number) =>
  t.request<Rec>('DELETE', `${HR}${path}?version=${version}`, { token: admin.token });

describe('locations', () => {
  it('creates, reads, updates with a version, deletes, and audits each change', async () => {
    const made = await create('/locations', {
      name: 'Paris office',
      countryCode: 'fr',
      timezone: 'Europe/Paris',
      address: { city: 'Paris' },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ countryCode: 'FR', timezone: 'Europe/Paris', version: 1 });
    const id = made.body.id;
    expect((await change(`/locations/${id}`, { version: 2, name: 'Stale' })).status).toBe(409);
    const renamed = await change(`/locations/${id}`, { version: 1, name: 'Paris HQ' });
    expect(renamed.body).toMatchObject({ name: 'Paris HQ', version: 2 });
    const read = await t.request<Rec>('GET', `${HR}/locations/${id}`, { token: reader.token });
    expect(read.body.name).toBe('Paris HQ');
    expect((await remove(`/locations/${id}`, 2)).status).toBe(204);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['location.created', 'location.updated', 'location.deleted']);
  });

  it('refuses bad input per field, and duplicates', async () => {
    const bad = await create('/locations', { name: '', countryCode: 'France', timezone: 'Mars/Olympus', extra: true });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(['countryCode', 'extra', 'name', 'timezone']);
    await create('/locations', { name: 'Twin', countryCode: 'DE' });
    expect((await create('/locations', { name: 'Twin', countryCode: 'DE' })).status).toBe(409);
  });

  it('a location in use cannot be deleted: 409 saying what uses it', async () => {
    const loc = await create('/locations', { name: 'Busy', countryCode: 'GB' });
    await createEmployee(t, admin.token, { locationId: loc.body.id });
    const res = await remove(`/locations/${loc.body.id}`, 1);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: 'https://moms.dev/problems/in-use', usedBy: { employees: 1 } });
  });

  it('reads need hr:read, writes need hr:admin', async () => {
    expect((await create('/locations', { name: 'Nope', countryCode: 'FR' }, reader.token)).status).toBe(403);
    const auditor = await t.userWithRoles(['auditor']);
    expect((await t.request('GET', `${HR}/locations`, { token: auditor.token })).status).toBe(403);
    const list = await t.request<{ items: Rec[] }>('GET', `${HR}/locations?countryCode=de`, { token: reader.token });
    expect(list.body.items.map((l) => l.name)).toEqual(['Twin']);
  });
});

describe('positions', () => {
  it('CRUD with a version, department checked, refused delete while in use', async () => {
    const bad = await create('/positions', { title: 'Ghost', departmentId: '00000000-0000-4000-8000-000000000000' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.[0]?.path).toBe('departmentId');
    const pos = await create('/positions', { title: 'Analyst', code: 'AN-1' });
    expect(pos.status).toBe(201);
    const e = await createEmployee(t, admin.token, { positionId: pos.body.id });
    const inUse = await remove(`/positions/${pos.body.id}`, 1);
    expect(inUse.status).toBe(409);
    expect(inUse.body.usedBy).toEqual({ employees: 1, 'job history entries': 1 });
    expect(e.id).toBeTruthy();
    const free = await create('/positions', { title: 'Temp' });
    expect((await remove(`/positions/${free.body.id}`, 1)).status).toBe(204);
    expect((await t.request('GET', `${HR}/positions/${free.body.id}`, { token: reader.token })).status).toBe(404);
  });
});

describe('departments', () => {
  it('builds a tree, lists it flat and nested, and refuses cycles', async () => {
    const top = await create('/departments', { name: 'Company', code: 'CO' });
    const eng = await create('/departments', { name: 'Engineering', parentId: top.body.id });
    const web = await create('/departments', { name: 'Web', parentId: eng.body.id });
    expect(web.body.parentId).toBe(eng.body.id);

    const cycle = await change(`/departments/${top.body.id}`, { version: 1, parentId: web.body.id });
    expect(cycle.status).toBe(422);
    expect(cycle.body).toMatchObject({ type: 'https://moms.dev/problems/department-cycle' });
    expect((await change(`/departments/${top.body.id}`, { version: 1, parentId: top.body.id })).status).toBe(422);
    const ghost = await change(`/departments/${top.body.id}`, {
      version: 1,
      parentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(ghost.body.errors?.[0]?.path).toBe('parentId');

    const tree = await t.request<{ items: TreeNode[] }>('GET', `${HR}/departments/tree`, { token: reader.token });
    expect(tree.status).toBe(200);
    const company = tree.body.items.find((n) => n.id === top.body.id);
    expect(company?.children.map((c) => c.name)).toEqual(['Engineering']);
    expect(company?.children[0]?.children.map((c) => c.name)).toEqual(['Web']);

    const children = await t.request<{ items: Rec[] }>('GET', `${HR}/departments?parentId=${eng.body.id}`, {
      token: reader.token,
    });
    expect(children.body.items.map((d) => d.name)).toEqual(['Web']);
    const roots = await t.request<{ items: Rec[] }>('GET', `${HR}/departments?root=true&limit=200`, {
      token: reader.token,
    });
    expect(roots.body.items.map((d) => d.id)).toContain(top.body.id);
    expect(roots.body.items.map((d) => d.id)).not.toContain(eng.body.id);

    const inUse = await remove(`/departments/${eng.body.id}`, 1);
    expect(inUse.status).toBe(409);
    expect(inUse.body.usedBy).toEqual({ 'sub-departments': 1 });
    expect((await remove(`/departments/${web.body.id}`, 1)).status).toBe(204);
    expect((await remove(`/departments/${eng.body.id}`, 1)).status).toBe(204);
  });

  it('has a head who must be an active employee, and counts its active employees', async () => {
    const dept = await create('/departments', { name: 'Sales' });
    const head = await createEmployee(t, admin.token, {
      firstName: 'Hanna',
      lastName: 'Head',
      departmentId: dept.body.id,
    });
    const set = await change(`/departments/${dept.body.id}`, { version: 1, headEmployeeId: head.id });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ headEmployeeId: head.id, headName: 'Hanna Head', employeeCount: 1, version: 2 });
    const ghost = await change(`/departments/${dept.body.id}`, {
      version: 2,
      headEmployeeId: '00000000-0000-4000-8000-000000000000',
    });
    expect(ghost.status).toBe(422);
    expect(ghost.body.errors?.[0]?.path).toBe('headEmployeeId');
    const inUse = await remove(`/departments/${dept.body.id}`, 2);
    expect(inUse.body.usedBy).toEqual({ employees: 1, 'job history entries': 1 });
  });

  it('concurrent moves cannot make a cycle together (checked under one department-tree lock)', async () => {
    for (let round = 0; round < 4; round++) {
      // c is inside b. Concurrently: a goes inside c, and b goes inside a: together a → c → b → a.
      const a = await create('/departments', { name: `Race A${round}` });
      const b = await create('/departments', { name: `Race B${round}` });
      const c = await create('/departments', { name: `Race C${round}`, parentId: b.body.id });
      const results = await Promise.all([
        change(`/departments/${a.body.id}`, { version: 1, parentId: c.body.id }),
        change(`/departments/${b.body.id}`, { version: 1, parentId: a.body.id }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    }
  });
});
