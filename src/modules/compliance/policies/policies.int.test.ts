import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { complianceApp, expectStatus, type ComplianceTestApp } from '../compliance.test-support.js';

let t: TestApp;
let a: ComplianceTestApp;
let officer: { id: string; email: string; token: string };
let auditor: { id: string; email: string; token: string };
let alice: { id: string; email: string; token: string };
let bob: { id: string; email: string; token: string };
let carol: { id: string; email: string; token: string };

interface PolicyBody {
  id: string;
  title: string;
  currentVersion: number;
  acknowledgements: number;
  acknowledgedByMe: boolean;
  current: { number: number; title: string; current: boolean };
}
interface VersionBody {
  number: number;
  title: string;
  body: string;
  current: boolean;
}
interface Report {
  version: number;
  basis: 'employees' | 'users';
  population: number;
  acknowledged: number;
  people: { userId: string | null; email: string; hasAccount: boolean }[];
}
interface Reminder {
  day: string;
  queued: boolean;
  recipients: number;
  version: number;
}

beforeAll(async () => {
  t = await createTestApp();
  a = complianceApp(t);
  officer = await t.userWithRoles(['compliance-officer']);
  auditor = await t.userWithRoles(['auditor']);
  alice = await t.userWithRoles(['employee']);
  bob = await t.userWithRoles(['employee']);
  carol = await t.userWithRoles(['employee']);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function activeUserIds(): Promise<string[]> {
  return (await t.db.selectFrom('auth.users').select('id').where('status', '=', 'active').execute()).map((r) => r.id);
}

async function reminderMails(title: string) {
  const rows = await t.db
    .selectFrom('platform.jobs')
    .select('payload')
    .where('type', '=', 'platform.mail.send')
    .execute();
  return rows
    .map((r) => r.payload as { template: string; to: { address: string }[]; data: { title: string; version: number } })
    .filter((p) => p.template === 'compliance.policy-reminder' && p.data.title === title);
}

describe('policies', () => {
  let policyId: string;

  it('versions: publishing makes the new version current, the old one stays readable; write needs compliance:write; audited', async () => {
    const body = { title: 'Acceptable use', body: '# Acceptable use\n\nBe nice.' };
    expect((await a.call('POST', '/policies', alice.token, body)).status).toBe(403);
    expect((await a.call('POST', '/policies', auditor.token, body)).status).toBe(403);
    const p = expectStatus(await a.call<PolicyBody>('POST', '/policies', officer.token, body), 201);
    policyId = p.id;
    expect(p).toMatchObject({
      title: 'Acceptable use',
      currentVersion: 1,
      acknowledgements: 0,
      acknowledgedByMe: false,
    });

    const v2 = expectStatus(
      await a.call<VersionBody>('POST', `/policies/${policyId}/versions`, officer.token, {
        basedOn: 1,
        body: '# Acceptable use\n\nBe nice. Lock your screen.',
        notes: 'Screens',
      }),
      201,
    );
    expect(v2).toMatchObject({ number: 2, title: 'Acceptable use', current: true });
    // Another editor still on version 1: refused.
    const stale = await a.call<{ currentVersion: number }>('POST', `/policies/${policyId}/versions`, officer.token, {
      basedOn: 1,
      body: 'x',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect(
      (await a.call('POST', `/policies/${policyId}/versions`, alice.token, { basedOn: 2, body: 'x' })).status,
    ).toBe(403);

    // Every signed-in user reads the policy and its versions.
    const read = expectStatus(await a.call<PolicyBody>('GET', `/policies/${policyId}`, alice.token), 200);
    expect(read).toMatchObject({ currentVersion: 2, current: { number: 2, current: true } });
    const v1 = expectStatus(await a.call<VersionBody>('GET', `/policies/${policyId}/versions/1`, alice.token), 200);
    expect(v1).toMatchObject({ number: 1, current: false, body: '# Acceptable use\n\nBe nice.' });
    expect((await a.call('GET', `/policies/${policyId}/versions/3`, alice.token)).status).toBe(404);
    const page1 = expectStatus(
      await a.call<{ items: VersionBody[]; nextCursor: string | null }>(
        'GET',
        `/policies/${policyId}/versions?limit=1`,
        alice.token,
      ),
      200,
    );
    expect(page1.items.map((v) => v.number)).toEqual([2]);
    const page2 = expectStatus(
      await a.call<{ items: VersionBody[]; nextCursor: string | null }>(
        'GET',
        `/policies/${policyId}/versions?limit=1&cursor=${encodeURIComponent(page1.nextCursor!)}`,
        alice.token,
      ),
      200,
    );
    expect(page2.items.map((v) => v.number)).toEqual([1]);

    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', policyId)
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['compliance.policy-created', 'compliance.policy-version-published']);
  });

  it('acknowledges the current version once; an older version or a second time is a 409', async () => {
    const stale = await a.call('POST', `/policies/${policyId}/acknowledgements`, alice.token, { version: 1 });
    expect(stale.status).toBe(409);
    expect((await a.call('POST', `/policies/${policyId}/acknowledgements`, alice.token, { version: 9 })).status).toBe(
      404,
    );
    const ack = expectStatus(
      await a.call<{ version: number; userId: string }>('POST', `/policies/${policyId}/acknowledgements`, alice.token, {
        version: 2,
      }),
      201,
    );
    expect(ack).toMatchObject({ version: 2, userId: alice.id });
    expect((await a.call('POST', `/policies/${policyId}/acknowledgements`, alice.token, { version: 2 })).status).toBe(
      409,
    );
    const rows = await t.db.selectFrom('compliance.policy_acknowledgements').selectAll().execute();
    expect(rows.filter((r) => r.user_id === alice.id)).toHaveLength(1);
    const read = expectStatus(await a.call<PolicyBody>('GET', `/policies/${policyId}`, alice.token), 200);
    expect(read).toMatchObject({ acknowledgements: 1, acknowledgedByMe: true });
    const pending = expectStatus(
      await a.call<{ items: PolicyBody[] }>('GET', '/policies?pending=true', alice.token),
      200,
    );
    expect(pending.items.map((p) => p.id)).not.toContain(policyId);
    const bobPending = expectStatus(
      await a.call<{ items: PolicyBody[] }>('GET', '/policies?pending=true', bob.token),
      200,
    );
    expect(bobPending.items.map((p) => p.id)).toContain(policyId);
  });

  it('reports exactly the active users who have not acknowledged the current version', async () => {
    expectStatus(await a.call('POST', `/policies/${policyId}/acknowledgements`, bob.token, { version: 2 }), 201);
    // Carol leaves: a disabled account is not asked.
    await t.db.updateTable('auth.users').set({ status: 'inactive' }).where('id', '=', carol.id).execute();
    expect((await a.call('GET', `/policies/${policyId}/not-acknowledged`, alice.token)).status).toBe(403);
    const report = expectStatus(
      await a.call<Report>('GET', `/policies/${policyId}/not-acknowledged`, auditor.token),
      200,
    );
    const active = await activeUserIds();
    const expected = active.filter((id) => id !== alice.id && id !== bob.id).sort();
    // No HR employee in this database: the population is Auth's active users (policy-links.int.test.ts: by employee).
    expect(report.basis).toBe('users');
    expect(report.version).toBe(2);
    expect(report.population).toBe(active.length);
    expect(report.acknowledged).toBe(2);
    expect(report.people.map((u) => u.userId).sort()).toEqual(expected);
    expect(report.people.map((u) => u.userId)).not.toContain(carol.id);
    expect(report.people.map((u) => u.userId)).toContain(officer.id);
  });

  it('reminds each who has not acknowledged, once per version and day', async () => {
    expect((await a.call('POST', `/policies/${policyId}/remind`, auditor.token)).status).toBe(403);
    const first = expectStatus(await a.call<Reminder>('POST', `/policies/${policyId}/remind`, officer.token), 200);
    const expected = (await activeUserIds()).length - 2;
    expect(first).toMatchObject({ queued: true, recipients: expected, version: 2 });
    const mails = await reminderMails('Acceptable use');
    expect(mails).toHaveLength(expected);
    const to = mails.flatMap((m) => m.to.map((x) => x.address));
    expect(to).toContain(officer.email);
    expect(to).not.toContain(alice.email);
    expect(to).not.toContain(carol.email);

    const again = expectStatus(await a.call<Reminder>('POST', `/policies/${policyId}/remind`, officer.token), 200);
    expect(again).toMatchObject({ queued: false, recipients: expected, day: first.day });
    expect(await reminderMails('Acceptable use')).toHaveLength(expected);

    // The next day (yesterday's reminder moved back a day) it sends again.
    const yesterday = new Date(Date.parse(`${first.day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await t.db.updateTable('compliance.policy_reminders').set({ day: yesterday }).execute();
    const nextDay = expectStatus(await a.call<Reminder>('POST', `/policies/${policyId}/remind`, officer.token), 200);
    expect(nextDay.queued).toBe(true);
    expect(await reminderMails('Acceptable use')).toHaveLength(2 * expected);

    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', policyId)
      .where('action', '=', 'compliance.policy-reminder-sent')
      .execute();
    expect(audit).toHaveLength(2);

    // The queued mails render and send.
    const outcomes = await a.drain();
    expect(outcomes.filter((o) => o.outcome !== 'succeeded')).toEqual([]);
  });
});
