import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

describe.skipIf(chromiumMissing)('shell', { timeout: 60_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('signs the admin in to the dashboard with every module in the navigation', async () => {
    const page = await e2e.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'login');

    await loginAs(page, ADMIN.email, ADMIN.password);
    await expect(page.getByRole('heading', { name: 'Welcome, Administrator' }).isVisible()).resolves.toBe(true);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const label of ['Finance', 'CRM', 'HR', 'Administration'])
      await nav.getByRole('heading', { name: label }).waitFor();
    await page.getByRole('heading', { name: 'Newest users' }).waitFor();
    await page.getByRole('link', { name: 'Administrator' }).waitFor(); // the widget's list
    await screenshot(page, 'admin-dashboard');

    // Reloading keeps the session (refresh token), and global search finds users.
    await page.reload();
    await page.getByRole('combobox', { name: 'Search' }).fill('admin');
    await page.getByRole('option', { name: /Administrator/ }).waitFor();
    await screenshot(page, 'global-search');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Administrator', level: 1 }).waitFor();

    // Sign out from the user menu.
    await page.getByRole('button', { name: /account menu/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  it('the temporary-password banner goes once the password is changed', async () => {
    const email = `temp-${Date.now()}@e2e.test`;
    // No password given: the server makes a temporary one, to be replaced at first use.
    const { temporaryPassword } = await e2e.api<{ temporaryPassword: string }>('POST', '/api/v1/auth/users', {
      email,
      name: 'Tess Temporary',
      roles: ['employee'],
    });
    const page = await e2e.newPage();
    await loginAs(page, email, temporaryPassword);
    const banner = page.getByText('You are using a temporary password.', { exact: false });
    await banner.waitFor();
    await page.getByRole('button', { name: /account menu/ }).click();
    await page.getByRole('button', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change password' });
    await dialog.getByLabel(/^Current password/).fill(temporaryPassword);
    await dialog.getByLabel(/^New password/).fill('my very own password 2');
    await dialog.getByLabel(/^Repeat the new password/).fill('my very own password 2');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();
    await banner.waitFor({ state: 'detached' });
  });

  it('hides Finance from a sales rep and explains the missing access at /finance', async () => {
    const rep = await e2e.createUserWithRoles(['sales-rep'], { name: 'Sam Seller' });
    const page = await e2e.newPage();
    await loginAs(page, rep.email, rep.password);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('heading', { name: 'CRM' }).waitFor();
    expect(await nav.getByText('Finance').count()).toBe(0);
    expect(await nav.getByText('Administration').count()).toBe(0);
    await screenshot(page, 'sales-rep-dashboard');

    await page.goto('/finance');
    await page.getByRole('heading', { name: 'You don’t have access to Finance' }).waitFor();
    expect(page.url()).toBe(`${e2e.baseUrl}/finance`);
    await screenshot(page, 'sales-rep-no-access-finance');
  });

  it('collapses the navigation into a menu button on a phone, in the dark theme', async () => {
    const page = await e2e.newPage({ phone: true, colorScheme: 'dark' });
    await loginAs(page, ADMIN.email, ADMIN.password);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('link', { name: 'Administrator' }).waitFor(); // the widget has loaded
    await screenshot(page, 'phone-dashboard-dark');
    await page.getByRole('button', { name: 'Menu', exact: true }).click();
    await nav.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('cell', { name: ADMIN.email }).waitFor();
    await screenshot(page, 'phone-users-dark');
  });

  // Issue #25: the API docs render with no internet (the viewer comes from the web build, not a CDN),
  // and the local server sends the app's JavaScript compressed.
  it('the user menu links to the API docs, which render with every other host unreachable', async () => {
    const page = await e2e.newPage();
    const origin = new URL(e2e.baseUrl).origin;
    const elsewhere: string[] = [];
    // The network beyond this server is "down": anything not same-origin fails.
    await page.context().route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
      elsewhere.push(url);
      return route.abort('internetdisconnected');
    });
    const scripts: Promise<{ url: string; encoding: string | undefined; bytes: number }>[] = [];
    const watch = (response: Response) => {
      if (response.url().endsWith('.js'))
        scripts.push(
          response.body().then((body) => ({
            url: response.url(),
            encoding: response.headers()['content-encoding'],
            bytes: body.length,
          })),
        );
    };
    page.on('response', watch);

    await loginAs(page, ADMIN.email, ADMIN.password);
    await page.getByRole('button', { name: /account menu/ }).click();
    const link = page.getByRole('link', { name: 'API documentation' });
    expect(await link.getAttribute('href')).toBe('/api/docs');

    const [docs] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    docs.on('response', watch);
    await docs.getByRole('heading', { name: /MOMS/ }).first().waitFor();
    await docs.getByText('/api/v1/auth/login').first().waitFor();
    await screenshot(docs, 'api-docs-offline');
    expect(elsewhere).toEqual([]);

    // Chromium accepts Brotli: every script of 1 KB or more came compressed, the app's and the viewer's.
    const loaded = await Promise.all(scripts);
    expect(loaded.filter((s) => s.bytes >= 1_000).length).toBeGreaterThan(1);
    expect(loaded.filter((s) => s.bytes >= 1_000 && s.encoding !== 'br')).toEqual([]);
    expect(loaded.some((s) => s.url.includes('/swagger-ui-dist/') && s.encoding === 'br')).toBe(true);
  });

  // Issue #25 item 8: wide things scroll inside their own area, never the page.
  it('at 1280 px every pipeline stage is reachable and the aging fits; the new-invoice form fits a phone', async () => {
    // Against the device's width: on a phone the layout viewport grows to fit what overflows.
    const pageScrolls = async (p: Page) =>
      ((await p.evaluate('document.documentElement.scrollWidth')) as number) > (p.viewportSize()?.width ?? 0) + 1;
    const page = await e2e.newPage(); // 1280 × 800
    await loginAs(page, ADMIN.email, ADMIN.password, '/crm/board');
    const lost = page.getByRole('region', { name: 'Lost', exact: true });
    await lost.waitFor();
    expect(await pageScrolls(page)).toBe(false);
    await lost.scrollIntoViewIfNeeded();
    const box = await lost.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'layout-board-1280');

    // An open invoice, so the aging has rows (with every bucket's column).
    const party = await e2e.api<{ id: string }>('POST', '/api/v1/finance/parties', {
      kind: 'customer',
      name: 'A customer with a rather long name for the narrow column, Incorporated',
    });
    const draft = await e2e.api<{ id: string }>('POST', '/api/v1/finance/invoices', {
      partyId: party.id,
      date: '2026-01-05',
      lines: [{ description: 'Work', quantity: '1', unitPrice: '123456789.00' }],
    });
    await e2e.api('POST', `/api/v1/finance/invoices/${draft.id}/issue`, { version: 1 });
    await page.goto('/finance/reports/aging');
    await page.getByRole('table', { name: 'Aging by party' }).waitFor();
    expect(await pageScrolls(page)).toBe(false);

    const phone = await e2e.newPage({ phone: true });
    await loginAs(phone, ADMIN.email, ADMIN.password, '/finance/invoices/new');
    await phone.getByLabel('Description, line 1').waitFor();
    expect(await pageScrolls(phone)).toBe(false);
    await screenshot(phone, 'layout-invoice-phone');
  });
});
