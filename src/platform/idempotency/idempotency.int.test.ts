import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type ApiResponse, type TestApp } from '../../../test/harness/test-app.js';
import { onPostgres } from '../../../test/harness/test-db.js';

const USERS = '/api/v1/auth/users';
const PROBLEM = 'https://moms.dev/problems/';

interface Created {
  id: string;
  email: string;
  name: string;
  temporaryPassword?: string;
}

let t: TestApp;
let admin: { id: string; token: string };
beforeAll(async () => {
  t = await createTestApp({ poolMax: 10 });
  admin = await t.userWithRoles(['admin']);
});
afterAll(() => t.close());

const newKey = () => `key-${randomUUID()}`;
const newUser = (tag = 'idem') => ({
  email: `${tag}-${randomUUID().slice(0, 8)}@example.com`,
  name: `Idempotent ${tag}`,
  password: TEST_PASSWORD,
  roles: ['employee'],
});

function post(body: unknown, key: string | undefined, token = admin.token): Promise<ApiResponse<Created>> {
  return t.request<Created>('POST', USERS, {
    token,
    body,
    ...(key === undefined ? {} : { headers: { 'Idempotency-Key': key } }),
  });
}

async function usersWithEmail(email: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from auth.users where email = ${email}`.execute(
    t.db,
  );
  return rows[0]!.n;
}

async function storedKeys(key: string) {
  return t.db.selectFrom('platform.idempotency_keys').selectAll().where('key', '=', key).execute();
}

describe('Idempotency-Key on POST /api/v1/auth/users', () => {
  it('a retry with the same key and body gets the same response, replayed, and creates one user', async () => {
    const key = newKey();
    const body = newUser('replay');

    const first = await post(body, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const second = await post(body, key);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('location')).toBe(`/api/v1/auth/users/${first.body.id}`);
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));

    const third = await post(body, key);
    expect(third.status).toBe(201);
    expect(third.body).toEqual(first.body);

    expect(await usersWithEmail(body.email)).toBe(1);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', first.body.id)
      .execute();
    expect(audit).toEqual([{ action: 'user.created' }]);
    expect(await storedKeys(key)).toMatchObject([{ actor_id: admin.id, state: 'completed', response_status: 201 }]);
  });

  it('without a key, the same request runs again (and here conflicts)', async () => {
    const body = newUser('nokey');
    expect((await post(body, undefined)).status).toBe(201);
    const again = await post(body, undefined);
    expect(again.status).toBe(409);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });

  it('the same key with a different body (or path) is a 422 idempotency-key-reused, and runs nothing', async () => {
    const key = newKey();
    const original = newUser('original');
    expect((await post(original, key)).status).toBe(201);

    const other = newUser('different');
    const reused = await post(other, key);
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toBe('application/problem+json');
    expect(reused.body).toMatchObject({ type: `${PROBLEM}idempotency-key-reused`, status: 422 });
    expect(await usersWithEmail(other.email)).toBe(0);

    const elsewhere = await t.request('POST', '/api/v1/auth/roles', {
      token: admin.token,
      headers: { 'Idempotency-Key': key },
      body: { name: `idem-${randomUUID().slice(0, 6)}`, permissions: [] },
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body).toMatchObject({ type: `${PROBLEM}idempotency-key-reused` });

    // The original is still replayable.
    const replay = await post(original, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('a request that fails validation (422) does not keep the key: the corrected retry runs', async () => {
    const key = newKey();
    const bad = { ...newUser('invalid'), email: 'not an email' };
    const failed = await post(bad, key);
    expect(failed.status).toBe(422);
    expect(failed.body).toMatchObject({ type: `${PROBLEM}validation-failed` });
    expect(await storedKeys(key)).toEqual([]);

    const fixed = { ...bad, email: newUser().email };
    const retried = await post(fixed, key);
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await usersWithEmail(fixed.email)).toBe(1);
    expect((await post(fixed, key)).headers.get('idempotent-replayed')).toBe('true');
  });

  it('a request that fails with a conflict (409) does not keep the key either', async () => {
    const taken = newUser('taken');
    expect((await post(taken, undefined)).status).toBe(201);

    const key = newKey();
    const clash = { ...newUser('clash'), email: taken.email };
    const failed = await post(clash, key);
    expect(failed.status).toBe(409);
    expect(failed.body).toMatchObject({ type: `${PROBLEM}email-taken` });
    expect(await storedKeys(key)).toEqual([]);

    // The same request again really runs again (409 again, not a replay)…
    const again = await post(clash, key);
    expect(again.status).toBe(409);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    // …and the corrected one is created.
    const fixed = newUser('clash-fixed');
    const retried = await post(fixed, key);
    expect(retried.status).toBe(201);
    expect(await usersWithEmail(fixed.email)).toBe(1);
  });

  it('an unauthorised request does not keep the key', async () => {
    const key = newKey();
    const body = newUser('forbidden');
    const employee = await t.userWithRoles(['employee']);
    expect((await post(body, key, employee.token)).status).toBe(403);
    expect((await post(body, key, employee.token)).status).toBe(403);
    expect(await storedKeys(key)).toEqual([]);
    expect(await usersWithEmail(body.email)).toBe(0);
  });

  it.each([
    ['too short', 'short'],
    ['too long', 'k'.repeat(129)],
    ['with a space', 'has a space in it'],
    ['with a slash', 'abc/def/ghi'],
  ])('an invalid key (%s) is a 400 and runs nothing', async (_, key) => {
    const body = newUser('badkey');
    const res = await post(body, key);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: `${PROBLEM}bad-request`, detail: expect.stringMatching(/Idempotency-Key/) });
    expect(await usersWithEmail(body.email)).toBe(0);
  });

  it('accepts keys at the bounds (8 and 128 characters)', async () => {
    for (const key of [`a${randomUUID().slice(0, 7)}`, `${randomUUID()}`.padEnd(128, 'x')]) {
      expect(key).toMatch(/^[A-Za-z0-9_\-.:]{8,128}$/);
      expect([8, 128]).toContain(key.length);
      const body = newUser('bounds');
      expect((await post(body, key)).status).toBe(201);
      expect((await post(body, key)).headers.get('idempotent-replayed')).toBe('true');
    }
  });

  it('keys are per caller: another admin can use the same key independently', async () => {
    const other = await t.userWithRoles(['admin']);
    const key = newKey();
    const mine = newUser('mine');
    const theirs = newUser('theirs');

    const a = await post(mine, key);
    expect(a.status).toBe(201);
    const b = await post(theirs, key, other.token);
    expect(b.status).toBe(201); // not 422: the key is not theirs to have reused
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(b.body.id).not.toBe(a.body.id);

    // The exact same request (same key, same body) from the other admin is not answered with my
    // stored 201: it runs, and finds the email taken.
    const shared = newKey();
    const x = newUser('shared');
    expect((await post(x, shared)).status).toBe(201);
    const y = await post(x, shared, other.token);
    expect(y.status).toBe(409);
    expect(y.body).toMatchObject({ type: `${PROBLEM}email-taken` });
    expect(y.headers.get('idempotent-replayed')).toBeNull();

    expect((await storedKeys(key)).map((r) => r.actor_id).sort()).toEqual([admin.id, other.id].sort());
    expect((await post(mine, key)).body).toEqual(a.body);
    expect((await post(theirs, key, other.token)).body).toEqual(b.body);
  });

  it('10 concurrent identical requests with one key create exactly one user', async () => {
    const key = newKey();
    const body = newUser('concurrent');
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(body, key)));

    expect(await usersWithEmail(body.email)).toBe(1);
    const created = responses.filter((r) => r.status === 201);
    const inProgress = responses.filter((r) => r.status === 409);
    expect(created.length + inProgress.length, JSON.stringify(responses.map((r) => r.status))).toBe(10);
    const original = created.filter((r) => r.headers.get('idempotent-replayed') === null);
    expect(original).toHaveLength(1);
    for (const r of created) expect(r.body).toEqual(original[0]!.body);
    for (const r of inProgress) {
      expect(r.body).toMatchObject({ type: `${PROBLEM}idempotency-key-in-progress` });
      expect(r.headers.get('retry-after')).toBe('1');
    }

    const later = await post(body, key);
    expect(later.status).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBe('true');
    expect(later.body).toEqual(original[0]!.body);
  });

  it('concurrent retries of a request that fails never get a 500, keep no key and create nothing', async () => {
    // Retries arrive spread out, so some land just as a failed attempt releases the key (a claim that
    // finds the key taken, then gone when it reads it, must not become a 500).
    const taken = newUser('taken-concurrent');
    expect((await post(taken, undefined)).status).toBe(201);
    const tally = new Map<string, number>();
    for (let round = 0; round < (onPostgres ? 40 : 3); round++) {
      const key = newKey();
      const clash = { ...newUser('clash-concurrent'), email: taken.email };
      const spacingMs = (round % 6) * 2;
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          new Promise((resolve) => setTimeout(resolve, i * spacingMs)).then(() => post(clash, key)),
        ),
      );
      for (const r of responses) {
        const outcome = `${r.status} ${(r.body as unknown as { type?: string }).type ?? ''}`;
        tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
      }
      expect(await storedKeys(key)).toEqual([]);
    }
    for (const outcome of tally.keys()) {
      expect(
        [`409 ${PROBLEM}email-taken`, `409 ${PROBLEM}idempotency-key-in-progress`],
        JSON.stringify([...tally]),
      ).toContain(outcome);
    }
    // Every round ran the request at least once (a key is never left "in progress" by a failure).
    expect(tally.get(`409 ${PROBLEM}email-taken`)).toBeGreaterThanOrEqual(onPostgres ? 40 : 3);
    expect(await usersWithEmail(taken.email)).toBe(1);
  });

  it('does not keep a value shown once (a generated password) for replays', async () => {
    const key = newKey();
    const { password: _omit, ...body } = newUser('shown-once');
    const first = await post(body, key);
    expect(first.status).toBe(201);
    expect(first.body.temporaryPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const [stored] = await storedKeys(key);
    expect(stored?.response_body).not.toContain(first.body.temporaryPassword!);
    const replay = await post(body, key);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual({ ...first.body, temporaryPassword: '[not replayed]' });
    expect(await usersWithEmail(body.email)).toBe(1);
  });

  it('ignores the header on sign-in, which has no caller to scope it to', async () => {
    const user = await t.userWithRoles(['employee']);
    const headers = { 'Idempotency-Key': newKey() };
    const a = await t.request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: TEST_PASSWORD },
      headers,
    });
    const b = await t.request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: TEST_PASSWORD },
      headers,
    });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(b.body.refreshToken).not.toEqual(a.body.refreshToken);
    expect(await storedKeys(headers['Idempotency-Key'])).toEqual([]);
  });
});
