import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import {
  complianceApp,
  expectStatus,
  requirementsOf,
  type ComplianceTestApp,
  type ControlBody,
} from './compliance.test-support.js';

let t: TestApp;
let a: ComplianceTestApp;
let admin: { id: string; token: string };
let officer: { id: string; token: string };
let auditor: { token: string };
let employee: { id: string; token: string };
let csfId: string;
let gdprId: string;

const library = (version: string, refs: string[]) => ({
  format: 'moms-compliance-library/1',
  framework: { key: 'acme-sec', version, name: `Acme Security ${version}` },
  requirements: [
    { refId: 'A', title: 'Area A', children: refs.map((refId) => ({ refId, title: `Requirement ${refId}` })) },
  ],
});

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

describe('frameworks', () => {
  it('imports the built-in NIST CSF 2.0 and GDPR once each; the auditor reads, an employee sees nothing', async () => {
    const lib = expectStatus(
      await a.call<{ key: string; importedFrameworkId: string | null }[]>('GET', '/library', auditor.token),
      200,
    );
    expect(lib.map((l) => l.key)).toEqual(['nist-csf', 'gdpr']);
    expect((await a.call('POST', '/library/nist-csf/import', auditor.token)).status).toBe(403);
    const csf = expectStatus(
      await a.call<{ id: string; requirementCount: number; current: boolean; builtin: boolean }>(
        'POST',
        '/library/nist-csf/import',
        officer.token,
      ),
      201,
    );
    expect(csf).toMatchObject({ requirementCount: 134, current: true, builtin: true });
    csfId = csf.id;
    gdprId = expectStatus(await a.call<{ id: string }>('POST', '/library/gdpr/import', officer.token), 201).id;
    const again = await a.call<{ status: number }>('POST', '/library/nist-csf/import', officer.token);
    expect(again.status).toBe(409);
    expect((await a.call('POST', '/library/iso-27001/import', officer.token)).status).toBe(404);

    const reqs = await requirementsOf(a, auditor.token, csfId);
    expect(reqs.size).toBe(134);
    expect(reqs.get('PR.AA-05')).toMatchObject({ depth: 2, assessable: true, parentId: reqs.get('PR.AA')!.id });
    expect(reqs.get('PR.AA')!.parentId).toBe(reqs.get('PR')!.id);
    expect((await a.call('GET', '/frameworks', employee.token)).status).toBe(403);
    const page = expectStatus(
      await a.call<{ items: unknown[]; nextCursor: string | null }>('GET', '/frameworks?limit=1', auditor.token),
      200,
    );
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
  });

  it('refuses a bad library with a 422 naming the requirement', async () => {
    const bad = library('1.0', ['A.1', 'A.2']);
    bad.requirements[0]!.children[1]!.title = '';
    const res = await a.call<{ errors: { path: string; message: string }[] }>(
      'POST',
      '/frameworks',
      officer.token,
      bad,
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ path: 'requirements.0.children.1.title' });
    expect(res.body.errors[0]!.message).toContain('"A.2"');
    expect((await a.call('POST', '/frameworks', officer.token, { hello: 'world' })).status).toBe(422);
  });

  it('a newer version becomes current, keeps the old one with its links, and carries control links by refId', async () => {
    const v1 = expectStatus(
      await a.call<{ id: string }>('POST', '/frameworks', officer.token, library('1.9', ['A.1', 'A.2'])),
      201,
    );
    const v1Reqs = await requirementsOf(a, officer.token, v1.id);
    const control = expectStatus(
      await a.call<ControlBody>('POST', '/controls', officer.token, {
        name: 'Acme control',
        ownerId: officer.id,
        requirementIds: [v1Reqs.get('A.1')!.id],
      }),
      201,
    );
    const v2 = expectStatus(
      await a.call<{ id: string; current: boolean; previousVersionId: string; controlLinksCarried: number }>(
        'POST',
        '/frameworks',
        officer.token,
        library('1.10', ['A.1', 'A.3']),
      ),
      201,
    );
    expect(v2).toMatchObject({ current: true, previousVersionId: v1.id, controlLinksCarried: 1 });
    expect(
      expectStatus(await a.call<{ current: boolean }>('GET', `/frameworks/${v1.id}`, officer.token), 200).current,
    ).toBe(false);
    // The old version keeps its requirement and its link; the new one has the same refId linked.
    expect((await requirementsOf(a, officer.token, v1.id)).get('A.1')!.controlIds).toEqual([control.id]);
    expect((await requirementsOf(a, officer.token, v2.id)).get('A.1')!.controlIds).toEqual([control.id]);
    // An older version imported later does not become current.
    const old = expectStatus(
      await a.call<{ current: boolean }>('POST', '/frameworks', officer.token, library('1.2', ['A.1'])),
      201,
    );
    expect(old.current).toBe(false);
    const current = expectStatus(
      await a.call<{ items: { version: string }[] }>('GET', '/frameworks?key=acme-sec&current=true', officer.token),
      200,
    );
    expect(current.items.map((f) => f.version)).toEqual(['1.10']);
  });

  it('a control linked to one framework covers a mapped requirement of another; linked to both, it satisfies both', async () => {
    const csf = await requirementsOf(a, officer.token, csfId);
    const gdpr = await requirementsOf(a, officer.token, gdprId);
    const before = expectStatus(
      await a.call<{ covered: number }>('GET', `/frameworks/${gdprId}/coverage`, officer.token),
      200,
    );
    const control = expectStatus(
      await a.call<ControlBody>('POST', '/controls', officer.token, {
        name: 'Least privilege',
        ownerId: officer.id,
        status: 'implemented',
        requirementIds: [csf.get('PR.AA-05')!.id],
      }),
      201,
    );
    expectStatus(
      await a.call('POST', '/mappings', officer.token, {
        sourceId: csf.get('PR.AA-05')!.id,
        targetId: gdpr.get('Art. 32')!.id,
        relationship: 'intersect',
      }),
      201,
    );
    expect(
      (
        await a.call('POST', '/mappings', officer.token, {
          sourceId: gdpr.get('Art. 32')!.id,
          targetId: csf.get('PR.AA-05')!.id,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await a.call('POST', '/mappings', officer.token, {
          sourceId: csf.get('PR.AA-01')!.id,
          targetId: csf.get('PR.AA-05')!.id,
        })
      ).status,
    ).toBe(422);
    const detail = expectStatus(
      await a.call<{ mappedControlIds: string[]; mappings: { source: { refId: string } }[] }>(
        'GET',
        `/requirements/${gdpr.get('Art. 32')!.id}`,
        auditor.token,
      ),
      200,
    );
    expect(detail.mappedControlIds).toEqual([control.id]);
    expect(detail.mappings[0]!.source.refId).toBe('PR.AA-05');
    const after = expectStatus(
      await a.call<{ covered: number; coveredViaMapping: number; implemented: number }>(
        'GET',
        `/frameworks/${gdprId}/coverage`,
        officer.token,
      ),
      200,
    );
    expect(after.covered).toBe(before.covered + 1);
    expect(after.coveredViaMapping).toBeGreaterThanOrEqual(1);

    // Linked directly to both frameworks: covered directly in each.
    const both = expectStatus(
      await a.call<ControlBody>('POST', '/controls', officer.token, {
        name: 'Records of processing',
        ownerId: officer.id,
        requirementIds: [csf.get('ID.AM-07')!.id, gdpr.get('Art. 30')!.id],
      }),
      201,
    );
    expect((await requirementsOf(a, officer.token, csfId)).get('ID.AM-07')!.controlIds).toContain(both.id);
    expect((await requirementsOf(a, officer.token, gdprId)).get('Art. 30')!.controlIds).toContain(both.id);
    const listed = expectStatus(
      await a.call<{ items: { id: string }[] }>(
        'GET',
        `/controls?requirementId=${gdpr.get('Art. 30')!.id}`,
        auditor.token,
      ),
      200,
    );
    expect(listed.items.map((c) => c.id)).toEqual([both.id]);
    expect(
      (
        await a.call(
          'DELETE',
          `/mappings?sourceId=${csf.get('PR.AA-05')!.id}&targetId=${gdpr.get('Art. 32')!.id}`,
          officer.token,
        )
      ).status,
    ).toBe(204);
  });
});

describe('controls and evidence', () => {
  it('checks owners, requirements and versions; audits; refuses deleting a control with evidence', async () => {
    expect((await a.call('POST', '/controls', officer.token, { name: 'X', ownerId: crypto.randomUUID() })).status).toBe(
      422,
    );
    expect(
      (
        await a.call('POST', '/controls', officer.token, {
          name: 'X',
          ownerId: officer.id,
          requirementIds: [crypto.randomUUID()],
        })
      ).status,
    ).toBe(422);
    expect((await a.call('POST', '/controls', auditor.token, { name: 'X', ownerId: officer.id })).status).toBe(403);
    const control = expectStatus(
      await a.call<ControlBody>('POST', '/controls', officer.token, {
        name: 'Backups',
        ownerId: officer.id,
        reviewFrequencyDays: 90,
      }),
      201,
    );
    expect(control.health.status).toBe('amber'); // planned
    const updated = expectStatus(
      await a.call<ControlBody>('PATCH', `/controls/${control.id}`, officer.token, {
        version: 1,
        status: 'implemented',
      }),
      200,
    );
    expect(updated).toMatchObject({ version: 2, health: { status: 'green' } });
    expect(
      (await a.call('PATCH', `/controls/${control.id}`, officer.token, { version: 1, name: 'Stale' })).status,
    ).toBe(409);

    expect(
      (await a.call('POST', '/evidence', officer.token, { controlId: control.id, kind: 'link', title: 'No URL' }))
        .status,
    ).toBe(422);
    expect(
      (
        await a.call('POST', '/evidence', officer.token, {
          controlId: control.id,
          kind: 'link',
          title: 'Bad',
          url: 'javascript:alert(1)',
        })
      ).status,
    ).toBe(422);
    const link = expectStatus(
      await a.call<{ id: string; ownerId: string; expired: boolean }>('POST', '/evidence', officer.token, {
        controlId: control.id,
        kind: 'link',
        title: 'Restore test',
        url: 'https://wiki.example.com/restore',
        expiresOn: '2020-01-01',
      }),
      201,
    );
    expect(link).toMatchObject({ ownerId: officer.id, expired: true });
    const withEvidence = expectStatus(await a.call<ControlBody>('GET', `/controls/${control.id}`, auditor.token), 200);
    expect(withEvidence.evidenceCount).toBe(1);
    expect(withEvidence.health).toMatchObject({ status: 'amber', reasons: [{ code: 'evidence-expired' }] });
    const expired = expectStatus(
      await a.call<{ items: { id: string }[] }>('GET', `/evidence?controlId=${control.id}&expired=true`, auditor.token),
      200,
    );
    expect(expired.items.map((e) => e.id)).toEqual([link.id]);

    expect((await a.call('DELETE', `/controls/${control.id}?version=2`, officer.token)).status).toBe(409);
    expect((await a.call('DELETE', `/evidence/${link.id}?version=1`, officer.token)).status).toBe(204);
    expect((await a.call('DELETE', `/controls/${control.id}?version=2`, officer.token)).status).toBe(204);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', 'in', [control.id, link.id])
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'compliance.control-created',
      'compliance.control-updated',
      'compliance.evidence-created',
      'compliance.evidence-deleted',
      'compliance.control-deleted',
    ]);
  });
});

describe('evidence collectors', () => {
  let control: ControlBody;
  const health = async () =>
    expectStatus(await a.call<ControlBody>('GET', `/controls/${control.id}`, auditor.token), 200).health;
  const collect = async (collectors?: string[]) => {
    const job = expectStatus(
      await a.call<{ jobId: string }>('POST', '/collectors/run', officer.token, collectors ? { collectors } : {}),
      202,
    );
    await a.drain();
    return job.jobId;
  };
  const latest = async (collector: string) =>
    expectStatus(
      await a.call<{ items: { id: string; status: string; summary: string; jobId: string }[] }>(
        'GET',
        `/collector-runs?collector=${collector}&limit=1`,
        auditor.token,
      ),
      200,
    ).items[0]!;

  it('a control requiring collectors is amber until they run, green when they pass', async () => {
    control = expectStatus(
      await a.call<ControlBody>('POST', '/controls', officer.token, {
        name: 'Leavers and audit log',
        ownerId: officer.id,
        status: 'implemented',
        collectors: ['terminated-active', 'audit-log-chain', 'access-review', 'privileged-accounts', 'access-changes'],
      }),
      201,
    );
    expect(control.health.status).toBe('amber');
    expect(control.health.reasons.map((r) => r.code)).toContain('collector-never-run');
    expect((await a.call('POST', '/collectors/run', auditor.token, {})).status).toBe(403);
    const jobId = await collect();
    expect(await health()).toEqual({ status: 'green', reasons: [] });
    expect((await latest('audit-log-chain')).jobId).toBe(jobId);

    const access = await latest('access-review');
    const run = expectStatus(
      await a.call<{
        artefact: {
          collector: string;
          result: { users: { id: string; roles: string[]; lastSignInAt: string | null }[] };
        };
        sha256: string;
        integrity: { valid: boolean };
      }>('GET', `/collector-runs/${access.id}`, auditor.token),
      200,
    );
    expect(run.integrity.valid).toBe(true);
    expect(run.artefact.collector).toBe('access-review');
    expect(run.artefact.result.users.find((u) => u.id === officer.id)?.roles).toEqual(['compliance-officer']);
    const privileged = await latest('privileged-accounts');
    const detail = expectStatus(
      await a.call<{ artefact: { result: { privileged: { id: string; privileges: string[] }[] } } }>(
        'GET',
        `/collector-runs/${privileged.id}`,
        auditor.token,
      ),
      200,
    );
    expect(detail.artefact.result.privileged.find((p) => p.id === admin.id)?.privileges).toContain('*');
    expect(detail.artefact.result.privileged.some((p) => p.id === employee.id)).toBe(false);

    const changes = await latest('access-changes');
    const changed = expectStatus(
      await a.call<{
        artefact: { result: { changes: { action: string; entityId: string; after: { roles?: string[] } }[] } };
      }>('GET', `/collector-runs/${changes.id}`, auditor.token),
      200,
    );
    expect(
      changed.artefact.result.changes.find((c) => c.entityId === officer.id && c.action === 'user.created')?.after
        .roles,
    ).toEqual(['compliance-officer']);
    // The next run covers only what happened since.
    await t.userWithRoles(['auditor']);
    await collect(['access-changes']);
    const next = await latest('access-changes');
    const since = expectStatus(
      await a.call<{ artefact: { result: { changes: { entityId: string }[] } } }>(
        'GET',
        `/collector-runs/${next.id}`,
        auditor.token,
      ),
      200,
    );
    expect(since.artefact.result.changes).toHaveLength(1);

    // A changed byte in the stored artefact no longer matches its hash.
    await sql`update compliance.collector_runs set artefact = replace(artefact, '"access-review"', '"access-reviev"') where id = ${access.id}`.execute(
      t.db,
    );
    expect(
      expectStatus(
        await a.call<{ integrity: { valid: boolean } }>('GET', `/collector-runs/${access.id}`, auditor.token),
        200,
      ).integrity.valid,
    ).toBe(false);
  });

  it('a terminated employee whose account is still active is listed and turns the control red', async () => {
    const leaver = await t.userWithRoles(['employee']);
    const created = await t.request<{ id: string; version: number }>('POST', '/api/v1/hr/employees', {
      token: admin.token,
      body: {
        firstName: 'Lee',
        lastName: 'Ver',
        workEmail: 'lee.ver@example.com',
        startDate: '2024-01-08',
        userId: leaver.id,
      },
    });
    expect(created.status).toBe(201);
    const ended = await t.request('POST', `/api/v1/hr/employees/${created.body.id}/terminate`, {
      token: admin.token,
      body: { version: created.body.version, endDate: '2026-11-30', reason: 'Resigned' },
    });
    expect(ended.status).toBe(200);
    await collect(['terminated-active']);
    const run = await latest('terminated-active');
    expect(run.status).toBe('failed');
    expect(run.summary).toContain('Lee Ver');
    const detail = expectStatus(
      await a.call<{ artefact: { result: { stillActive: { userId: string }[] } } }>(
        'GET',
        `/collector-runs/${run.id}`,
        auditor.token,
      ),
      200,
    );
    expect(detail.artefact.result.stillActive.map((s) => s.userId)).toEqual([leaver.id]);
    expect(await health()).toMatchObject({
      status: 'red',
      reasons: [{ code: 'collector-failing', collector: 'terminated-active' }],
    });

    // The account is disabled: the next run passes and the control is green again.
    const user = await t.request<{ version: number }>('GET', `/api/v1/auth/users/${leaver.id}`, { token: admin.token });
    const disabled = await t.request('POST', `/api/v1/auth/users/${leaver.id}/deactivate`, {
      token: admin.token,
      body: { version: user.body.version },
    });
    expect(disabled.status).toBe(200);
    await collect(['terminated-active']);
    expect((await latest('terminated-active')).status).toBe('passed');
    expect((await health()).status).toBe('green');
  });

  it('a run older than its window turns the control amber', async () => {
    await sql`update compliance.collector_runs set collected_at = collected_at - interval '30 hours' where collector = 'audit-log-chain'`.execute(
      t.db,
    );
    expect(await health()).toMatchObject({
      status: 'amber',
      reasons: [{ code: 'collector-stale', collector: 'audit-log-chain' }],
    });
    await collect(['audit-log-chain']);
    expect((await health()).status).toBe('green');
  });

  it('an altered audit record turns the audit-log control red', async () => {
    const victim = await t.db
      .selectFrom('platform.audit_log')
      .select(['id', 'after'])
      .where('seq', 'is not', null)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await t.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update platform.audit_log set after = ${JSON.stringify({ tampered: true })}::jsonb where id = ${victim.id}`.execute(
        trx,
      );
    });
    try {
      await collect(['audit-log-chain']);
      const run = await latest('audit-log-chain');
      expect(run.status).toBe('failed');
      expect(run.summary).toContain('altered');
      expect(await health()).toMatchObject({
        status: 'red',
        reasons: [{ code: 'collector-failing', collector: 'audit-log-chain' }],
      });
    } finally {
      await t.db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql`update platform.audit_log set after = ${victim.after === null ? null : JSON.stringify(victim.after)}::jsonb where id = ${victim.id}`.execute(
          trx,
        );
      });
    }
    await collect(['audit-log-chain']);
    expect((await latest('audit-log-chain')).status).toBe('passed');
  });
});

describe('risk register', () => {
  let controlId: string;
  beforeAll(async () => {
    controlId = expectStatus(
      await a.call<ControlBody>('POST', '/controls', officer.token, { name: 'Risk control', ownerId: officer.id }),
      201,
    ).id;
  });

  it('checks ratings and each treatment’s fields; approvers must hold compliance:admin', async () => {
    const base = { title: 'Data breach', inherent: { likelihood: 4, impact: 5 } };
    const problem = async (body: Record<string, unknown>) => {
      const res = await a.call<{ errors: { path: string }[] }>('POST', '/risks', officer.token, { ...base, ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      return res.body.errors.map((e) => e.path);
    };
    expect(await problem({ treatment: 'mitigate' })).toEqual(['controlIds']);
    expect(await problem({ treatment: 'accept' })).toEqual(['acceptedBy', 'acceptanceExpiresOn']);
    expect(await problem({ treatment: 'transfer' })).toEqual(['transferredTo']);
    expect(await problem({ inherent: { likelihood: 6, impact: 1 } })).toEqual(['inherent.likelihood']);
    expect(await problem({ residual: { likelihood: 5, impact: 5 } })).toEqual(['residual']);
    expect(await problem({ treatment: 'accept', acceptedBy: employee.id, acceptanceExpiresOn: '2099-01-01' })).toEqual([
      'acceptedBy',
    ]);
    expect(await problem({ treatment: 'accept', acceptedBy: officer.id, acceptanceExpiresOn: '2020-01-01' })).toEqual([
      'acceptanceExpiresOn',
    ]);

    const asset = expectStatus(
      await a.call<{ id: string }>('POST', '/assets', officer.token, { name: 'CRM', kind: 'system' }),
      201,
    );
    const mitigated = expectStatus(
      await a.call<{
        id: string;
        version: number;
        inherent: { score: number; band: string };
        residual: { band: string };
        controlIds: string[];
      }>('POST', '/risks', officer.token, {
        ...base,
        assetId: asset.id,
        residual: { likelihood: 2, impact: 3 },
        treatment: 'mitigate',
        controlIds: [controlId],
      }),
      201,
    );
    expect(mitigated).toMatchObject({
      inherent: { score: 20, band: 'critical' },
      residual: { band: 'medium' },
      controlIds: [controlId],
    });
    const accepted = expectStatus(
      await a.call<{ id: string; version: number; acceptedBy: string }>('POST', '/risks', officer.token, {
        title: 'Office flood',
        inherent: { likelihood: 1, impact: 3 },
        treatment: 'accept',
        acceptedBy: officer.id,
        acceptanceExpiresOn: '2099-06-30',
      }),
      201,
    );
    // Switching treatment clears the other treatment's fields.
    const transferred = expectStatus(
      await a.call<{ acceptedBy: string | null; transferredTo: string; version: number }>(
        'PATCH',
        `/risks/${accepted.id}`,
        officer.token,
        {
          version: accepted.version,
          treatment: 'transfer',
          transferredTo: 'Insurer',
        },
      ),
      200,
    );
    expect(transferred).toMatchObject({ acceptedBy: null, transferredTo: 'Insurer', version: 2 });
    expect((await a.call('DELETE', `/controls/${controlId}?version=1`, officer.token)).status).toBe(409);
    expect((await a.call('DELETE', `/assets/${asset.id}?version=1`, officer.token)).status).toBe(409);

    const heat = expectStatus(
      await a.call<{ cells: { likelihood: number; impact: number; count: number }[]; total: number; unrated: number }>(
        'GET',
        '/risks/heat-map',
        auditor.token,
      ),
      200,
    );
    expect(heat.cells).toHaveLength(25);
    expect(heat.cells.find((c) => c.likelihood === 4 && c.impact === 5)!.count).toBe(1);
    expect(heat.cells.reduce((n, c) => n + c.count, 0)).toBe(heat.total);
    const residual = expectStatus(
      await a.call<{ cells: { likelihood: number; impact: number; count: number }[]; unrated: number }>(
        'GET',
        '/risks/heat-map?basis=residual',
        auditor.token,
      ),
      200,
    );
    expect(residual.cells.find((c) => c.likelihood === 2 && c.impact === 3)!.count).toBe(1);
    expect(residual.unrated).toBe(1);
  });

  it('the matrix is configurable, but not below a rated risk', async () => {
    const matrix = expectStatus(
      await a.call<{ version: number; likelihoodLevels: string[] }>('GET', '/risk-matrix', auditor.token),
      200,
    );
    expect(matrix.likelihoodLevels).toHaveLength(5);
    const three = {
      likelihoodLevels: ['Low', 'Medium', 'High'],
      impactLevels: ['Low', 'Medium', 'High'],
      bands: [
        { name: 'low', minScore: 1 },
        { name: 'high', minScore: 6 },
      ],
    };
    expect((await a.call('PUT', '/risk-matrix', officer.token, { version: matrix.version, ...three })).status).toBe(
      409,
    );
    expect((await a.call('PUT', '/risk-matrix', auditor.token, { version: matrix.version, ...three })).status).toBe(
      403,
    );
    expect(
      (
        await a.call('PUT', '/risk-matrix', officer.token, {
          version: matrix.version,
          ...three,
          bands: [{ name: 'low', minScore: 2 }],
        })
      ).status,
    ).toBe(422);
    const six = expectStatus(
      await a.call<{ version: number; impactLevels: string[] }>('PUT', '/risk-matrix', officer.token, {
        version: matrix.version,
        likelihoodLevels: ['1', '2', '3', '4', '5', '6'],
        impactLevels: ['1', '2', '3', '4', '5', '6'],
        bands: [
          { name: 'low', minScore: 1 },
          { name: 'high', minScore: 12 },
        ],
      }),
      200,
    );
    expect(six.version).toBe(matrix.version + 1);
    const heat = expectStatus(
      await a.call<{ cells: { band: string; likelihood: number; impact: number }[] }>(
        'GET',
        '/risks/heat-map',
        auditor.token,
      ),
      200,
    );
    expect(heat.cells).toHaveLength(36);
    expect(heat.cells.find((c) => c.likelihood === 6 && c.impact === 2)!.band).toBe('high');
    expect((await a.call('PUT', '/risk-matrix', officer.token, { version: matrix.version, ...three })).status).toBe(
      409,
    );
  });
});

describe('assessments and findings', () => {
  it('records a status per requirement (not-applicable needs a justification) and counts them', async () => {
    const csf = await requirementsOf(a, officer.token, csfId);
    const assessment = expectStatus(
      await a.call<{ id: string; version: number; summary: Record<string, number> }>(
        'POST',
        '/assessments',
        officer.token,
        {
          frameworkId: csfId,
          name: 'CSF 2026',
          scope: 'MOMS production',
        },
      ),
      201,
    );
    expect(assessment.summary).toMatchObject({ 'not-assessed': 106, compliant: 0 });
    const set = (refId: string, body: Record<string, unknown>) =>
      a.call<{ status: string }>(
        'PUT',
        `/assessments/${assessment.id}/results/${csf.get(refId)!.id}`,
        officer.token,
        body,
      );
    expect((await set('PR.AA-05', { status: 'not-applicable' })).status).toBe(422);
    expect((await set('PR.AA', { status: 'compliant' })).status).toBe(422); // a category is not assessable
    expect(
      (
        await a.call('PUT', `/assessments/${assessment.id}/results/${crypto.randomUUID()}`, officer.token, {
          status: 'compliant',
        })
      ).status,
    ).toBe(404);
    expect(
      expectStatus(await set('PR.AA-05', { status: 'compliant', observation: 'Roles reviewed.' }), 200).status,
    ).toBe('compliant');
    expectStatus(await set('PR.AA-05', { status: 'partially-compliant' }), 200);
    expectStatus(await set('DE.CM-02', { status: 'not-applicable', justification: 'No premises: fully remote.' }), 200);
    const after = expectStatus(
      await a.call<{ summary: Record<string, number> }>('GET', `/assessments/${assessment.id}`, auditor.token),
      200,
    );
    expect(after.summary).toMatchObject({ 'not-assessed': 104, 'partially-compliant': 1, 'not-applicable': 1 });
    const results = expectStatus(
      await a.call<{ items: { refId: string; status: string }[] }>(
        'GET',
        `/assessments/${assessment.id}/results?q=DE.CM-02`,
        auditor.token,
      ),
      200,
    );
    expect(results.items).toEqual([expect.objectContaining({ refId: 'DE.CM-02', status: 'not-applicable' })]);
    const completed = expectStatus(
      await a.call<{ version: number }>('PATCH', `/assessments/${assessment.id}`, officer.token, {
        version: assessment.version,
        status: 'completed',
      }),
      200,
    );
    expect(completed.version).toBe(assessment.version + 1);
    expect((await set('PR.AA-01', { status: 'compliant' })).status).toBe(409);
  });

  it("a finding's remediation task is created in Projects and completing it closes the finding", async () => {
    const csf = await requirementsOf(a, officer.token, csfId);
    const assessment = expectStatus(
      await a.call<{ id: string }>('POST', '/assessments', officer.token, { frameworkId: csfId, name: 'Findings' }),
      201,
    );
    const finding = expectStatus(
      await a.call<{ id: string; version: number; status: string }>('POST', '/findings', officer.token, {
        assessmentId: assessment.id,
        requirementId: csf.get('PR.DS-11')!.id,
        title: 'Backups never restored',
        severity: 'high',
      }),
      201,
    );
    expect(finding.status).toBe('open');
    const project = await t.request<{ id: string }>('POST', '/api/v1/projects/projects', {
      token: admin.token,
      body: { code: `CMP${Date.now().toString(36).slice(-4).toUpperCase()}`, name: 'Compliance remediation' },
    });
    expect(project.status).toBe(201);
    // The officer holds no projects permission: Projects' own rule refuses them.
    expect(
      (
        await a.call('POST', `/findings/${finding.id}/remediation`, officer.token, {
          version: 1,
          projectId: project.body.id,
        })
      ).status,
    ).toBe(403);
    const remediated = expectStatus(
      await a.call<{ status: string; taskId: string; version: number }>(
        'POST',
        `/findings/${finding.id}/remediation`,
        admin.token,
        {
          version: 1,
          projectId: project.body.id,
          dueDate: '2027-01-31',
        },
      ),
      200,
    );
    expect(remediated.status).toBe('in-remediation');
    expect(
      (
        await a.call('POST', `/findings/${finding.id}/remediation`, admin.token, {
          version: remediated.version,
          projectId: project.body.id,
        })
      ).status,
    ).toBe(409);
    const task = await t.request<{ id: string; title: string; version: number; dueDate: string }>(
      'GET',
      `/api/v1/projects/tasks/${remediated.taskId}`,
      {
        token: admin.token,
      },
    );
    expect(task.body).toMatchObject({ title: 'Remediate: Backups never restored', dueDate: '2027-01-31' });
    const statuses = await t.request<{ items: { id: string; category: string }[] }>(
      'GET',
      `/api/v1/projects/projects/${project.body.id}/statuses`,
      {
        token: admin.token,
      },
    );
    const done = statuses.body.items.find((s) => s.category === 'done')!.id;
    const completed = await t.request('PATCH', `/api/v1/projects/tasks/${remediated.taskId}`, {
      token: admin.token,
      body: { version: task.body.version, statusId: done },
    });
    expect(completed.status).toBe(200);
    await a.drain();
    const closed = expectStatus(
      await a.call<{ status: string; closedAt: string | null }>('GET', `/findings/${finding.id}`, auditor.token),
      200,
    );
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
  });
});
