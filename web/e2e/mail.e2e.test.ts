import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

describe.skipIf(chromiumMissing)('mail outbox', { timeout: 60_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('a test message sent from the page goes through the send job and is read back in the outbox', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/admin/users');
    await page.getByRole('link', { name: 'Mail outbox' }).click();
    await page.getByRole('heading', { name: 'Mail outbox' }).waitFor();

    // One through the API with an HTML-looking note, one with the page's button.
    const queued = await e2e.api<{ jobId: string }>('POST', '/api/v1/mail/test', { note: '<b>not bold</b>' });
    expect(queued.jobId).toEqual(expect.any(String));
    await page.getByRole('button', { name: 'Send a test message to me' }).click();
    await page.getByText('Test message queued').waitFor();

    const rows = page.getByRole('table', { name: 'Mail outbox' }).getByRole('link', { name: /MOMS test message from/ });
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    await screenshot(page, 'mail-outbox');

    await rows.last().click(); // the oldest: the API's, with the note
    await page.getByRole('heading', { name: `MOMS test message from ${ADMIN.email}` }).waitFor();
    const headers = page.getByRole('table', { name: 'Headers' });
    await headers.getByRole('cell', { name: ADMIN.email, exact: true }).waitFor();
    await page.getByText('<b>not bold</b>').waitFor(); // the text part, as text
    const frame = page.frameLocator('iframe[title="The message as HTML"]');
    // escaped in the HTML part: shown literally, not as bold
    await frame.getByText('<b>not bold</b>').waitFor();
    expect(await frame.locator('b').count()).toBe(0);
    await screenshot(page, 'mail-message');
  });
});
