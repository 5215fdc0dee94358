import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, type E2E, startE2E } from './harness.js';

/** Issue #23: a fixed asset registered in the browser, its straight-line schedule, put in service. */
describe.skipIf(chromiumMissing)('finance fixed assets', { timeout: 120_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('registers an asset, shows its schedule and puts it in service', async () => {
    const chart = await e2e.api<{ items: { id: string; code: string }[] }>('GET', '/api/v1/finance/accounts');
    const byCode = (code: string) => chart.items.find((a) => a.code === code)!.id;
    await e2e.api('POST', '/api/v1/finance/asset-categories', {
      name: 'Computers',
      assetAccountId: byCode('1600'),
      accumulatedAccountId: byCode('1650'),
      expenseAccountId: byCode('6700'),
      usefulLifeMonths: 3,
      method: 'straight-line',
    });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/finance/assets');
    await page.getByRole('heading', { name: 'Fixed assets', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New asset' }).click();
    const dialog = page.getByRole('dialog', { name: 'New asset' });
    await dialog.getByLabel('Name').fill('Laptop');
    await dialog.getByLabel('Cost').fill('1000.00');
    await dialog.getByLabel('Acquired on', { exact: true }).fill('2026-01-10');
    await dialog.getByRole('button', { name: 'Save asset' }).click();
    const schedule = page.getByRole('table', { name: 'Depreciation schedule' });
    await expect
      .poll(async () => (await schedule.getByRole('row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim()), {
        timeout: 10_000,
      })
      .toEqual([
        expect.stringMatching(/^Month Depreciation Accumulated Book value Posted/),
        expect.stringMatching(/^2026-01 \$333\.33 \$333\.33 \$666\.67/),
        expect.stringMatching(/^2026-02 \$333\.33 \$666\.66 \$333\.34/),
        expect.stringMatching(/^2026-03 \$333\.34 \$1,000\.00 \$0\.00/),
      ]);
    await page.getByRole('button', { name: 'Put in service' }).click();
    await page
      .getByRole('table', { name: 'Assets' })
      .getByRole('row', { name: /Laptop.*Computers.*active/ })
      .waitFor();
  });
});
