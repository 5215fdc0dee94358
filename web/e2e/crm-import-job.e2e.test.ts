import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

/** Rows of the file (each padded so the file passes the 1 MB of a synchronous import), and rows per job chunk. */
const ROWS = 6_000;
const CHUNK = '1000';

describe.skipIf(chromiumMissing)('a large CRM import as a background job', { timeout: 120_000 }, () => {
  let e2e: E2E;
  const previousChunk = process.env.MOMS_CRM_IMPORT_CHUNK;
  beforeAll(async () => {
    process.env.MOMS_CRM_IMPORT_CHUNK = CHUNK;
    e2e = await startE2E();
  });
  afterAll(async () => {
    if (previousChunk === undefined) delete process.env.MOMS_CRM_IMPORT_CHUNK;
    else process.env.MOMS_CRM_IMPORT_CHUNK = previousChunk;
    await e2e?.close();
  });

  it('uploads a contacts CSV over 1 MB, checks it in the background (a job counting rows), and lists the problems', async () => {
    const lines = ['first_name,last_name,emails,title'];
    const pad = 'x'.repeat(150);
    for (let i = 1; i <= ROWS; i++)
      lines.push(i === 4_321 ? `Nameless,,nobody${i}@big.example,${pad}` : `P${i},Big,p${i}@big.example,${pad}`);
    const csv = Buffer.from(lines.join('\n'));
    expect(csv.length).toBeGreaterThan(1_000_000);

    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/crm/import?kind=contacts');
    await page.getByRole('heading', { name: 'Import contacts' }).waitFor();
    await page.getByLabel('CSV file').setInputFiles({ name: 'big-contacts.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByText('A large file: it is uploaded and checked in the background.').waitFor();
    const started = page.waitForResponse((r) => r.url().endsWith('/api/v1/crm/imports') && r.status() === 202);
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await started;

    const problems = page.getByRole('table', { name: 'Problems by row' });
    await problems.waitFor({ timeout: 90_000 });
    await expect.poll(() => problems.getByRole('row').count()).toBe(2); // header + the one error
    await problems.getByRole('row').filter({ hasText: '4321' }).filter({ hasText: 'lastName' }).waitFor();
    await page
      .getByRole('list', { name: 'Counts' })
      .getByText(String(ROWS - 1))
      .waitFor();
    await screenshot(page, 'crm-import-job-dry-run');
    // The job counted the rows as it went (the page showed the same message while it ran).
    const jobs = await e2e.api<{ items: { type: string; status: string; progressMessage: string | null }[] }>(
      'GET',
      '/api/v1/jobs',
    );
    expect(jobs.items.find((j) => j.type === 'crm.import')).toMatchObject({
      status: 'succeeded',
      progressMessage: '6,000 of 6,000 rows',
    });
    // A dry run: nothing written.
    const contacts = await e2e.api<{ items: unknown[] }>('GET', '/api/v1/crm/contacts?q=p1%40big.example');
    expect(contacts.items).toHaveLength(0);
  });
});
