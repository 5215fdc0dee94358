import { addDays } from '../../platform/dates.js';
import type { DemoGenerator } from '../../platform/demo/demo.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { createUser } from '../auth/index.js';
import { activeEmployeesWithUsers } from '../hr/index.js';
import { CreateAssessmentBody, CreateFindingBody, SetResultBody } from './assessments/assessments.schemas.js';
import { createAssessment, setResult } from './assessments/assessments.service.js';
import { createFinding } from './assessments/findings.service.js';
import { CreateControlBody } from './controls/controls.schemas.js';
import { createControl } from './controls/controls.service.js';
import { CreateEvidenceBody } from './evidence/evidence.schemas.js';
import { createEvidence } from './evidence/evidence.service.js';
import { runCollectors } from './evidence/collector-runs.service.js';
import { createMapping, importBuiltin } from './frameworks/frameworks.service.js';
import { CreatePolicyBody } from './policies/policies.schemas.js';
import { acknowledge, createPolicy } from './policies/policies.service.js';
import { createAsset } from './risks/assets.service.js';
import { CreateAssetBody, CreateRiskBody } from './risks/risks.schemas.js';
import { createRisk } from './risks/risks.service.js';

const INFOSEC_POLICY = `# Information security policy

We protect the information entrusted to us: **customers'**, **employees'** and our own.

## Principles

- Access is granted on need and reviewed every quarter.
- Every change to records is logged in a tamper-evident audit log.
- Incidents are reported to the security officer the same day.

See the [NIST Cybersecurity Framework](https://www.nist.gov/cyberframework) for the outcomes we aim at.
`;

const ACCEPTABLE_USE_POLICY = `# Acceptable use policy

1. Use company systems for company work; reasonable personal use is fine.
2. Lock your screen when you leave your desk.
3. Never share your password or your second factor.

*Questions:* ask the compliance officer.
`;

/** The same password and domain as the auth demo's people. */
const DEMO_PASSWORD = 'demo-password-2026';
const DOMAIN = 'demo.moms.local';

/**
 * Demo compliance programme: NIST CSF 2.0 and GDPR imported, mappings between them, five controls
 * (three backed by the automated collectors), evidence, three assets and four risks (one per
 * treatment but avoid), a CSF self-assessment with a finding, and one run of every collector on the demo
 * data. Skipped when NIST CSF is
 * already imported. Through the services, so audited.
 */
export const complianceDemo: DemoGenerator = {
  module: 'compliance',
  async generate({ db, faker, log }) {
    const existing = await db
      .selectFrom('compliance.frameworks')
      .select('id')
      .where('key', '=', 'nist-csf')
      .executeTakeFirst();
    if (existing) {
      log('compliance: demo data already present; skipped');
      return;
    }
    const email = `compliance-officer@${DOMAIN}`;
    const officer = await createUser(
      db,
      { actor: null, requestId: 'demo' },
      {
        email,
        name: faker.person.fullName(),
        password: DEMO_PASSWORD,
        roles: ['compliance-officer', 'employee'],
      },
    );
    const ctx: RequestContext = {
      actor: { userId: officer.id, email, roles: ['compliance-officer'], permissions: ['compliance:admin'] },
      requestId: 'demo',
    };
    const csf = await importBuiltin(db, ctx, 'nist-csf');
    const gdpr = await importBuiltin(db, ctx, 'gdpr');
    const refs = new Map(
      (
        await db
          .selectFrom('compliance.requirements')
          .select(['id', 'ref_id', 'framework_id'])
          .where('framework_id', 'in', [csf.id, gdpr.id])
          .execute()
      ).map((r) => [`${r.framework_id === csf.id ? 'csf' : 'gdpr'}:${r.ref_id}`, r.id]),
    );
    const req = (key: string) => refs.get(key)!;
    for (const [csfRef, article] of [
      ['PR.AA-05', 'Art. 32'],
      ['PR.DS-11', 'Art. 32'],
      ['ID.AM-07', 'Art. 30'],
      ['RS.CO-02', 'Art. 33'],
    ] as const)
      await createMapping(db, ctx, {
        sourceId: req(`csf:${csfRef}`),
        targetId: req(`gdpr:${article}`),
        relationship: 'related',
      });

    // Policies: the information-security policy is what the access-review control puts into effect;
    // acceptable use is acknowledged by some of the employees (the rest are in the report).
    const infosec = await createPolicy(
      db,
      ctx,
      CreatePolicyBody.parse({
        title: 'Information security policy',
        body: INFOSEC_POLICY,
      }),
    );
    const acceptableUse = await createPolicy(
      db,
      ctx,
      CreatePolicyBody.parse({ title: 'Acceptable use policy', body: ACCEPTABLE_USE_POLICY }),
    );

    const today = new Date().toISOString().slice(0, 10);
    const control = (input: Record<string, unknown>) =>
      createControl(db, ctx, CreateControlBody.parse({ ownerId: officer.id, ...input }));
    const auditLog = await control({
      name: 'Tamper-evident audit log',
      description: 'Every change is recorded with who and when in a hash chain that is verified daily.',
      status: 'implemented',
      reviewFrequencyDays: 365,
      requirementIds: [req('csf:PR.PS-04'), req('csf:RS.AN-06')],
      collectors: ['audit-log-chain'],
    });
    const accessReview = await control({
      name: 'Access review and least privilege',
      description: 'Roles grant only what a job needs; privileged accounts and all access are reviewed.',
      status: 'implemented',
      reviewFrequencyDays: 90,
      requirementIds: [req('csf:PR.AA-05'), req('csf:PR.AA-01')],
      policyIds: [infosec.id],
      collectors: ['access-review', 'privileged-accounts'],
    });
    await control({
      name: 'Leaver deprovisioning',
      description: 'Accounts of employees who leave are disabled on their last day.',
      status: 'implemented',
      reviewFrequencyDays: 180,
      requirementIds: [req('csf:GV.RR-04'), req('csf:PR.AA-01')],
      collectors: ['terminated-active'],
    });
    const backups = await control({
      name: 'Backups tested quarterly',
      status: 'in-progress',
      reviewFrequencyDays: 90,
      requirementIds: [req('csf:PR.DS-11'), req('csf:RC.RP-03')],
    });
    await control({
      name: 'Security awareness training',
      status: 'planned',
      reviewFrequencyDays: 365,
      nextReviewDate: addDays(today, 30),
      requirementIds: [req('csf:PR.AT-01'), req('csf:PR.AT-02')],
    });
    for (const e of [
      {
        controlId: backups.id,
        kind: 'link',
        title: 'Restore test runbook',
        url: 'https://wiki.example.com/ops/restore-test',
        expiresOn: addDays(today, 90),
      },
      {
        controlId: accessReview.id,
        kind: 'note',
        title: 'Q3 review sign-off',
        note: 'Reviewed with department heads; two roles narrowed.',
        expiresOn: addDays(today, 60),
      },
      {
        controlId: auditLog.id,
        kind: 'note',
        title: 'Design note',
        note: 'See docs/adr/0004 (audit hash chain sealed after commit).',
      },
    ])
      await createEvidence(db, ctx, CreateEvidenceBody.parse({ ownerId: officer.id, ...e }));

    const asset = async (name: string, kind: string) =>
      createAsset(db, ctx, CreateAssetBody.parse({ name, kind, ownerId: officer.id }));
    const database = await asset('MOMS production database', 'system');
    const customers = await asset('Customer records', 'information');
    const payroll = await asset('Payroll data', 'information');
    const risk = (input: Record<string, unknown>) =>
      createRisk(db, ctx, CreateRiskBody.parse({ ownerId: officer.id, ...input }));
    await risk({
      title: 'Unauthorised change to financial records',
      assetId: database.id,
      threat: 'A privileged insider alters postings and covers their tracks',
      inherent: { likelihood: 3, impact: 5 },
      residual: { likelihood: 1, impact: 4 },
      treatment: 'mitigate',
      controlIds: [auditLog.id, accessReview.id],
    });
    await risk({
      title: 'Former employee keeps access',
      assetId: customers.id,
      threat: 'An account is not disabled when its owner leaves',
      inherent: { likelihood: 4, impact: 4 },
      residual: { likelihood: 2, impact: 3 },
      treatment: 'mitigate',
      controlIds: [accessReview.id],
    });
    await risk({
      title: 'Payroll provider outage',
      assetId: payroll.id,
      threat: "The payroll provider's service is unavailable on pay day",
      inherent: { likelihood: 2, impact: 4 },
      treatment: 'transfer',
      transferredTo: 'Provider SLA with service credits; business-interruption insurance',
    });
    await risk({
      title: 'Laptop theft',
      threat: 'A laptop with cached documents is stolen',
      inherent: { likelihood: 3, impact: 2 },
      residual: { likelihood: 3, impact: 2 },
      treatment: 'accept',
      acceptedBy: officer.id,
      acceptanceExpiresOn: addDays(today, 180),
    });
    const assessment = await createAssessment(
      db,
      ctx,
      CreateAssessmentBody.parse({
        frameworkId: csf.id,
        name: 'CSF 2.0 self-assessment',
        scope: 'MOMS and its hosting',
      }),
    );
    for (const [ref, status, justification] of [
      ['PR.AA-05', 'compliant', ''],
      ['PR.PS-04', 'compliant', ''],
      ['PR.DS-11', 'partially-compliant', ''],
      ['PR.AT-01', 'non-compliant', ''],
      ['DE.CM-02', 'not-applicable', 'No premises of our own: the team works remotely and hosting is in the cloud.'],
    ] as const)
      await setResult(db, ctx, assessment.id, req(`csf:${ref}`), SetResultBody.parse({ status, justification }));
    await createFinding(
      db,
      ctx,
      CreateFindingBody.parse({
        assessmentId: assessment.id,
        requirementId: req('csf:PR.AT-01'),
        title: 'No security awareness training yet',
        description: 'New starters get no security briefing; there is no yearly refresher.',
        severity: 'medium',
      }),
    );
    // Every other employee with an account (HR's demo) acknowledges acceptable use; without HR's
    // demo, the officer alone.
    const withAccounts = (await activeEmployeesWithUsers(db)).filter((e) => e.userId !== null);
    const readers =
      withAccounts.length >= 2 ? withAccounts.filter((_, i) => i % 2 === 0).map((e) => e.userId!) : [officer.id];
    for (const userId of readers)
      await acknowledge(
        db,
        { actor: { userId, email: '', roles: [], permissions: [] }, requestId: 'demo' },
        acceptableUse.id,
        { version: 1 },
      );
    const runs = await runCollectors(db);
    log(
      `compliance: NIST CSF 2.0 and GDPR, 5 controls, 4 risks, an assessment with a finding, 2 policies (${readers.length} acknowledgements), collectors ${runs.map((r) => `${r.collector}=${r.status}`).join(', ')}; officer ${email}`,
    );
  },
};
