import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, type E2E, startE2E } from './harness.js';

/**
 * Issue #23: the exchange-rate table kept in the browser, a revaluation that takes its rate when given
 * none, and the aging by instalment.
 */
describe.skipIf(chromiumMissing)('finance exchange rates', { timeout: 120_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('adds a rate, revalues with it, and shows the aging by instalment', async () => {
    const customer = await e2e.api<{ id: string }>('POST', '/api/v1/finance/parties', {
      kind: 'customer',
      name: 'Rate Kunde GmbH',
      currency: 'EUR',
    });
    const draft = await e2e.api<{ id: string }>('POST', '/api/v1/finance/invoices', {
      partyId: customer.id,
      date: '2026-09-10',
      currency: 'EUR',
      exchangeRate: '1.08',
      lines: [{ description: 'Consulting', quantity: '1', unitPrice: '1000' }],
    });
    await e2e.api('POST', `/api/v1/finance/invoices/${draft.id}/issue`);

    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/finance/exchange-rates');
    await page.getByRole('heading', { name: 'Exchange rates', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New rate' }).click();
    const dialog = page.getByRole('dialog', { name: 'New exchange rate' });
    await dialog.getByLabel('From currency').fill('eur');
    await dialog.getByLabel('To currency').fill('USD');
    await dialog.getByLabel('Date').fill('2026-09-01');
    await dialog.getByLabel('Rate').fill('1.05');
    await dialog.getByLabel('Source').fill('ECB');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await page
      .getByRole('table', { name: 'Exchange rates' })
      .getByRole('row', { name: /EUR\/USD.*1\.05.*ECB/ })
      .waitFor();

    // Edit it: a second version of the same row.
    await page.getByRole('button', { name: 'Edit EUR/USD on 2026-09-01' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit exchange rate' });
    await edit.getByLabel('Rate').fill('1.0500');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });

    // A revaluation with no rates takes the table's.
    await page.goto('/finance/revaluations');
    await page.getByRole('heading', { name: 'Foreign-currency revaluation', level: 1 }).waitFor();
    await page.getByLabel('Period-end date').fill('2026-09-30');
    await page.getByRole('button', { name: 'Revalue' }).click();
    const items = page.getByRole('table', { name: 'Revalued items' });
    await expect
      .poll(async () => (await items.getByRole('row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim()), {
        timeout: 10_000,
      })
      .toEqual([
        expect.stringMatching(/^Item Kind/),
        expect.stringMatching(/Invoice .*1\.05 \$1,080\.00 \$1,050\.00 -?\$?-?30\.00/),
      ]);

    // The aging by instalment.
    await page.goto('/finance/reports/aging');
    await page.getByRole('heading', { name: 'Aging', level: 1 }).waitFor();
    await page.getByLabel('As of').fill('2026-12-31');
    await page.getByLabel('By', { exact: true }).selectOption('instalment');
    await page
      .getByRole('table', { name: 'Aging by instalment' })
      .getByRole('row', { name: /Rate Kunde GmbH/ })
      .waitFor();
  });
});
