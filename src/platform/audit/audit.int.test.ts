import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/harness/test-app.js';
import type { Db, Tx } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { writeAudit } from './audit-writer.js';
import { verifyAuditChain, type ChainReport } from './audit-verify.js';

interface UserBody {
  id: string;
  email: string;
  name: string;
  version: number;
  roles: string[];
}

const auditRows = (db: Db, entityId: string) =>
  db.selectFrom('platform.audit_log').selectAll().where('entity_id', '=', entityId).orderBy('id').execute();

const countAudit = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('platform.audit_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/**
 * Changes the audit log the way an attacker with database access would: with the append-only trigger
 * out of the way. `session_replication_role = replica` (superuser only) skips ordinary triggers on
 * PostgreSQL and on PGlite alike; `set local` keeps it to this transaction.
 */
async function tamper(db: Db, work: (trx: Tx) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await work(trx);
  });
}

const newEmail = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.com`;

async function createUserViaApi(t: TestApp, token: string, tag = 'audited', requestId?: string) {
  const res = await t.request<UserBody>('POST', '/api/v1/auth/users', {
    token,
    body: { email: newEmail(tag), name: `User ${tag}`, password: TEST_PASSWORD, roles: ['employee'] },
    ...(requestId ? { headers: { 'x-request-id': requestId } } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function verifyViaApi(t: TestApp, token: string): Promise<ChainReport> {
  const res = await t.request<ChainReport>('GET', '/api/v1/audit/verify', { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Sealed rows in chain order. */
const sealedRows = (db: Db) =>
  db.selectFrom('platform.audit_log').selectAll().where('seq', 'is not', null).orderBy('seq').execute();

describe('audit records of the auth module, through the app', () => {
  let t: TestApp;
  let admin: { id: string; email: string; token: string };
  beforeAll(async () => {
    t = await createTestApp({ poolMax: 10 });
    admin = await t.userWithRoles(['admin']);
  });
  afterAll(() => t.close());

  it('create user → one sealed `user.created` record with actor, request id and the user, but no password hash', async () => {
    const requestId = `req-${randomUUID()}`;
    const user = await createUserViaApi(t, admin.token, 'created', requestId);

    const rows = await auditRows(t.db, user.id);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      action: 'user.created',
      entity_type: 'auth.user',
      entity_id: user.id,
      actor_id: admin.id,
      request_id: requestId,
      before: null,
      after: {
        id: user.id,
        email: user.email,
        name: user.name,
        status: 'active',
        roles: ['employee'],
        version: 1,
        // Redaction is by exact field name: a flag about a password is kept.
        must_change_password: false,
      },
    });
    // Sealed into the chain by the time the response was sent.
    expect(row!.seq).toMatch(/^[1-9][0-9]*$/);
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.prev_hash).not.toBeNull();

    const { rows: secret } = await sql<{
      password_hash: string;
    }>`select password_hash from auth.users where id = ${user.id}`.execute(t.db);
    const json = JSON.stringify(row);
    expect(secret[0]!.password_hash.length).toBeGreaterThan(20);
    expect(json).not.toContain(secret[0]!.password_hash);
    expect(json).not.toContain(TEST_PASSWORD);
    expect(row!.after).not.toHaveProperty('password_hash');
    expect(row!.after).not.toHaveProperty('passwordHash');
  });

  it('PATCH user → `user.updated` with before and after', async () => {
    const user = await createUserViaApi(t, admin.token, 'patched');
    const res = await t.request<UserBody>('PATCH', `/api/v1/auth/users/${user.id}`, {
      token: admin.token,
      body: { version: 1, name: 'Renamed Person' },
    });
    expect(res.status).toBe(200);

    const rows = await auditRows(t.db, user.id);
    expect(rows.map((r) => r.action)).toEqual(['user.created', 'user.updated']);
    expect(rows[1]).toMatchObject({
      actor_id: admin.id,
      before: { id: user.id, name: user.name, version: 1 },
      after: { id: user.id, name: 'Renamed Person', version: 2 },
    });
    expect(rows[1]!.seq).not.toBeNull();
    expect(JSON.stringify(rows[1])).not.toMatch(/password_hash|scrypt/);
  });

  it('set roles → `user.roles-changed` with the roles before and after', async () => {
    const user = await createUserViaApi(t, admin.token, 'roles');
    const res = await t.request<UserBody>('PUT', `/api/v1/auth/users/${user.id}/roles`, {
      token: admin.token,
      body: { version: 1, roles: ['manager', 'employee'] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    const rows = await auditRows(t.db, user.id);
    expect(rows.map((r) => r.action)).toEqual(['user.created', 'user.roles-changed']);
    expect(rows[1]).toMatchObject({
      actor_id: admin.id,
      before: { roles: ['employee'] },
      after: { roles: ['employee', 'manager'] },
    });
  });

  it('every other auth mutation writes its record too', async () => {
    const user = await createUserViaApi(t, admin.token, 'lifecycle');
    const steps: Array<[string, string, unknown]> = [
      ['POST', `/api/v1/auth/users/${user.id}/deactivate`, { version: 1 }],
      ['POST', `/api/v1/auth/users/${user.id}/activate`, { version: 2 }],
      ['POST', `/api/v1/auth/users/${user.id}/reset-password`, { version: 3 }],
    ];
    for (const [method, path, body] of steps) {
      const res = await t.request(method, path, { token: admin.token, body });
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    const rows = await auditRows(t.db, user.id);
    expect(rows.map((r) => [r.action, r.actor_id])).toEqual([
      ['user.created', admin.id],
      ['user.deactivated', admin.id],
      ['user.activated', admin.id],
      ['user.password-reset', admin.id],
    ]);
    expect(rows[1]).toMatchObject({ before: { status: 'active' }, after: { status: 'inactive' } });
    // The temporary password is in the response, never in the log.
    expect(rows[3]).toMatchObject({ before: null, after: null });

    const role = `auditrole-${randomUUID().slice(0, 6)}`;
    expect(
      (
        await t.request('POST', '/api/v1/auth/roles', {
          token: admin.token,
          body: { name: role, description: 'temp', permissions: ['crm:read'] },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await t.request('PATCH', `/api/v1/auth/roles/${role}`, {
          token: admin.token,
          body: { version: 1, permissions: ['crm:read', 'crm:write'] },
        })
      ).status,
    ).toBe(200);
    expect((await t.request('DELETE', `/api/v1/auth/roles/${role}`, { token: admin.token })).status).toBe(204);
    const roleRows = await auditRows(t.db, role);
    expect(roleRows.map((r) => r.action)).toEqual(['role.created', 'role.updated', 'role.deleted']);
    expect(roleRows[1]).toMatchObject({
      before: { permissions: ['crm:read'] },
      after: { permissions: ['crm:read', 'crm:write'] },
    });
    expect(roleRows.every((r) => r.entity_type === 'auth.role' && r.actor_id === admin.id && r.seq !== null)).toBe(
      true,
    );

    // Changing your own password: the actor is the user.
    const self = await t.userWithRoles(['employee']);
    const changed = await t.request('POST', '/api/v1/auth/me/password', {
      token: self.token,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'another long password' },
    });
    expect(changed.status).toBe(204);
    const selfRows = await auditRows(t.db, self.id);
    expect(selfRows.map((r) => [r.action, r.actor_id])).toEqual([
      ['user.created', null], // created by the harness, outside any request…
      ['user.signed-in', self.id], // …which then signs in
      ['user.password-changed', self.id],
    ]);
    expect(JSON.stringify(selfRows)).not.toContain('another long password');
  });

  it('a mutation that fails writes no audit record', async () => {
    const existing = await createUserViaApi(t, admin.token, 'taken');
    const other = await createUserViaApi(t, admin.token, 'other');
    const before = await countAudit(t.db);

    const dup = await t.request('POST', '/api/v1/auth/users', {
      token: admin.token,
      body: { email: existing.email, name: 'Duplicate', password: TEST_PASSWORD },
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ type: 'https://moms.dev/problems/email-taken' });

    const clash = await t.request('PATCH', `/api/v1/auth/users/${other.id}`, {
      token: admin.token,
      body: { version: 1, email: existing.email },
    });
    expect(clash.status).toBe(409);
    const stale = await t.request('PATCH', `/api/v1/auth/users/${other.id}`, {
      token: admin.token,
      body: { version: 7, name: 'Stale' },
    });
    expect(stale.status).toBe(409);
    const forbidden = await t.request('POST', '/api/v1/auth/users', {
      token: (await t.userWithRoles(['employee'])).token,
      body: { email: newEmail('forbidden'), name: 'Nope', password: TEST_PASSWORD },
    });
    expect(forbidden.status).toBe(403);

    // +2: the harness creating and signing in the employee above; nothing from the four failures.
    expect(await countAudit(t.db)).toBe(before + 2);
    expect((await auditRows(t.db, other.id)).map((r) => r.action)).toEqual(['user.created']);
  });

  it('a record written in a transaction that rolls back is gone with it', async () => {
    const entityId = `rollback-${randomUUID()}`;
    await expect(
      inTransaction(t.db, async (trx) => {
        await writeAudit(
          trx,
          { actor: null, requestId: 'test-rollback' },
          {
            action: 'thing.created',
            entityType: 'test.thing',
            entityId,
            after: { a: 1 },
          },
        );
        expect(await auditRows(trx, entityId)).toHaveLength(1); // visible inside…
        throw new Error('the mutation failed after its audit record');
      }),
    ).rejects.toThrow('the mutation failed');
    expect(await auditRows(t.db, entityId)).toHaveLength(0); // …and gone after the rollback
  });

  it('GET /api/v1/audit/verify reports ok for an admin (and an auditor), and refuses an employee', async () => {
    const report = await verifyViaApi(t, admin.token);
    const total = await countAudit(t.db);
    expect(report).toEqual({ ok: true, checked: total, lastSeq: String(total), firstProblem: null });

    const auditor = await t.userWithRoles(['auditor']);
    expect((await verifyViaApi(t, auditor.token)).ok).toBe(true);
    const employee = await t.userWithRoles(['employee']);
    expect((await t.request('GET', '/api/v1/audit/verify', { token: employee.token })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/audit/verify')).status).toBe(401);
  });

  it('verifyAuditChain (what `npm run audit:verify` runs) seals pending records, and pages through the chain', async () => {
    // Records written outside a request are not sealed yet…
    const entityId = `direct-${randomUUID()}`;
    for (let i = 0; i < 3; i++) {
      await inTransaction(t.db, (trx) =>
        writeAudit(
          trx,
          { actor: null, requestId: 'direct' },
          {
            action: 'thing.touched',
            entityType: 'test.thing',
            entityId,
            after: { i, nested: { z: 1, a: [1, 'two', null] } },
          },
        ),
      );
    }
    expect((await auditRows(t.db, entityId)).map((r) => r.seq)).toEqual([null, null, null]);

    // …verify seals them, then checks everything.
    const report = await verifyAuditChain(t.db);
    const total = await countAudit(t.db);
    expect(report).toEqual({ ok: true, checked: total, lastSeq: String(total), firstProblem: null });
    expect((await auditRows(t.db, entityId)).every((r) => r.seq !== null)).toBe(true);

    // Small batches walk the same chain to the same verdict.
    expect(await verifyAuditChain(t.db, 2)).toEqual(report);
    expect(await verifyAuditChain(t.db, total)).toEqual(report);
    expect(await verifyViaApi(t, admin.token)).toEqual(report);
  });

  it('the audit table refuses UPDATE and DELETE, sealed or not', async () => {
    const user = await createUserViaApi(t, admin.token, 'guarded');
    const [sealed] = await auditRows(t.db, user.id);
    expect(sealed!.seq).not.toBeNull();

    const attempts = [
      sql`update platform.audit_log set after = '{"name":"Mallory"}'::jsonb where id = ${sealed!.id}`,
      sql`update platform.audit_log set seq = seq + 1000000 where id = ${sealed!.id}`,
      sql`update platform.audit_log set hash = 'x' where id = ${sealed!.id}`,
      sql`delete from platform.audit_log where id = ${sealed!.id}`,
    ];
    for (const attempt of attempts) {
      await expect(attempt.execute(t.db)).rejects.toMatchObject({
        code: 'P0001',
        message: expect.stringMatching(/append-only/),
      });
    }

    // An unsealed record's content is just as fixed (only the sealer may set seq/prev_hash/hash).
    const entityId = `unsealed-${randomUUID()}`;
    await inTransaction(t.db, (trx) =>
      writeAudit(trx, { actor: null, requestId: 'guard' }, { action: 'thing.created', entityType: 't', entityId }),
    );
    const [unsealed] = await auditRows(t.db, entityId);
    expect(unsealed!.seq).toBeNull();
    await expect(
      sql`update platform.audit_log set action = 'thing.deleted' where id = ${unsealed!.id}`.execute(t.db),
    ).rejects.toMatchObject({ code: 'P0001' });
    await expect(sql`delete from platform.audit_log where id = ${unsealed!.id}`.execute(t.db)).rejects.toMatchObject({
      code: 'P0001',
    });

    expect(await auditRows(t.db, user.id)).toEqual([sealed]);
    expect((await verifyViaApi(t, admin.token)).ok).toBe(true);
  });

  it('20 concurrent mutations: every record sealed once, seq contiguous 1..n, chain ok', async () => {
    const before = await countAudit(t.db);
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createUserViaApi(t, admin.token, `concurrent${i}`)),
    );
    expect(new Set(created.map((u) => u.id)).size).toBe(20);
    expect(await countAudit(t.db)).toBe(before + 20);

    const report = await verifyViaApi(t, admin.token);
    const total = await countAudit(t.db);
    expect(report).toEqual({ ok: true, checked: total, lastSeq: String(total), firstProblem: null });

    const seqs = (await sealedRows(t.db)).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const unsealed = await t.db.selectFrom('platform.audit_log').select('id').where('seq', 'is', null).execute();
    expect(unsealed).toEqual([]);
    for (const user of created) {
      expect((await auditRows(t.db, user.id)).map((r) => [r.action, r.actor_id])).toEqual([['user.created', admin.id]]);
    }
  });
});

describe('tampering that bypasses the trigger is caught by verify', () => {
  /** A fresh database with a sealed chain of a few records, verified ok. */
  async function scenario() {
    const t = await createTestApp();
    const admin = await t.userWithRoles(['admin']);
    for (let i = 0; i < 4; i++) await createUserViaApi(t, admin.token, `chain${i}`);
    expect(await verifyViaApi(t, admin.token)).toMatchObject({ ok: true, firstProblem: null });
    const rows = await sealedRows(t.db);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    return { t, admin, rows };
  }

  it('an altered record: ok:false, kind altered, at that seq (API and verifyAuditChain agree)', async () => {
    const { t, admin, rows } = await scenario();
    try {
      const victim = rows[2]!;
      await tamper(t.db, (trx) =>
        sql`update platform.audit_log set after = jsonb_set(after, '{name}', '"Mallory"') where id = ${victim.id}`.execute(
          trx,
        ),
      );
      const [changed] = await t.db.selectFrom('platform.audit_log').selectAll().where('id', '=', victim.id).execute();
      expect(changed!.after).toMatchObject({ name: 'Mallory' });
      expect([changed!.seq, changed!.hash]).toEqual([victim.seq, victim.hash]);

      const report = await verifyViaApi(t, admin.token);
      expect(report).toMatchObject({
        ok: false,
        checked: 2,
        lastSeq: rows.at(-1)!.seq,
        firstProblem: { kind: 'altered', seq: victim.seq, id: victim.id },
      });
      expect(await verifyAuditChain(t.db)).toEqual(report);
      expect(await verifyAuditChain(t.db, 1)).toEqual(report);
    } finally {
      await t.close();
    }
  });

  it('a deleted record in the middle: kind missing, at its seq', async () => {
    const { t, admin, rows } = await scenario();
    try {
      const victim = rows[1]!;
      await tamper(t.db, (trx) => sql`delete from platform.audit_log where id = ${victim.id}`.execute(trx));

      const report = await verifyViaApi(t, admin.token);
      expect(report).toMatchObject({ ok: false, checked: 1, firstProblem: { kind: 'missing', seq: victim.seq } });
      expect(await verifyAuditChain(t.db)).toEqual(report);
    } finally {
      await t.close();
    }
  });

  it('the last records deleted: kind truncated, the chain ending short of its head', async () => {
    const { t, admin, rows } = await scenario();
    try {
      const kept = rows.slice(0, -2);
      const removed = rows.slice(-2).map((r) => r.id);
      await tamper(t.db, (trx) => trx.deleteFrom('platform.audit_log').where('id', 'in', removed).execute());

      const report = await verifyViaApi(t, admin.token);
      expect(report).toMatchObject({
        ok: false,
        checked: kept.length,
        lastSeq: rows.at(-1)!.seq,
        firstProblem: { kind: 'truncated', seq: kept.at(-1)!.seq },
      });
      expect(await verifyAuditChain(t.db)).toEqual(report);
    } finally {
      await t.close();
    }
  });

  it('the bypass works only inside its transaction: the same connection meets the trigger again after', async () => {
    // The bypass needs a superuser on PostgreSQL; the harness connects as one (PGlite's user is one too).
    const t = await createTestApp({ poolMax: 1 }); // one connection: the one that was bypassed
    try {
      const { rows } = await sql<{ su: boolean }>`
        select rolsuper as su from pg_roles where rolname = current_user`.execute(t.db);
      expect(rows[0]!.su).toBe(true);
      const [first, second] = [`bypass-${randomUUID()}`, `bypass-${randomUUID()}`];
      for (const entityId of [first, second]) {
        await inTransaction(t.db, (trx) =>
          writeAudit(trx, { actor: null, requestId: 'bypass' }, { action: 'a.b', entityType: 't', entityId }),
        );
      }
      await tamper(t.db, (trx) => trx.deleteFrom('platform.audit_log').where('entity_id', '=', first).execute());
      expect(await auditRows(t.db, first)).toEqual([]);

      await expect(sql`delete from platform.audit_log where entity_id = ${second}`.execute(t.db)).rejects.toMatchObject(
        { code: 'P0001' },
      );
      expect(await auditRows(t.db, second)).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
