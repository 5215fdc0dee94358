import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/platform/http/csv.js';
import { seedLedgerLines } from '../../src/modules/finance/index.js';
import { chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

/** Lines seeded on the exported account, and lines per job chunk (so progress moves visibly). */
const ENTRIES = 100;
const LINES_PER_ENTRY = 200;
const CHUNK = '20';

describe.skipIf(chromiumMissing)('background export and the jobs tray', { timeout: 120_000 }, () => {
  let e2e: E2E;
  const previousChunk = process.env.MOMS_GL_EXPORT_CHUNK;
  beforeAll(async () => {
    process.env.MOMS_GL_EXPORT_CHUNK = CHUNK;
    e2e = await startE2E();
  });
  afterAll(async () => {
    if (previousChunk === undefined) delete process.env.MOMS_GL_EXPORT_CHUNK;
    else process.env.MOMS_GL_EXPORT_CHUNK = previousChunk;
    await e2e?.close();
  });

  it('starts a general ledger export, shows its progress in the tray and downloads the file', async () => {
    const { items } = await e2e.api<{ items: { id: string; code: string }[] }>(
      'GET',
      '/api/v1/finance/accounts?limit=200',
    );
    const account = (code: string) => items.find((a) => a.code === code)!.id;
    await seedLedgerLines(await e2e.stack.runtime.getDb(), {
      debitAccountId: account('1300'),
      creditAccountId: account('4100'),
      entries: ENTRIES,
      linesPerEntry: LINES_PER_ENTRY,
    });
    const user = await e2e.createUserWithRoles(['accountant']);
    const page = await e2e.newPage();
    await loginAs(page, user.email, user.password, `/finance/reports/general-ledger?accountId=${account('1300')}`);
    await page.getByTestId('gl-closing').waitFor();
    await page.getByRole('button', { name: 'Export (background)' }).click();

    const tray = page.getByRole('region', { name: 'Background jobs' });
    const item = tray.getByRole('listitem', { name: 'General ledger export' });
    await item.waitFor();
    const download = item.getByRole('link', { name: /^Download general-ledger-1300-/ });
    // Watch the tray until the link appears: the running job's progress bar, with its values.
    const seen: number[] = [];
    const deadline = Date.now() + 90_000;
    while (!(await download.isVisible())) {
      if (Date.now() > deadline) throw new Error(`no download link; progress seen: ${seen.join(', ')}`);
      const bar = item.getByRole('progressbar');
      const value = await bar.getAttribute('value', { timeout: 200 }).catch(() => null);
      if (value !== null) {
        seen.push(Number(value));
        if (seen.length === 1) await screenshot(page, 'jobs-tray-running');
      }
      await page.waitForTimeout(100);
    }
    expect(seen.length).toBeGreaterThan(0);
    console.log(`progress values seen in the tray: ${[...new Set(seen)].join(', ')}`);
    expect(seen.some((v) => v > 0 && v < 100)).toBe(true);
    await screenshot(page, 'jobs-tray-done');

    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const text = await readFile((await file.path())!, 'utf8');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['date', 'entry_number', 'reference', 'memo', 'description', 'debit', 'credit', 'balance']);
    expect(rows[1]![4]).toBe('Opening balance');
    expect(rows.at(-1)![4]).toBe('Closing balance');
    const jobs = await e2e.api<{ items: { type: string; result: { rows: number } | null }[] }>(
      'GET',
      '/api/v1/jobs?scope=all&type=finance.general-ledger.export',
    );
    const lines = jobs.items[0]!.result!.rows;
    expect(lines).toBeGreaterThan(1000);
    expect(rows.length).toBe(lines + 3);
  });
});

describe.skipIf(chromiumMissing)('a CRM list exported from its Export CSV button', { timeout: 120_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it("starts a background job, shows it in the tray and downloads the user's rows", async () => {
    const user = await e2e.createUserWithRoles(['sales-rep', 'employee']);
    // Three organizations of theirs (created by the administrator, owned by the user): the export has
    // the records the user sees.
    for (const name of ['Tray Alpha', 'Tray Beta, Inc.', 'Tray Gamma'])
      await e2e.api('POST', '/api/v1/crm/organizations', { name, ownerId: user.id });
    const page = await e2e.newPage();
    await loginAs(page, user.email, user.password, '/crm/organizations');
    await page.getByRole('cell', { name: 'Tray Gamma', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const item = page.getByRole('region', { name: 'Background jobs' }).getByRole('listitem', { name: 'CRM export' });
    await item.waitFor();
    const download = item.getByRole('link', { name: 'Download organizations.csv' });
    await download.waitFor({ timeout: 60_000 });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const rows = parseCsv(await readFile((await file.path())!, 'utf8'));
    expect(rows[0]).toEqual(expect.arrayContaining(['id', 'name', 'domain', 'owner_id']));
    const name = rows[0]!.indexOf('name');
    expect(rows.slice(1).map((r) => r[name])).toEqual(['Tray Alpha', 'Tray Beta, Inc.', 'Tray Gamma']);
  });
});
