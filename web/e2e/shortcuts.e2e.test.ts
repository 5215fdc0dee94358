import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

interface Organization {
  id: string;
  name: string;
}

/** Keyboard shortcuts, and a CRM list's saved view and filters in the URL (issue #25, item 12). */
describe.skipIf(chromiumMissing)('keyboard shortcuts and views in the URL', { timeout: 120_000 }, () => {
  let e2e: E2E;
  const orgs: Record<string, Organization> = {};
  beforeAll(async () => {
    e2e = await startE2E();
    for (const [name, industry] of [
      ['Keyboard Alpha', 'Keys'],
      ['Keyboard Beta', 'Keys'],
      ['Keyboard Gamma', 'Mice'],
    ] as const)
      orgs[name] = await e2e.api<Organization>('POST', '/api/v1/crm/organizations', { name, industry });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('? lists the shortcuts, g c goes to CRM, j j Enter opens the second row, n a new form', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/');

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await help.getByRole('row', { name: /g then c\s*Go to CRM/ }).waitFor();
    expect(await help.locator('kbd', { hasText: '?' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'shortcuts-help');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.isVisible(), { timeout: 10_000 }).toBe(false);

    await page.keyboard.press('g');
    await page.keyboard.press('c');
    await page.waitForURL((u) => u.pathname === '/crm');

    // A list opened from a URL with its filters and sort; j j highlights the second row, Enter opens it.
    await page.goto('/crm/organizations?q=Keyboard&sort=name');
    const rows = page.getByRole('table', { name: 'Organizations' }).getByRole('row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4); // header + 3
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('Keyboard');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect
      .poll(() => page.locator('tbody tr.row-active').textContent(), { timeout: 10_000 })
      .toContain('Keyboard Beta');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `/crm/organizations/${orgs['Keyboard Beta']!.id}`);

    await page.goBack();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4);
    await page.keyboard.press('n');
    await page.waitForURL((u) => u.pathname === '/crm/organizations/new');
    await page.getByRole('heading', { name: 'New organization' }).waitFor();
  });

  it('a picked CRM view is in the URL: reloading, Back and a bookmark of the view restore it', async () => {
    const view = await e2e.api<{ id: string }>('POST', '/api/v1/views', {
      list: 'crm.organizations',
      name: 'Keys only',
      query: { industry: 'Keys', sort: '-name' },
    });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/crm/organizations');
    const industry = page.getByRole('textbox', { name: 'Industry' });
    const names = () =>
      page
        .getByRole('table', { name: 'Organizations' })
        .getByRole('link', { name: /^Keyboard/ })
        .allInnerTexts();
    await expect.poll(names, { timeout: 10_000 }).toEqual(['Keyboard Alpha', 'Keyboard Beta', 'Keyboard Gamma']);

    await page.getByLabel('Saved view').selectOption({ label: 'Keys only' });
    await expect.poll(names, { timeout: 10_000 }).toEqual(['Keyboard Beta', 'Keyboard Alpha']);
    const query = () => Object.fromEntries(new URL(page.url()).searchParams);
    expect(query()).toEqual({ view: view.id, industry: 'Keys', sort: '-name' });

    await page.reload();
    await expect.poll(names, { timeout: 10_000 }).toEqual(['Keyboard Beta', 'Keyboard Alpha']);
    expect(await industry.inputValue()).toBe('Keys');
    expect(await page.getByLabel('Saved view').inputValue()).toBe(view.id);
    await screenshot(page, 'shortcuts-view-in-url');

    // Back: the list as it was before the view was picked.
    await page.goBack();
    await expect.poll(names, { timeout: 10_000 }).toEqual(['Keyboard Alpha', 'Keyboard Beta', 'Keyboard Gamma']);
    expect(await industry.inputValue()).toBe('');
    expect(await page.getByLabel('Saved view').inputValue()).toBe('');

    // A bookmark naming only the view applies it.
    await page.goto(`/crm/organizations?view=${view.id}`);
    await expect.poll(() => industry.inputValue(), { timeout: 10_000 }).toBe('Keys');
    await expect.poll(names, { timeout: 10_000 }).toEqual(['Keyboard Beta', 'Keyboard Alpha']);
    await expect.poll(query, { timeout: 10_000 }).toEqual({ view: view.id, industry: 'Keys', sort: '-name' });
  });
});
