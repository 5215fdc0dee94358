import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';
import { seriousViolations } from './axe.js';

describe.skipIf(chromiumMissing)('compliance privacy requests', { timeout: 180_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('requests an export of a contact (found by search), sees it done and downloads the JSON', async () => {
    const contact = await e2e.api<{ id: string }>('POST', '/api/v1/crm/contacts', {
      firstName: 'Priya',
      lastName: 'Exportova',
      emails: ['priya.exportova@example.com'],
    });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/compliance/privacy');
    await page.getByRole('heading', { level: 1, name: 'Privacy requests', exact: true }).waitFor();
    await page.getByRole('button', { name: 'New privacy request', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New privacy request' });
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByLabel('Request kind', { exact: true }).selectOption('export');
    await dialog.getByLabel('Subject type', { exact: true }).selectOption('crm.contact');
    await dialog.getByLabel('Find the contact', { exact: true }).fill('Exportova');
    await dialog.getByRole('option', { name: /Priya Exportova/ }).click();
    expect(await dialog.getByRole('textbox', { name: 'Subject id', exact: true }).inputValue()).toBe(contact.id);
    await dialog.getByRole('textbox', { name: 'Reason for the request', exact: true }).fill('E2E data-subject request');
    await dialog.getByRole('button', { name: 'Submit privacy request', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const table = page.getByRole('table', { name: 'Privacy requests' });
    const row = table.getByRole('row').filter({ hasText: contact.id });
    await row.waitFor();
    // The job runs in the background: refresh until it is done.
    const deadline = Date.now() + 60_000;
    while (!(await row.getByRole('cell', { name: 'Done', exact: true }).isVisible())) {
      if (Date.now() > deadline) throw new Error(`not done: ${await row.textContent()}`);
      await page.getByRole('button', { name: 'Refresh list', exact: true }).click();
      await page.waitForTimeout(500);
    }
    expect(await row.textContent()).toMatch(/records exported/);
    await screenshot(page, 'compliance-privacy-requests');
    expect(await seriousViolations(page)).toEqual([]);

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: /^Download the export of request / }).click(),
    ]);
    const doc = JSON.parse(await readFile((await file.path())!, 'utf8')) as {
      format: string;
      modules: { module: string; sections: { key: string; records: { id: string }[] }[] }[];
    };
    expect(doc.format).toBe('moms-privacy-export/1');
    const contacts = doc.modules.find((m) => m.module === 'crm')!.sections.find((s) => s.key === 'crm.contacts')!;
    expect(contacts.records.map((r) => r.id)).toEqual([contact.id]);
  });
});
