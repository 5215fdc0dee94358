import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_JWT_SECRET, TEST_PASSWORD } from '../../../../test/harness/test-app.js';
import { auditActions, createSourcedApp, type SourcedApp } from '../auth.test-support.js';
import { SIGN_IN_POLICY } from '../sign-in-throttle.js';
import { deriveTwoFactorKeys, passwordTag, sealChallenge } from './keys.js';

const PROBLEM = 'https://moms.dev/problems/';

let t: SourcedApp;
let adminToken: string;
beforeAll(async () => {
  t = await createSourcedApp();
  const admin = await t.user(['admin']);
  adminToken = (await t.login(admin.email, TEST_PASSWORD)).body.accessToken as string;
});
afterAll(() => t.close());

/** The code of `secret` for the time step `offset` steps from now (−1, 0 and +1 are accepted). */
const codeOf = (secret: string, offset = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offset * 30_000 });
/** A six-digit code that is none of the accepted ones. */
function wrongCode(secret: string) {
  const valid = new Set([-1, 0, 1].map((k) => codeOf(secret, k)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

async function signIn(email: string, ip?: string) {
  const res = await t.login(email, TEST_PASSWORD, ip);
  expect(res.status).toBe(200);
  return res.body;
}

/** A user who enrolled (with the code of the step before now, so the next ones are still ahead). */
async function enrolledUser(roles: string[] = ['employee']) {
  const user = await t.user(roles);
  const token = (await signIn(user.email)).accessToken as string;
  const start = await t.request('POST', '/api/v1/auth/me/two-factor/enrolment', { token });
  expect(start.status).toBe(200);
  const secret = start.body.secret as string;
  const confirm = await t.request('POST', '/api/v1/auth/me/two-factor/enrolment/confirm', {
    token,
    body: { code: codeOf(secret, -1) },
  });
  expect(confirm.status).toBe(200);
  return { ...user, token, secret, recoveryCodes: confirm.body.recoveryCodes as string[] };
}

const secondStep = (body: Record<string, unknown>, ip?: string) =>
  t.request('POST', '/api/v1/auth/login/two-factor', { body, ...(ip ? { ip } : {}) });

describe('two-factor authentication (issue #24 item 9)', () => {
  it('a user without two-factor signs in exactly as before: tokens at once', async () => {
    const user = await t.user();
    const res = await t.login(user.email, TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', user: { email: user.email } });
    expect(res.body).not.toHaveProperty('twoFactorRequired');
    const status = await t.request('GET', '/api/v1/auth/me/two-factor', { token: res.body.accessToken as string });
    expect(status.body).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0, requiredBy: [] });
  });

  it('enrols: secret and otpauth URI, a wrong code refused, a right one turns it on with 10 recovery codes', async () => {
    const user = await t.user();
    const token = (await signIn(user.email)).accessToken as string;
    const start = await t.request('POST', '/api/v1/auth/me/two-factor/enrolment', { token });
    expect(start.status).toBe(200);
    const secret = start.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(start.body.uri).toBe(
      `otpauth://totp/MOMS:${encodeURIComponent(user.email)}?issuer=MOMS&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    // Stored encrypted, never in clear.
    const stored = await t.db
      .selectFrom('auth.two_factor')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    expect(stored).toMatchObject({ enabled_at: null });
    expect(stored!.secret_encrypted).not.toContain(secret);
    expect(stored!.secret_encrypted).toMatch(/^v1\./);

    const wrong = await t.request('POST', '/api/v1/auth/me/two-factor/enrolment/confirm', {
      token,
      body: { code: wrongCode(secret) },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ type: `${PROBLEM}invalid-two-factor-code`, errors: [{ path: 'code' }] });

    const confirm = await t.request('POST', '/api/v1/auth/me/two-factor/enrolment/confirm', {
      token,
      body: { code: codeOf(secret) },
    });
    expect(confirm.status).toBe(200);
    const codes = confirm.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
    // Only hashes are kept.
    const hashes = await t.db
      .selectFrom('auth.recovery_codes')
      .select('code_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(hashes).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(hashes)).not.toContain(code.replace('-', ''));

    const status = await t.request('GET', '/api/v1/auth/me/two-factor', { token });
    expect(status.body).toMatchObject({ enabled: true, recoveryCodesLeft: 10, requiredBy: [] });
    const again = await t.request('POST', '/api/v1/auth/me/two-factor/enrolment', { token });
    expect(again.status).toBe(409);
    const audit = (await auditActions(t.db, user.id)).map((a) => a.action);
    expect(audit).toContain('user.two-factor-enabled');
    expect(audit).toContain('user.two-factor-failed');
    expect(JSON.stringify(await auditActions(t.db, user.id))).not.toContain(secret);
  });

  it('signs in with a code: the password gives a challenge, no tokens; the code gives the tokens', async () => {
    const user = await enrolledUser();
    const first = await t.login(user.email, TEST_PASSWORD);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      twoFactorRequired: true,
      enrolmentRequired: false,
      challenge: expect.any(String),
      expiresAt: expect.any(String),
    });
    const expiresIn = Date.parse(first.body.expiresAt as string) - Date.now();
    expect(expiresIn).toBeGreaterThan(290_000);
    expect(expiresIn).toBeLessThanOrEqual(300_000);

    const res = await secondStep({ challenge: first.body.challenge, code: codeOf(user.secret) });
    expect(res.status).toBe(200);
    // A challenge signs in once: with the next code it is refused.
    const reused = await secondStep({ challenge: first.body.challenge, code: codeOf(user.secret, 1) });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ type: `${PROBLEM}invalid-challenge` });
    expect(res.body).toMatchObject({ tokenType: 'Bearer', user: { email: user.email } });
    const me = await t.request('GET', '/api/v1/auth/me', { token: res.body.accessToken as string });
    expect(me.status).toBe(200);
    const audit = await auditActions(t.db, user.id);
    expect(audit.filter((a) => a.action === 'user.signed-in').at(-1)).toMatchObject({ after: { twoFactor: 'totp' } });
  });

  it('a code cannot be used twice, nor an older one after a newer', async () => {
    const user = await enrolledUser();
    const code = codeOf(user.secret);
    const challenge = (await signIn(user.email)).challenge;
    expect((await secondStep({ challenge, code })).status).toBe(200);
    const replay = await secondStep({ challenge: (await signIn(user.email)).challenge, code });
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ type: `${PROBLEM}invalid-two-factor-code` });
    // The enrolment used the step before: it is older than the last one used now.
    const older = await secondStep({ challenge: (await signIn(user.email)).challenge, code: codeOf(user.secret, -1) });
    expect(older.status).toBe(401);
    const next = await secondStep({ challenge: (await signIn(user.email)).challenge, code: codeOf(user.secret, 1) });
    expect(next.status).toBe(200);
  });

  it('the same code sent twice at once signs in once (the step is recorded under a row lock)', async () => {
    const user = await enrolledUser();
    const code = codeOf(user.secret);
    const a = (await signIn(user.email, '203.0.113.51')).challenge;
    const b = (await signIn(user.email, '203.0.113.52')).challenge;
    const results = await Promise.all([
      secondStep({ challenge: a, code }, '203.0.113.51'),
      secondStep({ challenge: b, code }, '203.0.113.52'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('wrong codes count like wrong passwords: after 5 from a source it must wait, even with the right code', async () => {
    const user = await enrolledUser();
    const ip = '198.51.100.91';
    const { challenge } = await signIn(user.email, ip);
    const wrong = wrongCode(user.secret);
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_POLICY.pair.free; i++)
      statuses.push((await secondStep({ challenge, code: wrong }, ip)).status);
    expect(statuses).toEqual(Array(SIGN_IN_POLICY.pair.free).fill(401));
    const right = await secondStep({ challenge, code: codeOf(user.secret) }, ip);
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ type: `${PROBLEM}sign-in-throttled` });
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    // The right password does not start the count over: that source is refused too.
    expect((await t.login(user.email, TEST_PASSWORD, ip)).status).toBe(429);
    const audit = (await auditActions(t.db, user.id)).map((a) => a.action);
    expect(audit.filter((a) => a === 'user.two-factor-failed')).toHaveLength(SIGN_IN_POLICY.pair.free);
    expect(audit).toContain('user.sign-in-throttled');
    // The owner, from a source that has not been failing, still signs in.
    const mine = await secondStep(
      { challenge: (await signIn(user.email, '203.0.113.9')).challenge, code: codeOf(user.secret) },
      '203.0.113.9',
    );
    expect(mine.status).toBe(200);
  });

  it('alternating right passwords and wrong codes does not reset the count of wrong codes', async () => {
    const user = await enrolledUser();
    const ip = '198.51.100.92';
    const wrong = wrongCode(user.secret);
    for (let i = 0; i < SIGN_IN_POLICY.pair.free; i++) {
      const { challenge } = await signIn(user.email, ip);
      expect((await secondStep({ challenge, code: wrong }, ip)).status).toBe(401);
    }
    expect((await t.login(user.email, TEST_PASSWORD, ip)).status).toBe(429);
  });

  it('a recovery code signs in once (any case, with or without the dash)', async () => {
    const user = await enrolledUser();
    const [code] = user.recoveryCodes;
    const typed = code!.replace('-', '').toLowerCase();
    const res = await secondStep({ challenge: (await signIn(user.email)).challenge, recoveryCode: typed });
    expect(res.status).toBe(200);
    const again = await secondStep({ challenge: (await signIn(user.email)).challenge, recoveryCode: code });
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ errors: [{ path: 'recoveryCode' }] });
    const audit = await auditActions(t.db, user.id);
    expect(audit.find((a) => a.action === 'user.two-factor-recovery-code-used')).toMatchObject({
      after: { recoveryCodesLeft: 9 },
    });
    const both = await secondStep({ challenge: 'a.b', code: '123456', recoveryCode: code });
    expect(both.status).toBe(422);
  });

  it('new recovery codes need a current code, and the old ones stop working', async () => {
    const user = await enrolledUser();
    const bad = await t.request('POST', '/api/v1/auth/me/two-factor/recovery-codes', {
      token: user.token,
      body: { code: wrongCode(user.secret) },
    });
    expect(bad.status).toBe(422);
    const res = await t.request('POST', '/api/v1/auth/me/two-factor/recovery-codes', {
      token: user.token,
      body: { code: codeOf(user.secret) },
    });
    expect(res.status).toBe(200);
    const fresh = res.body.recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    const old = await secondStep({
      challenge: (await signIn(user.email)).challenge,
      recoveryCode: user.recoveryCodes[0],
    });
    expect(old.status).toBe(401);
    const ok = await secondStep({ challenge: (await signIn(user.email)).challenge, recoveryCode: fresh[0] });
    expect(ok.status).toBe(200);
  });

  it('turning it off needs the password and a code; afterwards the password alone signs in', async () => {
    const user = await enrolledUser();
    const wrongPassword = await t.request('POST', '/api/v1/auth/me/two-factor/disable', {
      token: user.token,
      body: { password: 'not my password', code: codeOf(user.secret) },
    });
    expect(wrongPassword.status).toBe(422);
    expect(wrongPassword.body).toMatchObject({ errors: [{ path: 'password' }] });
    const wrong = await t.request('POST', '/api/v1/auth/me/two-factor/disable', {
      token: user.token,
      body: { password: TEST_PASSWORD, code: wrongCode(user.secret) },
    });
    expect(wrong.status).toBe(422);
    const off = await t.request('POST', '/api/v1/auth/me/two-factor/disable', {
      token: user.token,
      body: { password: TEST_PASSWORD, code: codeOf(user.secret) },
    });
    expect(off.status).toBe(204);
    const res = await t.login(user.email, TEST_PASSWORD);
    expect(res.body).toHaveProperty('accessToken');
    expect((await auditActions(t.db, user.id)).map((a) => a.action)).toContain('user.two-factor-disabled');
    expect(await t.db.selectFrom('auth.recovery_codes').selectAll().where('user_id', '=', user.id).execute()).toEqual(
      [],
    );
  });

  it('wrong codes of a signed-in user are limited (429 after 5)', async () => {
    const user = await enrolledUser();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.request('POST', '/api/v1/auth/me/two-factor/recovery-codes', {
        token: user.token,
        body: { code: wrongCode(user.secret) },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
  });

  it('an administrator resets a user’s two-factor: the user is signed out everywhere and signs in with the password', async () => {
    const user = await enrolledUser();
    const session = await secondStep({ challenge: (await signIn(user.email)).challenge, code: codeOf(user.secret) });
    const { accessToken, refreshToken } = session.body as { accessToken: string; refreshToken: string };
    const pending = (await signIn(user.email)).challenge;

    const status = await t.request('GET', `/api/v1/auth/users/${user.id}/two-factor`, { token: adminToken });
    expect(status.body).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    const { version } = (await t.request('GET', `/api/v1/auth/users/${user.id}`, { token: adminToken })).body;
    const forbidden = await t.request('POST', `/api/v1/auth/users/${user.id}/reset-two-factor`, {
      token: accessToken,
      body: { version },
    });
    expect(forbidden.status).toBe(403);
    const reset = await t.request('POST', `/api/v1/auth/users/${user.id}/reset-two-factor`, {
      token: adminToken,
      body: { version },
    });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ id: user.id, version: (version as number) + 1 });

    expect((await t.request('GET', '/api/v1/auth/me', { token: accessToken })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } })).status).toBe(401);
    // A challenge issued before the reset is dead too.
    expect((await secondStep({ challenge: pending, code: codeOf(user.secret, 1) })).status).toBe(401);
    const audit = await auditActions(t.db, user.id);
    expect(audit.find((a) => a.action === 'user.two-factor-reset')).toMatchObject({
      after: { wasEnabled: true, sessionsRevoked: true },
    });
    const res = await t.login(user.email, TEST_PASSWORD);
    expect(res.body).toHaveProperty('accessToken');
  });

  it('a role that requires two-factor makes its holders enrol at sign-in before they get tokens', async () => {
    const role = await t.request('POST', '/api/v1/auth/roles', {
      token: adminToken,
      body: { name: 'vault-keeper', permissions: ['hr:read'], requireTwoFactor: true },
    });
    expect(role.status).toBe(201);
    expect(role.body).toMatchObject({ requireTwoFactor: true });
    const user = await t.user(['vault-keeper']);

    const first = await t.login(user.email, TEST_PASSWORD);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ twoFactorRequired: true, enrolmentRequired: true });
    expect(first.body).not.toHaveProperty('accessToken');
    const challenge = first.body.challenge as string;
    // An enrolment challenge is no verification challenge.
    expect((await secondStep({ challenge, code: '123456' })).status).toBe(401);

    const start = await t.request('POST', '/api/v1/auth/login/two-factor/enrolment', { body: { challenge } });
    expect(start.status).toBe(200);
    const secret = start.body.secret as string;
    const wrong = await t.request('POST', '/api/v1/auth/login/two-factor/enrolment/confirm', {
      body: { challenge, code: wrongCode(secret) },
    });
    expect(wrong.status).toBe(401);
    const confirm = await t.request('POST', '/api/v1/auth/login/two-factor/enrolment/confirm', {
      body: { challenge, code: codeOf(secret) },
    });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toMatchObject({ tokenType: 'Bearer', user: { roles: ['vault-keeper'] } });
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    const token = confirm.body.accessToken as string;

    // From now on: a code at every sign-in; turning it off is refused while the role requires it.
    expect((await t.login(user.email, TEST_PASSWORD)).body).toMatchObject({ enrolmentRequired: false });
    const off = await t.request('POST', '/api/v1/auth/me/two-factor/disable', {
      token,
      body: { password: TEST_PASSWORD, code: codeOf(secret, 1) },
    });
    expect(off.status).toBe(409);
    expect(off.body).toMatchObject({ type: `${PROBLEM}two-factor-required` });
    const status = await t.request('GET', '/api/v1/auth/me/two-factor', { token });
    expect(status.body).toMatchObject({ enabled: true, requiredBy: ['vault-keeper'] });

    const patched = await t.request('PATCH', '/api/v1/auth/roles/vault-keeper', {
      token: adminToken,
      body: { version: role.body.version, requireTwoFactor: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ requireTwoFactor: false });
  });

  it('the built-in admin role can require two-factor (its permissions stay fixed)', async () => {
    const admin = (await t.request('GET', '/api/v1/auth/roles/admin', { token: adminToken })).body;
    const changed = await t.request('PATCH', '/api/v1/auth/roles/admin', {
      token: adminToken,
      body: { version: admin.version, permissions: ['*'], requireTwoFactor: true },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ permissions: ['*'], requireTwoFactor: true });
    const another = await t.user(['admin']);
    expect((await t.login(another.email, TEST_PASSWORD)).body).toMatchObject({ enrolmentRequired: true });
    const narrowed = await t.request('PATCH', '/api/v1/auth/roles/admin', {
      token: adminToken,
      body: { version: changed.body.version, permissions: ['auth:read'] },
    });
    expect(narrowed.status).toBe(409);
    const back = await t.request('PATCH', '/api/v1/auth/roles/admin', {
      token: adminToken,
      body: { version: changed.body.version, requireTwoFactor: false },
    });
    expect(back.status).toBe(200);
    expect((await t.login(another.email, TEST_PASSWORD)).body).toHaveProperty('accessToken');
  });

  it('refuses forged, altered and expired challenges', async () => {
    const user = await t.user();
    const keys = deriveTwoFactorKeys(new TextEncoder().encode(TEST_JWT_SECRET));
    const row = await t.db
      .selectFrom('auth.users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    const now = Date.now();
    const contents = {
      userId: user.id,
      purpose: 'verify' as const,
      passwordTag: passwordTag(keys, row.password_hash),
      lastStep: -1,
    };
    const expired = sealChallenge(keys, { ...contents, issuedAt: now - 400_000, expiresAt: now - 100_000 });
    const forged = sealChallenge(deriveTwoFactorKeys(new TextEncoder().encode('x'.repeat(48))), {
      ...contents,
      issuedAt: now,
      expiresAt: now + 100_000,
    });
    const valid = sealChallenge(keys, { ...contents, issuedAt: now, expiresAt: now + 100_000 });
    const [payload, tag] = valid.split('.');
    const altered = `${payload!.slice(0, -2)}AA.${tag}`;
    for (const challenge of [expired, forged, altered]) {
      const res = await secondStep({ challenge, code: '123456' });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ type: `${PROBLEM}invalid-challenge` });
    }
  });
});
