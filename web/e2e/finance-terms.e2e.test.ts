import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, type E2E, startE2E } from './harness.js';

/** Issue #23: a payment term with two instalments, an invoice issued with it, its schedule on the page. */
describe.skipIf(chromiumMissing)('finance payment terms', { timeout: 120_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('creates a term with two instalments, issues an invoice with it and shows the schedule', async () => {
    await e2e.api('POST', '/api/v1/finance/parties', { kind: 'customer', name: 'Instalment Bakery' });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/finance/payment-terms');
    await page.getByRole('button', { name: 'New payment term' }).click();
    const dialog = page.getByRole('dialog', { name: 'New payment term' });
    await dialog.getByLabel('Name').fill('Half now, half in 30 days');
    await dialog.getByLabel('Percent, instalment 1').fill('50');
    await dialog.getByLabel('Days, instalment 1').fill('0');
    await dialog.getByRole('button', { name: 'Add instalment' }).click();
    await dialog.getByLabel('Percent, instalment 2').fill('50');
    await dialog.getByLabel('Days, instalment 2').fill('30');
    await dialog.getByRole('button', { name: 'Save payment term' }).click();
    await page
      .getByRole('table', { name: 'Payment terms' })
      .getByRole('row', { name: /Half now, half in 30 days.*50 % now, 50 % in 30 days/ })
      .waitFor();

    await page.goto('/finance/invoices/new');
    await page.getByRole('combobox', { name: 'Customer' }).fill('instalment');
    await page.getByRole('option', { name: /Instalment Bakery/ }).click();
    await page.getByText('Chosen: Instalment Bakery').waitFor();
    await page.getByLabel('Payment term').selectOption({ label: 'Half now, half in 30 days' });
    await page.getByLabel('Description, line 1').fill('Wedding cake');
    await page.getByLabel('Unit price, line 1').fill('300.01');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { name: 'Draft invoice', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Issue invoice' }).click();
    await page
      .getByRole('dialog', { name: 'Issue this invoice?' })
      .getByRole('button', { name: 'Issue invoice' })
      .click();
    await page.getByRole('heading', { name: /^Invoice INV-/, level: 1 }).waitFor();
    const schedule = page.getByRole('table', { name: 'Instalment schedule' });
    await expect
      .poll(async () => (await schedule.getByRole('row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim()), {
        timeout: 10_000,
      })
      .toEqual([
        expect.stringMatching(/^# Due Share Amount Paid Open/),
        expect.stringMatching(/^1 .*\d{4}.* 50 % \$150\.01 \$0\.00 \$150\.01/),
        expect.stringMatching(/^2 .*\d{4}.* 50 % \$150\.00 \$0\.00 \$150\.00/),
      ]);

    // The reminders and recurring pages load (levels and templates are empty in a fresh install).
    await page.goto('/finance/reminders');
    await page.getByRole('heading', { name: 'Reminders', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Reminder levels' }).waitFor();
    await page.goto('/finance/recurring');
    await page.getByRole('heading', { name: 'Recurring invoices and bills', level: 1 }).waitFor();
    await page.getByText('No recurring templates yet').waitFor();
  });
});
