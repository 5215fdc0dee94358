import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

/**
 * Issue #25, item 7: a report's figure leads to the entries behind it, and a period compares with an
 * earlier one. Two entries on Services (this year 700.00, the same day a year earlier 400.00).
 */
describe.skipIf(chromiumMissing)('finance reports', { timeout: 90_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('compares the profit and loss with last year and drills from a line into its general ledger', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const lastYear = `${year - 1}${today.slice(4, 10) === '-02-29' ? '-02-28' : today.slice(4)}`;
    const accounts = await e2e.api<{ items: { id: string; code: string }[] }>('GET', '/api/v1/finance/accounts');
    const id = (code: string) => accounts.items.find((a) => a.code === code)!.id;
    const post = (date: string, amount: string, reference: string) =>
      e2e.api('POST', '/api/v1/finance/journal-entries', {
        date,
        reference,
        memo: `Workshop ${reference}`,
        post: true,
        lines: [
          { accountId: id('1200'), debit: amount },
          { accountId: id('4200'), credit: amount },
        ],
      });
    await post(today, '700.00', 'WS-NOW');
    await post(lastYear, '400.00', 'WS-BEFORE');

    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/finance/reports/profit-and-loss');
    const table = page.getByRole('table', { name: 'Profit and loss by account' });
    await table.waitFor();
    // The chart writes its values on the bars.
    await expect.poll(() => page.locator('.chart-value').first().textContent()).toBe('$700.00');

    await page.getByLabel('Compare with').selectOption('previous-year');
    const header = table.getByRole('columnheader', { name: 'Change' });
    await header.waitFor();
    const services = table.getByRole('row', { name: /Services/ });
    await expect
      .poll(() => services.getByRole('cell').allInnerTexts())
      .toEqual(['4200', 'Services', '$700.00', '$400.00', '$300.00']);
    await page.getByText(/Compared with .*: net result \$400\.00/).waitFor();
    await screenshot(page, 'finance-profit-and-loss-compared');

    // Drill: the account's name opens its general ledger over the same period.
    await services.getByRole('link', { name: 'Services' }).click();
    await page.waitForURL(/\/finance\/reports\/general-ledger\?/);
    const ledger = page.getByRole('table', { name: 'Ledger lines' });
    await ledger.waitFor();
    await ledger.getByRole('row', { name: /WS-NOW/ }).waitFor();
    expect(await ledger.getByRole('row', { name: /WS-BEFORE/ }).count()).toBe(0);
    expect(
      await ledger
        .getByRole('row', { name: /WS-NOW/ })
        .getByRole('cell')
        .allInnerTexts(),
    ).toContain('$700.00');
    // Last year is not closed: its 400.00 is the opening balance the period's 700.00 adds to.
    expect(await page.getByTestId('gl-closing').innerText()).toBe('$1,100.00');
    expect(await page.getByLabel('From').inputValue()).toBe(`${year}-01-01`);
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(today);
    await screenshot(page, 'finance-general-ledger-drilled');
  });
});
