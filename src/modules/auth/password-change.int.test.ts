import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/harness/test-app.js';
import { auditActions } from './auth.test-support.js';
import { PASSWORD_CHANGE_POLICY } from './sign-in-throttle.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const change = (token: string, currentPassword: string, newPassword = 'a brand new password') =>
  t.request('POST', '/api/v1/auth/me/password', { token, body: { currentPassword, newPassword } });
const refresh = (refreshToken: string) => t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } });

describe('changing your password (issue #24: a stolen token must not find the password)', () => {
  it('limits wrong current passwords: the last one is 429 with Retry-After, and signs the user out everywhere', async () => {
    const user = await t.userWithRoles(['employee']);
    const other = (await t.login(user.email)).body;
    const { maxFailures, windowSeconds } = PASSWORD_CHANGE_POLICY;
    for (let i = 1; i < maxFailures; i++) {
      const res = await change(user.token, `guess number ${i}`);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ type: 'https://moms.dev/problems/wrong-password' });
    }
    const last = await change(user.token, 'the last guess');
    expect(last.status).toBe(429);
    expect(last.body).toMatchObject({ type: 'https://moms.dev/problems/password-change-throttled' });
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(windowSeconds - 60);
    // Every session is gone: the thief's and the owner's alike (the owner signs in again).
    expect((await refresh(other.refreshToken)).status).toBe(401);
    const audit = await auditActions(t.db, user.id);
    expect(audit.filter((a) => a.action === 'user.password-change-throttled')).toEqual([
      expect.objectContaining({ actor_id: user.id, after: { failures: maxFailures, sessionsRevoked: true } }),
    ]);
    expect(JSON.stringify(audit)).not.toContain('guess');
    // The password did not change, and signing in is not what was limited.
    const again = await t.login(user.email);
    expect(again.status).toBe(200);
    // Until the window ends, even the right current password is refused without being checked.
    const refused = await change(again.body.accessToken, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect((await t.login(user.email, 'a brand new password')).status).toBe(401);
  });

  it('parallel wrong attempts cannot check more passwords than the limit', async () => {
    const user = await t.userWithRoles(['employee']);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => change(user.token, `parallel guess ${i}`)));
    const statuses = results.map((r) => r.status);
    // Checked: the wrong ones answered 422, and the one that used up the limit (429). The rest were not checked.
    expect(statuses.filter((s) => s === 422)).toHaveLength(PASSWORD_CHANGE_POLICY.maxFailures - 1);
    expect(statuses.every((s) => s === 422 || s === 429 || s === 401)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
  });

  it('a right password under the limit changes it, and the count starts over', async () => {
    const user = await t.userWithRoles(['employee']);
    for (let i = 0; i < PASSWORD_CHANGE_POLICY.maxFailures - 1; i++) {
      expect((await change(user.token, 'oops')).status).toBe(422);
    }
    expect((await change(user.token, TEST_PASSWORD, 'the second password')).status).toBe(204);
    const session = (await t.login(user.email, 'the second password')).body;
    for (let i = 0; i < PASSWORD_CHANGE_POLICY.maxFailures - 1; i++) {
      expect((await change(session.accessToken, 'oops')).status).toBe(422);
    }
    expect((await change(session.accessToken, 'the second password', 'the third password')).status).toBe(204);
  });

  it('a change signs out the other sessions and keeps this one', async () => {
    const user = await t.userWithRoles(['employee']);
    const mine = (await t.login(user.email)).body;
    const theirs = (await t.login(user.email)).body;
    expect((await change(mine.accessToken, TEST_PASSWORD)).status).toBe(204);
    expect((await refresh(theirs.refreshToken)).status).toBe(401);
    const renewed = await refresh(mine.refreshToken);
    expect(renewed.status).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/me', { token: renewed.body.accessToken as string })).status).toBe(200);
  });
});
