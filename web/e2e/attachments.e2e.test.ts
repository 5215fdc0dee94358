import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

/**
 * The attachments panel (web/src/components/AttachmentsPanel.tsx) on a CRM organization and a Finance
 * invoice: upload through the presigned PUT of the local server, list, download, remove.
 */
describe.skipIf(chromiumMissing)('attachments', { timeout: 90_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('attaches a file to an organization, downloads it and removes it', async () => {
    const org = await e2e.api<{ id: string }>('POST', '/api/v1/crm/organizations', { name: 'Paperwork Ltd' });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/crm/organizations/${org.id}`);
    await page.getByRole('heading', { name: 'Attachments' }).waitFor();
    await page.getByText('No attachments yet').waitFor();

    const contents = 'Signed contract, page 1\n'.repeat(2000);
    await page.getByTestId('attachments-input').setInputFiles({
      name: 'contract.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(contents),
    });
    const link = page.getByRole('button', { name: 'contract.txt', exact: true });
    await link.waitFor();
    await page.getByText('Attached contract.txt.').waitFor();
    const listed = await e2e.api<{ items: { fileName: string; size: number }[] }>(
      'GET',
      `/api/v1/files/attachments?recordType=crm.organization&recordId=${org.id}`,
    );
    expect(listed.items).toEqual([expect.objectContaining({ fileName: 'contract.txt', size: contents.length })]);
    await screenshot(page, 'attachments-organization');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('contract.txt');
    const file = await download.path();
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(file, 'utf8')).toBe(contents);

    await page.getByRole('button', { name: 'Remove contract.txt' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await page.getByText('No attachments yet').waitFor();
  });

  it('refuses a program with the reason, and shows the panel on an invoice', async () => {
    const org = await e2e.api<{ id: string }>('POST', '/api/v1/crm/organizations', { name: 'Programs Inc' });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/crm/organizations/${org.id}`);
    await page.getByRole('heading', { name: 'Attachments' }).waitFor();
    await page.getByTestId('attachments-input').setInputFiles({
      name: 'setup.exe',
      mimeType: 'application/x-msdownload',
      buffer: Buffer.from('MZ...'),
    });
    await page.getByText('Programs and scripts cannot be attached.').first().waitFor();

    const party = await e2e.api<{ id: string }>('POST', '/api/v1/finance/parties', {
      kind: 'customer',
      name: 'Invoice Files Ltd',
    });
    const invoice = await e2e.api<{ id: string }>('POST', '/api/v1/finance/invoices', {
      partyId: party.id,
      date: '2026-03-01',
      lines: [{ description: 'item', quantity: '1', unitPrice: '100.00' }],
    });
    await page.goto(`/finance/invoices/${invoice.id}`);
    await page.getByRole('heading', { name: 'Attachments' }).waitFor();
    await page.getByTestId('attachments-input').setInputFiles({
      name: 'scan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 test'),
    });
    await page.getByRole('button', { name: 'scan.pdf', exact: true }).waitFor();
  });
});
