import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../gateway/local/local-stack.js';
import { createTestApp, testConfig, TEST_PASSWORD, type TestApp } from '../../../test/harness/test-app.js';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { createSourcedApp, type SourcedApp } from './auth.test-support.js';
import { createUser } from './users.service.js';

interface Body extends Record<string, unknown> {
  version: number;
  accessToken: string;
  refreshToken: string;
}

let t: TestApp;
let admin: { id: string; token: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithRoles(['admin']);
});
afterAll(() => t.close());

const me = (token: string) => t.request('GET', '/api/v1/auth/me', { token });
const refresh = (refreshToken: string) => t.request<Body>('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
const version = async (id: string) =>
  (await t.request<Body>('GET', `/api/v1/auth/users/${id}`, { token: admin.token })).body.version;

/** A 401 that tells the client to refresh (a revoked token reads like an expired one: ADR 0010). */
const REFUSED = { status: 401, body: expect.objectContaining({ detail: expect.stringContaining('Refresh it') }) };

describe('access tokens end with the session, not 15 minutes later (issue #24, ADR 0010)', () => {
  it('a deactivated user’s access token is refused at once', async () => {
    const user = await t.userWithRoles(['employee']);
    expect((await me(user.token)).status).toBe(200);
    const res = await t.request('POST', `/api/v1/auth/users/${user.id}/deactivate`, {
      token: admin.token,
      body: { version: await version(user.id) },
    });
    expect(res.status).toBe(200);
    expect(await me(user.token)).toMatchObject(REFUSED);
  });

  it('a token issued before a password change is refused; this session refreshes and carries on', async () => {
    const user = await t.userWithRoles(['employee']);
    const session = (await t.login(user.email)).body;
    const change = await t.request('POST', '/api/v1/auth/me/password', {
      token: session.accessToken,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' },
    });
    expect(change.status).toBe(204);
    expect(await me(session.accessToken)).toMatchObject(REFUSED);
    expect(await me(user.token)).toMatchObject(REFUSED);
    const renewed = await refresh(session.refreshToken);
    expect(renewed.status).toBe(200);
    expect((await me(renewed.body.accessToken)).status).toBe(200);
  });

  it('an administrator’s password reset ends the user’s tokens', async () => {
    const user = await t.userWithRoles(['employee']);
    const res = await t.request('POST', `/api/v1/auth/users/${user.id}/reset-password`, {
      token: admin.token,
      body: { version: await version(user.id) },
    });
    expect(res.status).toBe(200);
    expect(await me(user.token)).toMatchObject(REFUSED);
  });

  it('reusing a spent refresh token ends the access tokens of that user too', async () => {
    const user = await t.userWithRoles(['employee']);
    const first = (await t.login(user.email)).body;
    const second = await refresh(first.refreshToken);
    expect((await me(second.body.accessToken)).status).toBe(200);
    expect((await refresh(first.refreshToken)).status).toBe(401); // the replay
    expect(await me(second.body.accessToken)).toMatchObject(REFUSED);
    expect(await me(user.token)).toMatchObject(REFUSED);
  });

  it('new roles end the old tokens; a refresh brings the new permissions', async () => {
    const user = await t.userWithRoles(['manager']);
    const session = (await t.login(user.email)).body;
    expect((await t.request('GET', '/api/v1/auth/users', { token: session.accessToken })).status).toBe(200);
    const res = await t.request('PUT', `/api/v1/auth/users/${user.id}/roles`, {
      token: admin.token,
      body: { version: await version(user.id), roles: ['employee'] },
    });
    expect(res.status).toBe(200);
    expect(await t.request('GET', '/api/v1/auth/users', { token: session.accessToken })).toMatchObject(REFUSED);
    const renewed = await refresh(session.refreshToken);
    expect(renewed.status).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/users', { token: renewed.body.accessToken })).status).toBe(403);
  });

  it('a role losing a permission ends the tokens that carry the role, and only those', async () => {
    const role = `rev-${randomUUID().slice(0, 8)}`;
    const created = await t.request<Body>('POST', '/api/v1/auth/roles', {
      token: admin.token,
      body: { name: role, description: 'temp', permissions: ['auth:read'] },
    });
    expect(created.status).toBe(201);
    const holder = await t.userWithRoles([role]);
    const bystander = await t.userWithRoles(['employee']);
    expect((await t.request('GET', '/api/v1/auth/users', { token: holder.token })).status).toBe(200);
    const edit = await t.request('PATCH', `/api/v1/auth/roles/${role}`, {
      token: admin.token,
      body: { version: created.body.version, permissions: [] },
    });
    expect(edit.status).toBe(200);
    expect(await t.request('GET', '/api/v1/auth/users', { token: holder.token })).toMatchObject(REFUSED);
    expect((await me(bystander.token)).status).toBe(200);
    expect((await me(admin.token)).status).toBe(200);
  });

  it('signing out ends that session’s access token too, and only that session’s', async () => {
    const user = await t.userWithRoles(['employee']);
    const leaving = (await t.login(user.email)).body;
    const staying = (await t.login(user.email)).body;
    expect((await me(leaving.accessToken)).status).toBe(200);
    const out = await t.request('POST', '/api/v1/auth/logout', {
      token: leaving.accessToken,
      body: { refreshToken: leaving.refreshToken },
    });
    expect(out.status).toBe(204);
    expect(await me(leaving.accessToken)).toMatchObject(REFUSED);
    // The user's other session (another device) is untouched.
    expect((await me(staying.accessToken)).status).toBe(200);
    expect((await refresh(staying.refreshToken)).status).toBe(200);
    // (Presenting the signed-out refresh token is then treated as reuse: it ends every session.)
    expect((await refresh(leaving.refreshToken)).status).toBe(401);
  });

  it('using up the password-change attempts ends the token that made them', async () => {
    const user = await t.userWithRoles(['employee']);
    let last = 0;
    for (let i = 0; i < 5; i++) {
      last = (
        await t.request('POST', '/api/v1/auth/me/password', {
          token: user.token,
          body: { currentPassword: `guess ${i}`, newPassword: 'a brand new password' },
        })
      ).status;
    }
    expect(last).toBe(429);
    expect(await me(user.token)).toMatchObject(REFUSED);
  });
});

describe('a revocation made by another process', () => {
  let s: SourcedApp;
  beforeAll(async () => {
    s = await createSourcedApp({ TOKEN_REVOCATION_CACHE_SECONDS: '1' });
  });
  afterAll(() => s.close());

  it('applies within the cache time (TOKEN_REVOCATION_CACHE_SECONDS, 1 s here)', async () => {
    const user = await s.user();
    const { accessToken } = (await s.login(user.email, TEST_PASSWORD)).body as { accessToken: string };
    expect((await s.request('GET', '/api/v1/auth/me', { token: accessToken })).status).toBe(200);
    // What another Lambda container's deactivation writes (this process is not told).
    await sql`update auth.users set tokens_valid_after = now() where id = ${user.id}`.execute(s.db);
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < 5_000) {
      status = (await s.request('GET', '/api/v1/auth/me', { token: accessToken })).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(401);
    expect(Date.now() - started).toBeLessThan(2_500);
  });
});

describe('through the API Gateway emulator (the authorizer passes iat; the function checks it)', () => {
  let database: DatabaseHandle;
  let stack: LocalStack;
  beforeAll(async () => {
    database = await createTestDatabase();
    stack = await startLocalStack(testConfig(), { database });
  });
  afterAll(async () => {
    await stack.close();
    await database.close();
  });

  it('a deactivated user’s token is refused', async () => {
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const res = await fetch(stack.url + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const signIn = async (email: string) => {
      const res = await fetch(`${stack.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: TEST_PASSWORD }),
      });
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    const ctx = { actor: null, requestId: 'test' };
    const boss = await createUser(database.db, ctx, {
      email: 'boss@example.com',
      name: 'Boss',
      password: TEST_PASSWORD,
      roles: ['admin'],
    });
    const user = await createUser(database.db, ctx, {
      email: 'leaver@example.com',
      name: 'Leaver',
      password: TEST_PASSWORD,
      roles: ['employee'],
    });
    const [bossToken, userToken] = [await signIn('boss@example.com'), await signIn('leaver@example.com')];
    expect((await call('GET', '/api/v1/auth/me', userToken)).status).toBe(200);
    const res = await call('POST', `/api/v1/auth/users/${user.id}/deactivate`, bossToken, { version: 1 });
    expect(res.status).toBe(200);
    expect(await call('GET', '/api/v1/auth/me', userToken)).toMatchObject(REFUSED);
    expect((await call('GET', '/api/v1/auth/me', bossToken)).body).toMatchObject({ id: boss.id });
  });
});
