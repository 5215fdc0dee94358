import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';
import { seriousViolations } from './axe.js';

// The assessment workspace (a result with its justification, a finding and its remediation task) and
// policies (an employee acknowledges; the not-acknowledged report by HR employee shrinks).
describe.skipIf(chromiumMissing)('compliance workspace', { timeout: 180_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('records a not-applicable result with its justification, a finding, and its remediation task in Projects', async () => {
    await e2e.api('POST', '/api/v1/compliance/library/gdpr/import');
    await e2e.api('POST', '/api/v1/projects/projects', {
      code: 'SECFIX',
      name: 'E2E security fixes',
      status: 'active',
    });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/compliance/assessments');
    await page.getByRole('heading', { level: 1, name: 'Assessments', exact: true }).waitFor();
    await page.getByRole('button', { name: 'New assessment', exact: true }).click();
    const create = page.getByRole('dialog', { name: 'New assessment' });
    await create.getByLabel(/^Framework version( \*)?$/).selectOption({ index: 1 });
    await create.getByLabel(/^Assessment name( \*)?$/).fill('E2E GDPR review');
    await create.getByLabel('Scope', { exact: true }).fill('The EU subsidiary');
    await create.getByRole('button', { name: 'Create assessment', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E GDPR review' }).waitFor();
    // GDPR's assessable requirements are its articles 5–50 (the obligations).
    await page.getByText('0 of 46 requirements assessed', { exact: true }).waitFor();

    // Not applicable needs a justification: refused at the field without one.
    await page.getByRole('button', { name: 'Assess Art. 5', exact: true }).click();
    const assess = page.getByRole('dialog', { name: 'Assess Art. 5' });
    await assess.getByLabel('Result', { exact: true }).selectOption('not-applicable');
    await assess.getByRole('button', { name: 'Save result', exact: true }).click();
    const justification = assess.getByLabel(/^Justification/);
    await expect.poll(() => justification.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    await justification.fill('We process no personal data in this scope.');
    await assess.getByLabel('Observation', { exact: true }).fill('Checked with the data protection officer.');
    await assess.getByRole('button', { name: 'Save result', exact: true }).click();
    await assess.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Art\. 5 / }) });
    await row.getByText('Not applicable', { exact: true }).waitFor();
    await row.getByText('We process no personal data in this scope.', { exact: false }).waitFor();
    await page.getByText('1 of 46 requirements assessed', { exact: true }).waitFor();
    const counts = page.getByRole('list', { name: 'Requirements per status' });
    expect(await counts.getByRole('listitem').filter({ hasText: 'Not applicable' }).textContent()).toMatch(/1$/);
    expect(await counts.getByRole('listitem').filter({ hasText: 'Not assessed' }).textContent()).toMatch(/45$/);

    // A finding on a requirement, then its remediation task in Projects, whose state shows here.
    await page.getByRole('button', { name: 'Record a finding on Art. 30', exact: true }).click();
    const finding = page.getByRole('dialog', { name: 'Finding on Art. 30' });
    await finding.getByLabel(/^Finding title( \*)?$/).fill('E2E no record of processing');
    await finding.getByLabel('Severity', { exact: true }).selectOption('high');
    await finding.getByRole('button', { name: 'Save finding', exact: true }).click();
    await finding.waitFor({ state: 'detached' });
    const findings = page.getByRole('table', { name: 'Findings of E2E GDPR review' });
    const findingRow = findings.getByRole('row').filter({ hasText: 'E2E no record of processing' });
    await findingRow.getByText('Open', { exact: true }).waitFor();
    expect(await findingRow.textContent()).toContain('Art. 30');
    await findingRow.getByRole('button', { name: 'Create remediation task for E2E no record of processing' }).click();
    const remediate = page.getByRole('dialog', { name: 'Remediate E2E no record of processing' });
    await remediate.getByLabel(/^Project( \*)?$/).selectOption({ label: 'SECFIX E2E security fixes' });
    await remediate.getByRole('button', { name: 'Create remediation task', exact: true }).click();
    await remediate.waitFor({ state: 'detached' });
    await findingRow.getByText('In remediation', { exact: true }).waitFor();
    await findingRow.getByRole('link', { name: /E2E no record of processing/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'compliance-assessment-workspace');
  });

  it('an employee acknowledges a policy; the not-acknowledged report of HR employees shrinks', async () => {
    const pat = await e2e.createUserWithRoles(['employee'], { name: 'Pat Policyreader' });
    for (const [firstName, userId] of [
      ['Pat', pat.id],
      ['Quinn', null],
    ] as const)
      await e2e.api('POST', '/api/v1/hr/employees', {
        firstName,
        lastName: 'Policyreader',
        workEmail: `${firstName.toLowerCase()}.policyreader@e2e.test`,
        startDate: '2025-02-03',
        ...(userId ? { userId } : {}),
      });
    const policy = await e2e.api<{ id: string }>('POST', '/api/v1/compliance/policies', {
      title: 'E2E clean desk policy',
      body: '# Clean desk\n\nLeave **nothing** on your desk.\n\n- Lock papers away\n- Lock your screen\n\n<script>window.pwned = 1</script>',
    });

    const admin = await e2e.newPage();
    await loginAs(admin, ADMIN.email, ADMIN.password, `/compliance/policies/${policy.id}`);
    await admin.getByRole('heading', { level: 1, name: 'E2E clean desk policy' }).waitFor();
    await admin.getByText('0 of 2 active employees acknowledged version 1', { exact: true }).waitFor();
    const report = admin.getByRole('table', { name: 'People who have not acknowledged version 1' });
    await report.getByRole('rowheader', { name: 'Pat Policyreader', exact: true }).waitFor();
    await report.getByRole('rowheader', { name: 'Quinn Policyreader', exact: true }).waitFor();

    // Pat has only the employee role: Compliance opens on the policies.
    const page = await e2e.newPage();
    await loginAs(page, pat.email, pat.password, '/compliance');
    await page.getByRole('heading', { level: 1, name: 'Policies', exact: true }).waitFor();
    await page.getByRole('link', { name: 'E2E clean desk policy', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E clean desk policy' }).waitFor();
    const text = page.getByRole('article', { name: 'Text of version 1' });
    await text.getByRole('heading', { name: 'Clean desk', exact: true }).waitFor();
    await text.locator('strong', { hasText: 'nothing' }).waitFor();
    expect(await text.getByRole('listitem').count()).toBe(2);
    // Raw HTML shows as text and never runs.
    await text.getByText('<script>window.pwned = 1</script>', { exact: false }).waitFor();
    expect(await page.evaluate('typeof globalThis.pwned')).toBe('undefined');
    await page.getByRole('button', { name: 'Acknowledge version 1', exact: true }).click();
    await page.getByText('You have acknowledged version 1.', { exact: false }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'compliance-policy-acknowledged');

    await admin.reload();
    await admin.getByText('1 of 2 active employees acknowledged version 1', { exact: true }).waitFor();
    const after = admin.getByRole('table', { name: 'People who have not acknowledged version 1' });
    await after.getByRole('rowheader', { name: 'Quinn Policyreader', exact: true }).waitFor();
    expect(await after.getByRole('rowheader', { name: 'Pat Policyreader', exact: true }).count()).toBe(0);
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'compliance-policy-report');
  });

  it("a control's page: its linked policy, evidence added with an owner and expiry (expired flagged), edited and removed", async () => {
    const me = await e2e.api<{ id: string }>('GET', '/api/v1/auth/me');
    const policy = await e2e.api<{ id: string }>('POST', '/api/v1/compliance/policies', {
      title: 'E2E access policy',
      body: 'Access on need.',
    });
    const control = await e2e.api<{ id: string }>('POST', '/api/v1/compliance/controls', {
      name: 'E2E quarterly access review',
      ownerId: me.id,
      status: 'implemented',
      policyIds: [policy.id],
      collectors: ['access-review'],
    });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/compliance/controls/${control.id}`);
    await page.getByRole('heading', { level: 1, name: 'E2E quarterly access review' }).waitFor();
    await page
      .getByRole('region', { name: 'Linked policies' })
      .getByRole('link', { name: 'E2E access policy' })
      .waitFor();
    await page.getByRole('region', { name: 'Collected evidence' }).getByText('Never run', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Add evidence', exact: true }).click();
    const add = page.getByRole('dialog', { name: 'New evidence' });
    await add.getByLabel('Kind', { exact: true }).selectOption('link');
    await add.getByLabel(/^Title( \*)?$/).fill('E2E Q1 review minutes');
    await add.getByLabel(/^Address( \*)?$/).fill('https://wiki.example.com/q1-review');
    await add.getByLabel('Expires on', { exact: true }).fill('2020-01-31');
    await add.getByRole('button', { name: 'Save evidence', exact: true }).click();
    await add.waitFor({ state: 'detached' });
    const table = page.getByRole('table', { name: 'Evidence of E2E quarterly access review' });
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'E2E Q1 review minutes' }) });
    await row.getByText('Expired', { exact: true }).waitFor();
    expect(await row.textContent()).toContain('Administrator');
    // Expired evidence turns the control amber, with the reason.
    await page.getByText('1 piece of evidence expired.', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'compliance-control-evidence');

    await row.getByRole('button', { name: 'Edit evidence E2E Q1 review minutes', exact: true }).click();
    const edit = page.getByRole('dialog', { name: 'Edit E2E Q1 review minutes' });
    await edit.getByLabel('Expires on', { exact: true }).fill('2099-12-31');
    await edit.getByRole('button', { name: 'Save evidence', exact: true }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(() => row.getByText('Expired', { exact: true }).count()).toBe(0);
    await expect.poll(() => page.getByText('1 piece of evidence expired.', { exact: true }).count()).toBe(0);

    await row.getByRole('button', { name: 'Remove evidence E2E Q1 review minutes', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove evidence', exact: true }).click();
    await page.getByText('No evidence yet', { exact: true }).waitFor();

    // The collector runs (a job): its latest artefact shows with its time and verified SHA-256.
    await e2e.api('POST', '/api/v1/compliance/collectors/run', { collectors: ['access-review'] });
    await expect
      .poll(
        async () =>
          (await e2e.api<{ key: string; latestRun: unknown }[]>('GET', '/api/v1/compliance/collectors')).find(
            (c) => c.key === 'access-review',
          )?.latestRun ?? null,
        { timeout: 30_000 },
      )
      .not.toBeNull();
    await page.reload();
    const artefacts = page.getByRole('region', { name: 'Collected evidence' });
    await artefacts.getByText('Passed', { exact: true }).waitFor();
    await artefacts.getByText('Hash verified', { exact: true }).waitFor();
    expect(await artefacts.locator('code.hash').getAttribute('title')).toMatch(/^[0-9a-f]{64}$/);

    // The policy's page lists the control.
    await page
      .getByRole('region', { name: 'Linked policies' })
      .getByRole('link', { name: 'E2E access policy' })
      .click();
    await page
      .getByRole('region', { name: 'Controls putting it into effect' })
      .getByRole('link', { name: 'E2E quarterly access review' })
      .waitFor();
  });

  it('creates an asset and a risk on it (ratings, accepted with approver and expiry), then edits its treatment', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/compliance/assets');
    await page.getByRole('heading', { level: 1, name: 'Assets', exact: true }).waitFor();
    await page.getByRole('button', { name: 'New asset', exact: true }).click();
    const asset = page.getByRole('dialog', { name: 'New asset' });
    await asset.getByLabel(/^Asset name( \*)?$/).fill('E2E CRM database');
    await asset.getByLabel('Kind', { exact: true }).selectOption('system');
    await asset.getByRole('button', { name: 'Save asset', exact: true }).click();
    await asset.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'E2E CRM database', exact: true }).waitFor();

    await page.getByRole('link', { name: 'Risk register', exact: true }).first().click();
    await page.getByRole('link', { name: 'New risk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'New risk' }).waitFor();
    await page.getByLabel(/^Risk title( \*)?$/).fill('E2E data leak from CRM');
    await page.getByLabel('Asset', { exact: true }).selectOption({ label: 'E2E CRM database' });
    await page.getByLabel('Likelihood', { exact: true }).selectOption('4');
    await page.getByLabel('Impact', { exact: true }).selectOption('3');
    await page.getByText(/^Score 12 \(/).waitFor();
    await page.getByLabel('Rated after controls', { exact: true }).check();
    await page.getByLabel('Residual likelihood', { exact: true }).selectOption('2');
    await page.getByLabel('Residual impact', { exact: true }).selectOption('2');
    await page.getByLabel('Treatment', { exact: true }).selectOption('accept');
    // Accepting needs an approver and an expiry: refused at the fields without.
    await page.getByRole('button', { name: 'Create risk', exact: true }).click();
    const approver = page.getByLabel(/^Approved by/);
    await expect.poll(() => approver.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    await approver.selectOption({ label: 'Administrator' });
    await page.getByLabel('Acceptance expires on', { exact: true }).fill('2099-06-30');
    await page.getByRole('button', { name: 'Create risk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Risk register' }).waitFor();
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Edit risk E2E data leak from CRM' }) });
    expect(await row.textContent()).toMatch(/Accept/);
    expect(await row.textContent()).toContain('Asset: E2E CRM database');

    await row.getByRole('link', { name: 'Edit risk E2E data leak from CRM' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit E2E data leak from CRM' }).waitFor();
    await page.getByLabel('Treatment', { exact: true }).selectOption('transfer');
    await page.getByLabel('Transferred to', { exact: true }).fill('Cyber insurance');
    await page.getByRole('button', { name: 'Save risk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Risk register' }).waitFor();
    const after = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Edit risk E2E data leak from CRM' }) });
    // The list refetches on return (the cached rows show first).
    await expect.poll(() => after.textContent(), { timeout: 10_000 }).toMatch(/Transfer/);
    const saved = await e2e.api<{
      items: { title: string; treatment: string; acceptedBy: string | null; residual: { score: number } }[];
    }>('GET', '/api/v1/compliance/risks?limit=200');
    expect(saved.items.find((r) => r.title === 'E2E data leak from CRM')).toMatchObject({
      treatment: 'transfer',
      acceptedBy: null,
      residual: { score: 4 },
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'compliance-risk-register-edited');
  });
});
