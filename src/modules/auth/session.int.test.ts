import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/harness/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('sign-in, refresh and sign-out', () => {
  it('signs in with the right password and returns an access and a refresh token', async () => {
    const user = await t.userWithRoles(['employee']);
    const res = await t.login(user.email);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { email: user.email, roles: ['employee'] },
    });
    const me = await t.request('GET', '/api/v1/auth/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: user.email, permissions: expect.arrayContaining(['hr:read', 'crm:read']) });
  });

  it('refuses a wrong password and an unknown email alike, as 401 problem+json', async () => {
    const user = await t.userWithRoles(['employee']);
    const wrong = await t.login(user.email, 'not the password at all');
    const unknown = await t.login('nobody@example.com', 'whatever-password');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body).toMatchObject({ type: 'https://moms.dev/problems/invalid-credentials', status: 401 });
    }
  });

  it('after 5 failures from one source that source must wait (Retry-After), even with the right password', async () => {
    // Requests without an API Gateway event share one source; sign-in-throttle.int.test.ts covers addresses.
    const user = await t.userWithRoles(['employee']);
    for (let i = 0; i < 5; i++) expect((await t.login(user.email, 'wrong password!')).status).toBe(401);
    const throttled = await t.login(user.email, TEST_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(throttled.body).toMatchObject({ type: 'https://moms.dev/problems/sign-in-throttled' });
  });

  it('rotates the refresh token, and reusing a spent one revokes the whole family', async () => {
    const user = await t.userWithRoles(['employee']);
    const first = (await t.login(user.email)).body.refreshToken;
    const second = await t.request<{ refreshToken: string; accessToken: string }>('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first },
    });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first);

    const replay = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: first } });
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ type: 'https://moms.dev/problems/refresh-token-reused' });

    // The legitimate holder's newer token died with the family.
    const after = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: second.body.refreshToken } });
    expect(after.status).toBe(401);
  });

  it('logout revokes the session; logging out twice is harmless', async () => {
    const user = await t.userWithRoles(['employee']);
    const { refreshToken } = (await t.login(user.email)).body;
    expect((await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken } })).status).toBe(204);
    expect((await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken } })).status).toBe(204);
    expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } })).status).toBe(401);
  });

  it('changing your password requires the current one and signs out other sessions', async () => {
    const user = await t.userWithRoles(['employee']);
    const session = (await t.login(user.email)).body;
    const bad = await t.request('POST', '/api/v1/auth/me/password', {
      token: user.token,
      body: { currentPassword: 'nope', newPassword: 'a brand new password' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ errors: [{ path: 'currentPassword' }] });
    const ok = await t.request('POST', '/api/v1/auth/me/password', {
      token: user.token,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' },
    });
    expect(ok.status).toBe(204);
    expect(
      (await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: session.refreshToken } })).status,
    ).toBe(401);
    expect((await t.login(user.email, 'a brand new password')).status).toBe(200);
  });
});
