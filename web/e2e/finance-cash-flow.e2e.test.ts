import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, type E2E, startE2E } from './harness.js';

/** Issue #23: the cash-flow statement's page, both methods, tied to the cash accounts. */
describe.skipIf(chromiumMissing)('finance cash flow', { timeout: 120_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('shows the sections, opening and closing cash, and switches to the direct method', async () => {
    const { items } = await e2e.api<{ items: { id: string; code: string }[] }>('GET', '/api/v1/finance/accounts');
    const id = (code: string) => items.find((a) => a.code === code)!.id;
    const post = (date: string, dr: string, cr: string, amount: string) =>
      e2e.api('POST', '/api/v1/finance/journal-entries', {
        date,
        reference: 'CF',
        memo: 'cash flow',
        post: true,
        lines: [
          { accountId: id(dr), debit: amount },
          { accountId: id(cr), credit: amount },
        ],
      });
    await post('2026-01-10', '1200', '2500', '4000.00'); // a loan
    await post('2026-01-20', '1600', '1200', '1500.00'); // equipment
    await post('2026-01-25', '6200', '1200', '300.00'); // rent

    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/finance/reports');
    await page.getByRole('link', { name: 'Cash flow' }).first().click();
    await page.getByRole('heading', { name: 'Cash flow', level: 1 }).waitFor();
    await page.getByLabel('From').fill('2026-01-01');
    await page.getByLabel('To', { exact: true }).fill('2026-01-31');
    const table = page.getByRole('table', { name: 'Cash flow by section' });
    const rows = async () => (await table.getByRole('row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    await expect
      .poll(rows, { timeout: 10_000 })
      .toEqual([
        'Code Line Amount',
        'Operating activities',
        'Net income -$300.00',
        'Total operating activities -$300.00',
        'Investing activities',
        '1600 Fixed assets -$1,500.00',
        'Total investing activities -$1,500.00',
        'Financing activities',
        '2500 Loans $4,000.00',
        'Total financing activities $4,000.00',
        'Opening cash $0.00',
        'Net change in cash $2,200.00',
        'Closing cash $2,200.00',
        'Change in the cash accounts (tie-out) $2,200.00',
      ]);
    await page.getByText('The statement’s net change equals the change in the cash accounts.').waitFor();

    await page.getByLabel('Method').selectOption('direct');
    await expect
      .poll(async () => (await rows()).filter((r) => /^(Total|Net change)/.test(r)), { timeout: 10_000 })
      .toEqual([
        'Total income accounts $0.00',
        'Total expense accounts -$300.00',
        'Total asset accounts -$1,500.00',
        'Total liability accounts $4,000.00',
        'Total equity accounts $0.00',
        'Net change in cash $2,200.00',
      ]);
    await page.getByRole('button', { name: 'Download CSV' }).waitFor();
  });
});
