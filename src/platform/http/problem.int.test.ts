import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import { createRouter, defineRoute } from './router.js';
import { createApp } from './create-app.js';

let t: TestApp;
let admin: { token: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithRoles(['admin']);
});
afterAll(() => t.close());

const PROBLEM = 'application/problem+json';

async function countUsers() {
  const row = await t.db
    .selectFrom('auth.users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('every failure is RFC 9457 problem+json, and bad input writes nothing', () => {
  it('malformed JSON → 400', async () => {
    const before = await countUsers();
    const res = await t.request('POST', '/api/v1/auth/users', {
      token: admin.token,
      rawBody: '{"email": "a@b.c", ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe(PROBLEM);
    expect(res.body).toMatchObject({
      type: 'https://moms.dev/problems/malformed-json',
      title: 'Malformed JSON',
      status: 400,
      instance: '/api/v1/auth/users',
    });
    expect(res.body.requestId).toEqual(expect.any(String));
    expect(await countUsers()).toBe(before);
  });

  it('unknown fields → 422 naming each field', async () => {
    const res = await t.request('POST', '/api/v1/auth/users', {
      token: admin.token,
      body: { email: 'x@example.com', name: 'X', isAdmin: true, salary: 1 },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'isAdmin', message: 'Unknown field "isAdmin".', code: 'unknown_field' },
        { path: 'salary', message: 'Unknown field "salary".', code: 'unknown_field' },
      ]),
    );
  });

  it('wrong types and missing fields → 422 with a message per field', async () => {
    const before = await countUsers();
    const res = await t.request('POST', '/api/v1/auth/users', {
      token: admin.token,
      body: { email: 42, roles: 'admin' },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe(PROBLEM);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['email', 'name', 'roles']);
    expect(await countUsers()).toBe(before);
  });

  it('bad query parameters → 422 with the parameter named', async () => {
    const res = await t.request('GET', '/api/v1/auth/users?limit=100000&sort=password_hash', { token: admin.token });
    expect(res.status).toBe(422);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['query.limit', 'query.sort']);
  });

  it('a bad path parameter → 422, a missing resource → 404', async () => {
    const bad = await t.request('GET', '/api/v1/auth/users/not-a-uuid', { token: admin.token });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'param.id' })]);
    const missing = await t.request('GET', '/api/v1/auth/users/00000000-0000-4000-8000-000000000000', {
      token: admin.token,
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: 'https://moms.dev/problems/not-found', status: 404 });
    expect(missing.body.detail).toContain('00000000-0000-4000-8000-000000000000');
  });

  it('an unknown route → 404 problem', async () => {
    const res = await t.request('GET', '/api/v1/auth/nothing-here', { token: admin.token });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe(PROBLEM);
    expect(res.body).toMatchObject({ type: 'https://moms.dev/problems/route-not-found' });
  });

  it('a conflict → 409 (email taken), a stale version → 409 with the current version', async () => {
    const created = await t.request<{ id: string; version: number; email: string }>('POST', '/api/v1/auth/users', {
      token: admin.token,
      body: { email: 'conflict@example.com', name: 'C', password: 'a long enough password' },
    });
    expect(created.status).toBe(201);
    const dup = await t.request('POST', '/api/v1/auth/users', {
      token: admin.token,
      body: { email: 'CONFLICT@example.com', name: 'C2', password: 'a long enough password' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ type: 'https://moms.dev/problems/email-taken' });

    const url = `/api/v1/auth/users/${created.body.id}`;
    const first = await t.request('PATCH', url, { token: admin.token, body: { version: 1, name: 'First' } });
    expect(first.status).toBe(200);
    const stale = await t.request('PATCH', url, { token: admin.token, body: { version: 1, name: 'Second' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ type: 'https://moms.dev/problems/version-conflict', currentVersion: 2 });
    const now = await t.request('GET', url, { token: admin.token });
    expect(now.body).toMatchObject({ name: 'First', version: 2 });
  });

  it('a body that is not JSON → 415', async () => {
    const res = await t.request('POST', '/api/v1/auth/users', {
      token: admin.token,
      rawBody: 'email=a@b.c',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ type: 'https://moms.dev/problems/unsupported-media-type' });
  });

  it('a payload over the limit → 413', async () => {
    const res = await t.request('POST', '/api/v1/auth/users', {
      token: admin.token,
      body: { email: 'big@example.com', name: 'x'.repeat(1024 * 1024 + 10) },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe(PROBLEM);
    expect(res.body).toMatchObject({ type: 'https://moms.dev/problems/payload-too-large' });
  });

  it('an unexpected error → plain 500 without a stack trace or the message', async () => {
    const router = createRouter();
    router.openapi(
      defineRoute('public', { method: 'get', path: '/boom', responses: { 200: { description: 'never' } } }),
      () => {
        throw new Error('secret internal detail at /srv/app.js:12');
      },
    );
    const app = createApp({
      name: 'test',
      version: 'test',
      getDb: () => Promise.resolve(t.db),
      getAccessTokens: t.runtime.getAccessTokens,
      modules: [{ basePath: '/api/v1/test', load: async () => router }],
    });
    const res = await app.request('/api/v1/test/boom');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe(PROBLEM);
    const text = await res.text();
    expect(text).not.toContain('secret internal detail');
    expect(text).not.toContain('app.js');
    expect(JSON.parse(text)).toMatchObject({ type: 'https://moms.dev/problems/internal', status: 500 });
  });
});

describe('every route declares its access rule', () => {
  it('in the OpenAPI document, each operation has x-moms-access', async () => {
    const res = await t.request<{ paths: Record<string, Record<string, { 'x-moms-access'?: string }>> }>(
      'GET',
      '/api/openapi.json',
    );
    expect(res.status).toBe(200);
    const operations = Object.entries(res.body.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        route: `${method.toUpperCase()} ${path}`,
        access: op['x-moms-access'],
      })),
    );
    expect(operations.length).toBeGreaterThan(15);
    expect(operations.filter((o) => !o.access)).toEqual([]);
    expect(operations).toContainEqual({ route: 'POST /api/v1/auth/users', access: 'auth:admin' });
    expect(operations).toContainEqual({ route: 'POST /api/v1/auth/login', access: 'public' });
  });
});
