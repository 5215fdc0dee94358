import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/harness/test-app.js';

interface UserBody {
  id: string;
  email: string;
  version: number;
  status: string;
  roles: string[];
  temporaryPassword?: string;
}

let t: TestApp;
let admin: { id: string; token: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithRoles(['admin']);
});
afterAll(() => t.close());

const create = (body: Record<string, unknown>, token = admin.token) =>
  t.request<UserBody>('POST', '/api/v1/auth/users', { token, body });

describe('user administration', () => {
  it('creates a user with a generated temporary password they must change', async () => {
    const res = await create({ email: ' New.Person@Example.com ', name: 'New Person', roles: ['manager'] });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/auth/users/${res.body.id}`);
    expect(res.body).toMatchObject({
      email: 'new.person@example.com',
      roles: ['manager'],
      mustChangePassword: true,
      version: 1,
    });
    expect(res.body.temporaryPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(JSON.stringify(res.body)).not.toContain('scrypt');
    const login = await t.login('new.person@example.com', res.body.temporaryPassword);
    expect(login.status).toBe(200);
  });

  it('refuses unknown roles without creating anything', async () => {
    const res = await create({ email: 'ghost@example.com', name: 'Ghost', password: TEST_PASSWORD, roles: ['wizard'] });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: 'https://moms.dev/problems/unknown-role' });
    expect((await t.login('ghost@example.com')).status).toBe(401);
  });

  it('refuses a malformed user id with a field error', async () => {
    const res = await t.request<{ errors: { path: string; message: string }[] }>('GET', '/api/v1/auth/users/nope', {
      token: admin.token,
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'param.id', message: 'Not a valid id.' })]);
  });

  it('lists users with cursor pagination, sorting, search and filters', async () => {
    for (let i = 0; i < 7; i++) {
      expect(
        (
          await create({
            email: `page${i}@list.example`,
            name: `Pager ${String.fromCharCode(71 - i)}`,
            password: TEST_PASSWORD,
          })
        ).status,
      ).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/auth/users?q=list.example&limit=3&sort=-name${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.request<{ items: { name: string }[]; nextCursor: string | null }>('GET', url, {
        token: admin.token,
      });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((u) => u.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Pager G', 'Pager F', 'Pager E', 'Pager D', 'Pager C', 'Pager B', 'Pager A']);

    const managers = await t.request<{ items: { roles: string[] }[] }>('GET', '/api/v1/auth/users?role=manager', {
      token: admin.token,
    });
    expect(managers.body.items.length).toBeGreaterThan(0);
    expect(managers.body.items.every((u) => u.roles.includes('manager'))).toBe(true);

    const badCursor = await t.request('GET', '/api/v1/auth/users?cursor=nonsense', { token: admin.token });
    expect(badCursor.status).toBe(400);
  });

  it('lists each user with all of their roles, sorted, and none for a user without roles', async () => {
    const many = await create({ email: 'roles.many@example.com', name: 'Roles Many', roles: ['manager', 'employee'] });
    const none = await create({ email: 'roles.none@example.com', name: 'Roles None', roles: [] });
    expect([many.status, none.status]).toEqual([201, 201]);
    const page = await t.request<{ items: { email: string; roles: string[] }[] }>(
      'GET',
      '/api/v1/auth/users?q=roles.&sort=email',
      { token: admin.token },
    );
    expect(page.body.items.map((u) => [u.email, u.roles])).toEqual([
      ['roles.many@example.com', ['employee', 'manager']],
      ['roles.none@example.com', []],
    ]);
  });

  it('deactivation signs the user out and blocks sign-in; reactivation restores it', async () => {
    const user = await t.userWithRoles(['employee']);
    const session = (await t.login(user.email)).body;
    const current = await t.request<UserBody>('GET', `/api/v1/auth/users/${user.id}`, { token: admin.token });
    const off = await t.request<UserBody>('POST', `/api/v1/auth/users/${user.id}/deactivate`, {
      token: admin.token,
      body: { version: current.body.version },
    });
    expect(off.status).toBe(200);
    expect(off.body.status).toBe('inactive');
    expect((await t.login(user.email)).status).toBe(401);
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: session.refreshToken } })).status,
    ).toBe(401);
    const on = await t.request<UserBody>('POST', `/api/v1/auth/users/${user.id}/activate`, {
      token: admin.token,
      body: { version: off.body.version },
    });
    expect(on.body.status).toBe('active');
    expect((await t.login(user.email)).status).toBe(200);
  });

  it('never leaves MOMS without an active administrator', async () => {
    const self = await t.request<UserBody>('POST', `/api/v1/auth/users/${admin.id}/deactivate`, {
      token: admin.token,
      body: { version: 1 },
    });
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({ type: 'https://moms.dev/problems/cannot-deactivate-self' });

    // Remove every other administrator first, then try to demote the last one.
    const others = await t.request<{ items: UserBody[] }>('GET', '/api/v1/auth/users?role=admin&limit=200', {
      token: admin.token,
    });
    for (const other of others.body.items.filter((u) => u.id !== admin.id)) {
      const res = await t.request('PUT', `/api/v1/auth/users/${other.id}/roles`, {
        token: admin.token,
        body: { version: other.version, roles: ['employee'] },
      });
      expect(res.status).toBe(200);
    }
    const me = await t.request<UserBody>('GET', `/api/v1/auth/users/${admin.id}`, { token: admin.token });
    const demote = await t.request('PUT', `/api/v1/auth/users/${admin.id}/roles`, {
      token: admin.token,
      body: { version: me.body.version, roles: ['employee'] },
    });
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({ type: 'https://moms.dev/problems/last-administrator' });
  });

  it('reset-password gives a new temporary password and lifts a lockout', async () => {
    const user = await t.userWithRoles(['employee']);
    for (let i = 0; i < 5; i++) await t.login(user.email, 'wrong wrong wrong');
    expect((await t.login(user.email)).status).toBe(429);
    const current = await t.request<UserBody>('GET', `/api/v1/auth/users/${user.id}`, { token: admin.token });
    const reset = await t.request<{ temporaryPassword: string; user: UserBody }>(
      'POST',
      `/api/v1/auth/users/${user.id}/reset-password`,
      { token: admin.token, body: { version: current.body.version } },
    );
    expect(reset.status).toBe(200);
    expect((await t.login(user.email, TEST_PASSWORD)).status).toBe(401);
    const login = await t.login(user.email, reset.body.temporaryPassword);
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ user: { mustChangePassword: true } });
  });

  it('a manager can read users but not change them', async () => {
    const manager = await t.userWithRoles(['manager']);
    expect((await t.request('GET', '/api/v1/auth/users', { token: manager.token })).status).toBe(200);
    const res = await create({ email: 'sneaky@example.com', name: 'S', password: TEST_PASSWORD }, manager.token);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ requiredPermission: 'auth:admin' });
  });
});

describe('roles', () => {
  it('creates a custom role, grants it, and its permissions reach the token', async () => {
    const role = await t.request<{ name: string; version: number }>('POST', '/api/v1/auth/roles', {
      token: admin.token,
      body: { name: 'payroll-clerk', description: 'Runs payroll', permissions: ['hr:read', 'finance:write'] },
    });
    expect(role.status).toBe(201);
    const user = await t.userWithRoles(['payroll-clerk']);
    const me = await t.request<{ permissions: string[] }>('GET', '/api/v1/auth/me', { token: user.token });
    expect(me.body.permissions).toEqual(['finance:write', 'hr:read']);

    const inUse = await t.request('DELETE', '/api/v1/auth/roles/payroll-clerk', { token: admin.token });
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({ type: 'https://moms.dev/problems/role-in-use' });
  });

  it('refuses malformed permissions, duplicate roles and deleting built-in roles', async () => {
    const bad = await t.request('POST', '/api/v1/auth/roles', {
      token: admin.token,
      body: { name: 'x-role', permissions: ['not a permission'] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'permissions.0' })]);
    const dup = await t.request('POST', '/api/v1/auth/roles', {
      token: admin.token,
      body: { name: 'manager', permissions: [] },
    });
    expect(dup.status).toBe(409);
    const builtin = await t.request('DELETE', '/api/v1/auth/roles/employee', { token: admin.token });
    expect(builtin.status).toBe(409);
    expect(builtin.body).toMatchObject({ type: 'https://moms.dev/problems/builtin-role' });
  });

  it('lists roles and the permission catalog', async () => {
    const roles = await t.request<{ items: { name: string }[] }>('GET', '/api/v1/auth/roles', { token: admin.token });
    expect(roles.body.items.map((r) => r.name)).toEqual(
      expect.arrayContaining(['admin', 'manager', 'employee', 'auditor']),
    );
    const catalog = await t.request<{ items: { permission: string }[] }>('GET', '/api/v1/auth/permissions', {
      token: admin.token,
    });
    expect(catalog.body.items.map((p) => p.permission)).toContain('auth:admin');
  });
});
