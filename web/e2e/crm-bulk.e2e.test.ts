import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

interface Stage {
  id: string;
  name: string;
  isWon: boolean;
  isLost: boolean;
}
interface Record {
  id: string;
  name: string;
  ownerId: string;
  stageId?: string;
}

/** Bulk actions and saved views on the CRM lists (issue #25, item 12). */
describe.skipIf(chromiumMissing)('crm bulk actions and saved views', { timeout: 120_000 }, () => {
  let e2e: E2E;
  let rita: { id: string };
  beforeAll(async () => {
    e2e = await startE2E();
    rita = await e2e.createUserWithRoles(['sales-rep', 'employee'], { name: 'Rita Rep' });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const org = (name: string, industry: string) =>
    e2e.api<Record>('POST', '/api/v1/crm/organizations', { name, industry });

  it('assigns two organizations to another rep, exports and deletes selected rows', async () => {
    const a = await org('Zephyr Alpha', 'Aerospace');
    const b = await org('Zephyr Beta', 'Retail');
    const c = await org('Zephyr Gamma', 'Retail');
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/crm/organizations');
    await page.getByRole('searchbox', { name: 'Search' }).fill('Zephyr');
    const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
    await expect.poll(() => page.getByRole('row').count(), { timeout: 10_000 }).toBe(4); // header + 3

    // Assign owner.
    await page.getByRole('checkbox', { name: 'Select Zephyr Alpha' }).check();
    await page.getByRole('checkbox', { name: 'Select Zephyr Beta' }).check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByText('2 selected').waitFor();
    await bar.getByLabel('New owner').selectOption({ label: 'Rita Rep' });
    await bar.getByRole('button', { name: 'Assign owner' }).click();
    await expect.poll(() => row('Zephyr Alpha').textContent(), { timeout: 10_000 }).toContain('Rita Rep');
    await expect.poll(() => row('Zephyr Beta').textContent(), { timeout: 10_000 }).toContain('Rita Rep');
    expect(await row('Zephyr Gamma').textContent()).not.toContain('Rita Rep');
    for (const r of [a, b])
      expect((await e2e.api<Record>('GET', `/api/v1/crm/organizations/${r.id}`)).ownerId).toBe(rita.id);
    await screenshot(page, 'crm-bulk-assigned');

    // Select all on the page, untick one, export: exactly those rows.
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await page.getByRole('checkbox', { name: 'Select Zephyr Beta' }).uncheck();
    await bar.getByText('2 selected').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      bar.getByRole('button', { name: 'Export selected' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,name,/);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual([a.id, c.id].sort());

    // Delete selected (asks first): only Gamma.
    await bar.getByRole('button', { name: 'Clear selection' }).click();
    await page.getByRole('checkbox', { name: 'Select Zephyr Gamma' }).check();
    await bar.getByRole('button', { name: 'Delete selected' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Delete 1 organization?').waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByRole('row').count(), { timeout: 10_000 }).toBe(3);
    await expect(e2e.api('GET', `/api/v1/crm/organizations/${c.id}`)).rejects.toThrow();
  });

  it('moves two opportunities to another stage', async () => {
    const { items } = await e2e.api<{ items: { isDefault: boolean; stages: Stage[] }[] }>(
      'GET',
      '/api/v1/crm/pipelines',
    );
    const [first, second] = items.find((p) => p.isDefault)!.stages.filter((s) => !s.isWon && !s.isLost);
    const deals: Record[] = [];
    for (const name of ['Quasar deal one', 'Quasar deal two'])
      deals.push(
        await e2e.api<Record>('POST', '/api/v1/crm/opportunities', { name, currency: 'EUR', stageId: first!.id }),
      );
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/crm/opportunities');
    await page.getByRole('searchbox', { name: 'Search' }).fill('Quasar');
    await expect.poll(() => page.getByRole('row').count(), { timeout: 10_000 }).toBe(3);
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByLabel('New stage').selectOption({ label: second!.name });
    await bar.getByRole('button', { name: 'Move to stage' }).click();
    for (const name of ['Quasar deal one', 'Quasar deal two'])
      await expect
        .poll(() => page.getByRole('row', { name: new RegExp(name) }).textContent(), { timeout: 10_000 })
        .toContain(second!.name);
    for (const d of deals)
      expect((await e2e.api<Record>('GET', `/api/v1/crm/opportunities/${d.id}`)).stageId).toBe(second!.id);
    await screenshot(page, 'crm-bulk-moved');
  });

  it('saves a filtered view, picks it after a reload, and deletes it', async () => {
    await org('Nimbus Air', 'Aviation');
    await org('Nimbus Shop', 'Groceries');
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/crm/organizations');
    await page.getByRole('row', { name: /Nimbus Shop/ }).waitFor(); // the list has loaded: its filtering can show
    await page.getByRole('textbox', { name: 'Industry' }).fill('Aviation');
    await expect.poll(() => page.getByRole('row', { name: /Nimbus Shop/ }).count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole('row', { name: /Nimbus Air/ }).waitFor();

    await page.getByRole('button', { name: 'Save view…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('View name').fill('Aviation only');
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await page.getByText('View "Aviation only" saved.').waitFor();
    // What the filter bar shows is saved, even when saved before the typed filter reloaded the list.
    const [saved] = (
      await e2e.api<{ items: { query: { [name: string]: string } }[] }>('GET', '/api/v1/views?list=crm.organizations')
    ).items;
    expect(saved?.query).toMatchObject({ industry: 'Aviation' });

    // A fresh page (the list's URL would bring the view back by itself: see shortcuts.e2e.test.ts).
    await page.goto('/crm/organizations');
    await page.getByRole('row', { name: /Nimbus Shop/ }).waitFor();
    await page.getByLabel('Saved view').selectOption({ label: 'Aviation only' });
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Industry' }).inputValue(), { timeout: 10_000 })
      .toBe('Aviation');
    await expect.poll(() => page.getByRole('row', { name: /Nimbus Shop/ }).count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole('row', { name: /Nimbus Air/ }).waitFor();
    await screenshot(page, 'crm-saved-view');

    await page.getByRole('button', { name: 'Delete view' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByLabel('Saved view').locator('option').count(), { timeout: 10_000 }).toBe(1);
    const views = await e2e.api<{ items: unknown[] }>('GET', '/api/v1/views?list=crm.organizations');
    expect(views.items).toEqual([]);
  });
});
