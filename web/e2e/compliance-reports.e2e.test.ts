import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';
import { seriousViolations } from './axe.js';

describe.skipIf(chromiumMissing)('compliance reports', { timeout: 180_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('runs the collectors, sees a control turn green, generates the SoA with its progress, opens it and verifies it', async () => {
    const me = await e2e.api<{ id: string }>('GET', '/api/v1/auth/me');
    const csf = await e2e.api<{ id: string }>('POST', '/api/v1/compliance/library/nist-csf/import');
    const page1 = await e2e.api<{ items: { id: string; refId: string }[] }>(
      'GET',
      `/api/v1/compliance/frameworks/${csf.id}/requirements?limit=200`,
    );
    const requirement = page1.items.find((r) => r.refId === 'PR.AA-05')!;
    const control = await e2e.api<{ id: string }>('POST', '/api/v1/compliance/controls', {
      name: 'E2E SoA access review',
      ownerId: me.id,
      status: 'implemented',
      collectors: ['access-review', 'password-policy'],
      requirementIds: [requirement.id],
    });

    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/compliance/controls/${control.id}`);
    await page.getByRole('heading', { level: 1, name: 'E2E SoA access review', exact: true }).waitFor();
    await page.getByText('Amber', { exact: true }).first().waitFor();

    await page.goto('/compliance/reports');
    await page.getByRole('heading', { level: 1, name: 'Compliance reports', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Run evidence collectors', exact: true }).click();
    await page.getByText('Evidence collected: the controls’ health is up to date', { exact: true }).waitFor({
      timeout: 60_000,
    });

    await page.goto(`/compliance/controls/${control.id}`);
    await page.getByRole('heading', { level: 1, name: 'E2E SoA access review', exact: true }).waitFor();
    await page.getByText('Green', { exact: true }).first().waitFor();
    await screenshot(page, 'compliance-reports-control-green');

    await page.goto('/compliance/reports');
    await page.getByRole('heading', { level: 2, name: 'Generate a report', exact: true }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Report type', { exact: true }).selectOption('soa');
    await page
      .getByRole('combobox', { name: 'Framework version', exact: true })
      .selectOption({ label: 'NIST Cybersecurity Framework 2.0' });
    await page.getByLabel('File format', { exact: true }).selectOption('pdf');
    await page.getByRole('button', { name: 'Generate report', exact: true }).click();
    // The progress indicator while the job runs, then the button to open the file.
    const active = page.getByRole('region', { name: 'Report in progress', exact: true });
    await active.waitFor();
    const open = active.getByRole('button', { name: 'Open the report', exact: true });
    await open.waitFor({ timeout: 60_000 });
    await screenshot(page, 'compliance-reports');

    const [file] = await Promise.all([page.waitForEvent('download'), open.click()]);
    expect(file.suggestedFilename()).toMatch(/^soa-nist-csf-2\.0-\d{4}-\d{2}-\d{2}\.pdf$/);
    const bytes = await readFile((await file.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { extractText, getDocumentProxy } = await import('unpdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    expect(text).toContain('Statement of Applicability - NIST Cybersecurity Framework 2.0');
    expect(text).toContain('E2E SoA access review (implemented, green)');

    const table = page.getByRole('table', { name: 'Generated reports', exact: true });
    const row = table.getByRole('row').filter({ hasText: 'Statement of Applicability' });
    await row.getByRole('cell', { name: 'Ready', exact: true }).waitFor();
    await row.getByRole('button', { name: `Verify ${file.suggestedFilename()}`, exact: true }).click();
    await row.getByText('Verified: the stored file matches its SHA-256', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
