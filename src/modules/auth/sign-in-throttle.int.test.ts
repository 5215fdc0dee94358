import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../../test/harness/test-app.js';
import { auditActions, createSourcedApp, type SourcedApp } from './auth.test-support.js';
import { SIGN_IN_POLICY } from './sign-in-throttle.js';

const WRONG = 'not the password at all';
const { pair, source, account } = SIGN_IN_POLICY;

let t: SourcedApp;
beforeAll(async () => {
  t = await createSourcedApp();
});
afterAll(() => t.close());

/** `n` failed sign-ins for `email` from `ip`, one after the other; their statuses. */
async function fail(email: string, ip: string, n: number) {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await t.login(email, WRONG, ip)).status);
  return statuses;
}

describe('sign-in throttling (issue #24: nobody can lock anyone out)', () => {
  it('a stranger failing from another address cannot keep an administrator from signing in', async () => {
    const admin = await t.user(['admin']);
    // Far more failures than the old per-account lock (5 in 15 minutes) allowed.
    const statuses = await fail(admin.email, '198.51.100.66', 12);
    expect(statuses.slice(0, pair.free)).toEqual(Array(pair.free).fill(401));
    expect(statuses.slice(pair.free)).toEqual(Array(12 - pair.free).fill(429));
    const mine = await t.login(admin.email, TEST_PASSWORD, '203.0.113.10');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ user: { email: admin.email, roles: ['admin'] } });
  });

  it('repeated failures from one address are throttled (429 + Retry-After), even with the right password then', async () => {
    const user = await t.user();
    expect(await fail(user.email, '198.51.100.7', pair.free)).toEqual(Array(pair.free).fill(401));
    const throttled = await t.login(user.email, TEST_PASSWORD, '198.51.100.7');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('content-type')).toBe('application/problem+json');
    expect(throttled.body).toMatchObject({ type: 'https://moms.dev/problems/sign-in-throttled', status: 429 });
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(pair.firstWaitSeconds - 5);
    expect(retryAfter).toBeLessThanOrEqual(pair.firstWaitSeconds);
    expect(JSON.stringify(throttled.body)).not.toContain(TEST_PASSWORD);
    // The lockout is recorded (no password in it).
    const audit = await auditActions(t.db, user.id);
    expect(audit.filter((a) => a.action === 'user.sign-in-throttled')).toEqual([
      expect.objectContaining({
        actor_id: null,
        after: expect.objectContaining({ source: '198.51.100.7', failures: pair.free }),
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(WRONG);
  });

  it('each further failure after a wait doubles the next wait; a success ends the run', async () => {
    const user = await t.user();
    const ip = '198.51.100.8';
    await fail(user.email, ip, pair.free);
    const subject = `${user.email}|${ip}`;
    const waitIsOver = () =>
      sql`update auth.throttle set blocked_until = now() - interval '1 second'
          where scope = 'sign-in-pair' and subject = ${subject}`.execute(t.db);
    await waitIsOver();
    expect((await t.login(user.email, WRONG, ip)).status).toBe(401);
    const second = await t.login(user.email, TEST_PASSWORD, ip);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(2 * pair.firstWaitSeconds - 5);
    await waitIsOver();
    expect((await t.login(user.email, TEST_PASSWORD, ip)).status).toBe(200);
    // The run is over: the next typo is free again.
    expect((await t.login(user.email, WRONG, ip)).status).toBe(401);
    expect((await t.login(user.email, TEST_PASSWORD, ip)).status).toBe(200);
  });

  it('one address spraying many accounts is stopped after the source limit, for every account', async () => {
    const victim = await t.user();
    const ip = '198.51.100.9';
    for (let i = 0; i < source.maxFailures; i++) {
      expect((await t.login(`spray${i}@example.com`, WRONG, ip)).status).toBe(401);
    }
    const blocked = await t.login(victim.email, TEST_PASSWORD, ip);
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(source.windowSeconds - 60);
    expect(retryAfter).toBeLessThanOrEqual(source.windowSeconds);
    // Everyone else is unaffected.
    expect((await t.login(victim.email, TEST_PASSWORD, '203.0.113.11')).status).toBe(200);
    expect((await auditActions(t.db, ip)).map((a) => a.action)).toEqual(['sign-in-source.blocked']);
  });

  it('under a distributed attack every failing address waits after one failure; a clean one still signs in', async () => {
    const user = await t.user();
    // More failures than the attack threshold, each from a different address (one each).
    for (let i = 0; i < account.attackThreshold; i++) {
      expect((await t.login(user.email, WRONG, `198.18.0.${i + 1}`)).status).toBe(401);
    }
    // Now one failure is all an address gets before it must wait.
    expect((await t.login(user.email, WRONG, '198.18.1.1')).status).toBe(401);
    const slowed = await t.login(user.email, WRONG, '198.18.1.1');
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    // The owner, from an address that has not been failing, signs in.
    expect((await t.login(user.email, TEST_PASSWORD, '203.0.113.12')).status).toBe(200);
    const actions = (await auditActions(t.db, user.id)).map((a) => a.action);
    expect(actions).toContain('user.sign-in-under-attack');
    expect(actions).toContain('user.sign-in-throttled');
  });

  it('X-Forwarded-For is not an address: changing it does not escape the throttle', async () => {
    const user = await t.user();
    const ip = '198.51.100.10';
    for (let i = 0; i < pair.free; i++) {
      await t.request('POST', '/api/v1/auth/login', {
        ip,
        body: { email: user.email, password: WRONG },
        headers: { 'x-forwarded-for': `203.0.113.${100 + i}` },
      });
    }
    const res = await t.request('POST', '/api/v1/auth/login', {
      ip,
      body: { email: user.email, password: TEST_PASSWORD },
      headers: { 'x-forwarded-for': '203.0.113.200' },
    });
    expect(res.status).toBe(429);
  });

  it('does not reveal which emails exist: known and unknown emails answer alike, step by step', async () => {
    const user = await t.user();
    const known = await fail(user.email, '198.51.100.11', pair.free + 2);
    const unknown = await fail('nobody-here@example.com', '198.51.100.12', pair.free + 2);
    expect(unknown).toEqual(known);
    const a = await t.login(user.email, WRONG, '198.51.100.11');
    const b = await t.login('nobody-here@example.com', WRONG, '198.51.100.12');
    const shape = (body: Record<string, unknown>) => ({ type: body.type, title: body.title, status: body.status });
    expect(shape(a.body)).toEqual(shape(b.body));
    expect(Math.abs(Number(a.headers.get('retry-after')) - Number(b.headers.get('retry-after')))).toBeLessThanOrEqual(
      2,
    );
  });

  it('an administrator’s password reset starts the account’s counters over', async () => {
    const admin = await t.user(['admin']);
    const adminToken = (await t.login(admin.email, TEST_PASSWORD, '203.0.113.13')).body.accessToken as string;
    const user = await t.user();
    const ip = '198.51.100.13';
    await fail(user.email, ip, pair.free);
    const current = await t.request('GET', `/api/v1/auth/users/${user.id}`, { token: adminToken, ip: '203.0.113.13' });
    const reset = await t.request('POST', `/api/v1/auth/users/${user.id}/reset-password`, {
      token: adminToken,
      ip: '203.0.113.13',
      body: { version: current.body.version },
    });
    expect(reset.status).toBe(200);
    expect((await t.login(user.email, reset.body.temporaryPassword as string, ip)).status).toBe(200);
  });

  it('failed attempts clear away counters nobody has touched for days', async () => {
    await sql`insert into auth.throttle (scope, subject, failures, window_started_at, last_attempt_at)
              values ('sign-in-account', 'long-gone@example.com', 3, now() - interval '3 days', now() - interval '3 days')`.execute(
      t.db,
    );
    expect((await t.login('someone@example.com', WRONG, '198.51.100.16')).status).toBe(401);
    const left = await t.db
      .selectFrom('auth.throttle')
      .select('subject')
      .where('subject', '=', 'long-gone@example.com')
      .execute();
    expect(left).toEqual([]);
  });

  it('parallel failures cannot get more guesses than the limits allow', async () => {
    // On PostgreSQL (DATABASE_URL) these run on separate connections (a pool of 10) at once.
    const user = await t.user();
    const ip = '198.51.100.14';
    const one = await Promise.all(Array.from({ length: 20 }, () => t.login(user.email, WRONG, ip)));
    const statuses = one.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(pair.free);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - pair.free);
    expect((await t.login(user.email, TEST_PASSWORD, ip)).status).toBe(429);

    const sprayer = '198.51.100.15';
    const many = await Promise.all(
      Array.from({ length: source.maxFailures + 15 }, (_, i) => t.login(`burst${i}@example.com`, WRONG, sprayer)),
    );
    expect(many.filter((r) => r.status === 401)).toHaveLength(source.maxFailures);
    expect(many.filter((r) => r.status === 429)).toHaveLength(15);
  });
});
