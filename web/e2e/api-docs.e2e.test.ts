import type { Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

/**
 * Issue #25: the API docs are linked from the app and render with no internet (the viewer comes from
 * the web build, not a CDN), and the local server sends the app's JavaScript compressed.
 */
describe.skipIf(chromiumMissing)('API docs and compression', { timeout: 60_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

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
});
