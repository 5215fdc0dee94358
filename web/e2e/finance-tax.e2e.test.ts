import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

/** Issue #22: a tax-inclusive invoice with a tax code, and its tax breakdown. */
describe.skipIf(chromiumMissing)('finance taxes', { timeout: 90_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('creates a tax-inclusive invoice and sees the tax breakdown', async () => {
    await e2e.api('POST', '/api/v1/finance/tax-codes', {
      code: 'VAT20',
      name: 'VAT 20 %',
      kind: 'sales',
      rate: '0.2',
      netBox: '1',
      taxBox: '6',
    });
    await e2e.api('POST', '/api/v1/finance/parties', { kind: 'customer', name: 'Inclusive Shop' });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/finance/tax-codes');
    await page.getByRole('cell', { name: 'VAT20' }).waitFor();

    await page.goto('/finance/invoices/new');
    await page.getByRole('combobox', { name: 'Customer' }).fill('inclusive');
    await page.getByRole('option', { name: /Inclusive Shop/ }).click();
    await page.getByText('Chosen: Inclusive Shop').waitFor();
    await page.getByLabel('Description, line 1').fill('Gift box');
    await page.getByLabel('Unit price, line 1').fill('120.00');
    await page.getByLabel('Tax code, line 1').selectOption({ label: 'VAT20 — VAT 20 %' });
    await page.getByLabel('Prices include tax').check();
    // 120.00 including 20 %: 100.00 net + 20.00 tax, total stays 120.00.
    await expect.poll(() => page.getByTestId('document-total').innerText()).toBe('$120.00');
    expect(await page.getByTestId('tax-total').innerText()).toBe('$20.00');
    expect(await page.getByTestId('subtotal').innerText()).toBe('$100.00');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { name: 'Draft invoice', level: 1 }).waitFor();

    // The saved draft shows the server's breakdown per code.
    const breakdown = page.getByRole('table', { name: 'Tax breakdown' });
    await breakdown.waitFor();
    const row = breakdown.getByRole('row', { name: /VAT20/ });
    await expect.poll(() => row.innerText()).toMatch(/20\s+\$100\.00\s+\$20\.00/);
    await screenshot(page, 'finance-tax-inclusive-invoice');

    const list = await e2e.api<{ items: { total: string; taxTotal: string }[] }>(
      'GET',
      '/api/v1/finance/invoices?status=draft',
    );
    expect(list.items.map((d) => [d.total, d.taxTotal])).toEqual([['120.00', '20.00']]);

    // Issued, it is in the tax return of the period (from the quarter's start to today).
    await page.getByRole('button', { name: 'Issue invoice' }).click();
    const dialog = page.getByRole('dialog', { name: 'Issue this invoice?' });
    await dialog.getByRole('button', { name: 'Issue invoice' }).click();
    await page.getByRole('heading', { name: /^Invoice INV-/, level: 1 }).waitFor();
    await page.goto('/finance/reports/tax-return');
    await expect.poll(() => page.getByTestId('tax-net-payable').innerText()).toBe('$20.00');
    await page.getByRole('button', { name: 'Documents of VAT20' }).click();
    await page
      .getByRole('table', { name: 'Documents of the code' })
      .getByRole('row', { name: /Inclusive Shop/ })
      .waitFor();
    await screenshot(page, 'finance-tax-return');
    // The return as a PDF (its text is checked in taxes.int.test.ts).
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/^tax-return-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect((await readFile(await pdf.path())).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
