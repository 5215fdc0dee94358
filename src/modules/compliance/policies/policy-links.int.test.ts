import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { complianceApp, expectStatus, type ComplianceTestApp } from '../compliance.test-support.js';

// Policies linked to controls (control_policies), and the not-acknowledged report by HR employee.

type User = { id: string; email: string; token: string };
let t: TestApp;
let a: ComplianceTestApp;
let admin: User;
let officer: User;
let auditor: User;
let employee: User;

interface ControlBody {
  id: string;
  version: number;
  policyIds: string[];
}
interface Person {
  employeeId: string | null;
  employeeNumber: string | null;
  name: string;
  email: string;
  userId: string | null;
  hasAccount: boolean;
}
interface Report {
  version: number;
  basis: 'employees' | 'users';
  population: number;
  acknowledged: number;
  people: Person[];
}

beforeAll(async () => {
  t = await createTestApp();
  a = complianceApp(t);
  admin = await t.userWithRoles(['admin']);
  officer = await t.userWithRoles(['compliance-officer']);
  auditor = await t.userWithRoles(['auditor']);
  employee = await t.userWithRoles(['employee']);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const policy = async (title: string) =>
  expectStatus(
    await a.call<{ id: string; currentVersion: number }>('POST', '/policies', officer.token, {
      title,
      body: `# ${title}\n\nText.`,
    }),
    201,
  );

describe('who reads policies', () => {
  it('compliance:acknowledge: the employee role, the officer and the auditor hold it; a role without it is refused', async () => {
    const p = await policy('Clean desk policy');
    for (const u of [employee, auditor, officer])
      expect((await a.call('GET', `/policies/${p.id}`, u.token)).status).toBe(200);
    const rep = await t.userWithRoles(['sales-rep']);
    expect((await a.call('GET', '/policies', rep.token)).status).toBe(403);
    expect((await a.call('GET', `/policies/${p.id}`, rep.token)).status).toBe(403);
    expect((await a.call('POST', `/policies/${p.id}/acknowledgements`, rep.token, { version: 1 })).status).toBe(403);
    expectStatus(await a.call('POST', `/policies/${p.id}/acknowledgements`, employee.token, { version: 1 }), 201);
  });
});

describe('policies linked to controls', () => {
  it('links, replaces, filters by policy, audits, refuses an unknown policy, and a deleted control drops its links', async () => {
    const p1 = await policy('Access control policy');
    const p2 = await policy('Backup policy');
    const unknown = '00000000-0000-4000-8000-000000000001';
    const bad = await a.call<{ errors: { path: string }[] }>('POST', '/controls', officer.token, {
      name: 'Quarterly access review',
      ownerId: officer.id,
      policyIds: [p1.id, unknown],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.path)).toContain('policyIds.1');

    const control = expectStatus(
      await a.call<ControlBody>('POST', '/controls', officer.token, {
        name: 'Quarterly access review',
        ownerId: officer.id,
        policyIds: [p1.id, p1.id],
      }),
      201,
    );
    expect(control.policyIds).toEqual([p1.id]);
    const other = expectStatus(
      await a.call<ControlBody>('POST', '/controls', officer.token, { name: 'Nightly backups', ownerId: officer.id }),
      201,
    );
    expect(other.policyIds).toEqual([]);

    const patched = expectStatus(
      await a.call<ControlBody>('PATCH', `/controls/${control.id}`, officer.token, {
        version: control.version,
        policyIds: [p2.id, p1.id],
      }),
      200,
    );
    expect(patched.policyIds).toEqual([p1.id, p2.id].sort());
    // A patch without policyIds keeps them.
    const renamed = expectStatus(
      await a.call<ControlBody>('PATCH', `/controls/${control.id}`, officer.token, {
        version: patched.version,
        name: 'Quarterly access review (all systems)',
      }),
      200,
    );
    expect(renamed.policyIds).toEqual([p1.id, p2.id].sort());

    // The policy's controls: the list filtered by policy (compliance:read; an employee may not).
    const ofP2 = expectStatus(
      await a.call<{ items: ControlBody[] }>('GET', `/controls?policyId=${p2.id}`, auditor.token),
      200,
    );
    expect(ofP2.items.map((c) => c.id)).toEqual([control.id]);
    expect((await a.call('GET', `/controls?policyId=${p2.id}`, employee.token)).status).toBe(403);
    expect(
      (await a.call('PATCH', `/controls/${control.id}`, auditor.token, { version: 3, policyIds: [] })).status,
    ).toBe(403);

    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_id', '=', control.id)
      .where('action', '=', 'compliance.control-updated')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.before).toMatchObject({ policyIds: [p1.id] });
    expect((audit[0]!.after as { policyIds: string[] }).policyIds.sort()).toEqual([p1.id, p2.id].sort());

    // Unlinking one.
    const unlinked = expectStatus(
      await a.call<ControlBody>('PATCH', `/controls/${control.id}`, officer.token, {
        version: renamed.version,
        policyIds: [p2.id],
      }),
      200,
    );
    expect(unlinked.policyIds).toEqual([p2.id]);
    expect(
      expectStatus(await a.call<{ items: ControlBody[] }>('GET', `/controls?policyId=${p1.id}`, auditor.token), 200)
        .items,
    ).toEqual([]);

    expect((await a.call('DELETE', `/controls/${control.id}?version=${unlinked.version}`, officer.token)).status).toBe(
      204,
    );
    const links = await t.db
      .selectFrom('compliance.control_policies')
      .selectAll()
      .where('control_id', '=', control.id)
      .execute();
    expect(links).toEqual([]);
    const deleted = await t.db
      .selectFrom('platform.audit_log')
      .select('before')
      .where('entity_id', '=', control.id)
      .where('action', '=', 'compliance.control-deleted')
      .executeTakeFirstOrThrow();
    expect(deleted.before).toMatchObject({ policyIds: [p2.id] });
  });
});

describe('the not-acknowledged report by HR employee', () => {
  const hire = async (firstName: string, userId: string | null) => {
    const res = await t.request<{ id: string; version: number; employeeNumber: string }>(
      'POST',
      '/api/v1/hr/employees',
      {
        token: admin.token,
        body: {
          firstName,
          lastName: 'Tester',
          workEmail: `${firstName.toLowerCase()}.tester@example.com`,
          startDate: '2025-01-06',
          ...(userId ? { userId } : {}),
        },
      },
    );
    expect(res.status).toBe(201);
    return res.body;
  };
  const report = async (policyId: string) =>
    expectStatus(await a.call<Report>('GET', `/policies/${policyId}/not-acknowledged`, auditor.token), 200);

  it('without HR employees, the active users; with them, the active employees through their accounts', async () => {
    const p = await policy('Code of conduct');
    const before = await report(p.id);
    expect(before.basis).toBe('users');
    expect(before.people.map((x) => x.userId)).toContain(officer.id);

    const ann = await t.userWithRoles(['employee']);
    const ben = await t.userWithRoles(['employee']);
    const cat = await t.userWithRoles(['employee']);
    const dan = await t.userWithRoles(['employee']);
    const eAnn = await hire('Ann', ann.id);
    const eBen = await hire('Ben', ben.id);
    const eCyd = await hire('Cyd', null); // no account
    const eCat = await hire('Cat', cat.id); // account disabled below
    const eDan = await hire('Dan', dan.id); // terminated below: not in the population
    const ended = await t.request('POST', `/api/v1/hr/employees/${eDan.id}/terminate`, {
      token: admin.token,
      body: { version: eDan.version, endDate: '2026-11-30', reason: 'Resigned' },
    });
    expect(ended.status).toBe(200);
    await t.db.updateTable('auth.users').set({ status: 'inactive' }).where('id', '=', cat.id).execute();

    expectStatus(await a.call('POST', `/policies/${p.id}/acknowledgements`, ann.token, { version: 1 }), 201);
    // A user who is no employee acknowledges too: it does not count for the employees.
    expectStatus(await a.call('POST', `/policies/${p.id}/acknowledgements`, officer.token, { version: 1 }), 201);

    const r = await report(p.id);
    expect(r).toMatchObject({ basis: 'employees', version: 1, population: 4, acknowledged: 1 });
    const byEmployee = new Map(r.people.map((x) => [x.employeeId, x]));
    expect([...byEmployee.keys()].sort()).toEqual([eBen.id, eCyd.id, eCat.id].sort());
    expect(byEmployee.get(eBen.id)).toMatchObject({
      userId: ben.id,
      email: ben.email,
      hasAccount: true,
      name: 'Ben Tester',
      employeeNumber: eBen.employeeNumber,
    });
    expect(byEmployee.get(eCyd.id)).toMatchObject({ userId: null, email: 'cyd.tester@example.com', hasAccount: false });
    expect(byEmployee.get(eCat.id)).toMatchObject({ userId: cat.id, hasAccount: false });
    expect(r.people.map((x) => x.userId)).not.toContain(officer.id);
    expect(r.people.map((x) => x.employeeId)).not.toContain(eAnn.id);

    // Reminders go to those who can acknowledge: Ben only.
    const sent = expectStatus(
      await a.call<{ queued: boolean; recipients: number }>('POST', `/policies/${p.id}/remind`, officer.token),
      200,
    );
    expect(sent).toMatchObject({ queued: true, recipients: 1 });
    const mails = (
      await t.db.selectFrom('platform.jobs').select('payload').where('type', '=', 'platform.mail.send').execute()
    )
      .map((row) => row.payload as { template: string; to: { address: string }[]; data: { title: string } })
      .filter((m) => m.template === 'compliance.policy-reminder' && m.data.title === 'Code of conduct');
    expect(mails.flatMap((m) => m.to.map((x) => x.address))).toEqual([ben.email]);

    // Ben acknowledges: the report shrinks. A new version needs everyone again.
    expectStatus(await a.call('POST', `/policies/${p.id}/acknowledgements`, ben.token, { version: 1 }), 201);
    const after = await report(p.id);
    expect(after.acknowledged).toBe(2);
    expect(after.people.map((x) => x.employeeId).sort()).toEqual([eCyd.id, eCat.id].sort());
    expectStatus(
      await a.call('POST', `/policies/${p.id}/versions`, officer.token, {
        basedOn: 1,
        body: '# Code of conduct\n\nv2',
      }),
      201,
    );
    const v2 = await report(p.id);
    expect(v2).toMatchObject({ version: 2, acknowledged: 0, population: 4 });
  });
});
