import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

interface Rec {
  id: string;
  number?: string;
}

/** The valuation total as shown for today. */
async function valuationTotal(page: Page): Promise<string> {
  await page.goto('/supply/valuation');
  const total = page.getByTestId('valuation-total');
  await total.waitFor();
  return (await total.innerText()).trim();
}

/** The item's on-hand figure on its page. */
async function onHand(page: Page, itemId: string): Promise<string> {
  await page.goto(`/supply/items/${itemId}`);
  const cell = page.getByTestId('item-on-hand');
  await cell.waitFor();
  return (await cell.innerText()).trim();
}

describe.skipIf(chromiumMissing)('supply', { timeout: 120_000 }, () => {
  let e2e: E2E;
  let item: Rec;
  beforeAll(async () => {
    e2e = await startE2E();
    await e2e.api('POST', '/api/v1/finance/parties', { kind: 'vendor', name: 'Bolt Supplies' });
    await e2e.api('POST', '/api/v1/finance/parties', { kind: 'customer', name: 'Corner Shop' });
    await e2e.api('POST', '/api/v1/supply/warehouses', { code: 'MAIN', name: 'Main warehouse' });
    item = await e2e.api<Rec>('POST', '/api/v1/supply/items', { sku: 'WID-1', name: 'Widget' });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('receives a purchase order partially, refuses a mismatched bill, bills it and the stock and valuation move', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/supply/valuation');
    expect(await valuationTotal(page)).toBe('$0.00');

    await page.goto('/supply/purchase-orders/new');
    await page.getByRole('combobox', { name: /^Supplier/ }).fill('Bolt');
    await page.getByRole('option', { name: /Bolt Supplies/ }).click();
    await page.getByLabel(/^Warehouse/).selectOption({ label: 'MAIN — Main warehouse' });
    await page.getByLabel('Item, line 1').selectOption({ label: 'WID-1 — Widget' });
    await page.getByLabel('Quantity, line 1').fill('10');
    await page.getByLabel('Unit price, line 1').fill('4.00');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { name: /^Purchase order PO/, level: 1 }).waitFor();
    expect(await page.getByTestId('po-total').innerText()).toBe('$40.00');
    await page.getByRole('button', { name: 'Confirm order' }).click();
    await expect.poll(() => page.getByTestId('po-status').innerText()).toBe('ordered');

    // Receive 6 of the 10.
    await page.getByRole('button', { name: 'Receive' }).click();
    const receive = page.getByRole('dialog', { name: /^Receive/ });
    await receive.getByLabel('Receive now, WID-1').fill('6');
    await receive.getByRole('button', { name: 'Record receipt' }).click();
    await expect.poll(() => page.getByTestId('po-status').innerText()).toBe('partially-received');
    await page.getByRole('row', { name: /WID-1 × 6/ }).waitFor();

    // Bill it at a price off the order: the 3-way match refuses it and marks the line.
    await page.getByRole('button', { name: 'Bill this receipt' }).click();
    const bill = page.getByRole('dialog', { name: /^Bill receipt/ });
    await bill.getByLabel('Billed price, WID-1').fill('5.00');
    await bill.getByLabel('Billed quantity, WID-1').fill('7');
    await bill.getByRole('button', { name: 'Create bill' }).click();
    await bill.getByText('The bill does not match the order and the receipt').waitFor();
    const problems = await bill.getByTestId('mismatch').allInnerTexts();
    expect(problems).toHaveLength(2);
    expect(problems.join(' ')).toMatch(/Billed 7, but only 6 was received/);
    expect(problems.join(' ')).toMatch(/order price is 4/);
    await screenshot(page, 'supply-bill-mismatch');

    // Corrected: the bill is created in Finance.
    await bill.getByLabel('Billed price, WID-1').fill('4.00');
    await bill.getByLabel('Billed quantity, WID-1').fill('6');
    await bill.getByRole('button', { name: 'Create bill' }).click();
    const created = page.getByRole('dialog', { name: 'Bill created' });
    await expect.poll(() => created.getByTestId('bill-result').innerText()).toMatch(/\$24\.00/);
    await created.getByRole('link', { name: 'Open the bill in Finance' }).click();
    await page.getByRole('heading', { name: /^Bill /, level: 1 }).waitFor();
    await screenshot(page, 'supply-bill-in-finance');

    expect(await onHand(page, item.id)).toBe('6 pcs');
    await page
      .getByRole('row', { name: /receipt/ })
      .first()
      .waitFor();
    expect(await valuationTotal(page)).toBe('$24.00');
    const bills = await e2e.api<{ items: { total: string; status: string }[] }>('GET', '/api/v1/finance/bills');
    expect(bills.items.map((b) => b.total)).toEqual(['24.00']);
  });

  it('delivers a sales order partially, invoices the delivery and the stock and valuation move', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/supply/sales-orders/new');
    await page.getByRole('combobox', { name: /^Customer/ }).fill('Corner');
    await page.getByRole('option', { name: /Corner Shop/ }).click();
    await page.getByLabel(/^Warehouse/).selectOption({ label: 'MAIN — Main warehouse' });
    await page.getByLabel('Item, line 1').selectOption({ label: 'WID-1 — Widget' });
    await page.getByLabel('Quantity, line 1').fill('8');
    await page.getByLabel('Unit price, line 1').fill('10.00');
    await page.getByRole('button', { name: 'Create quotation' }).click();
    await page.getByRole('heading', { name: /^Quotation /, level: 1 }).waitFor();
    expect(await page.getByTestId('so-total').innerText()).toBe('$80.00');

    // Confirm: 6 are in stock and reserved, the other 2 are a backorder.
    await page.getByRole('button', { name: 'Confirm order' }).click();
    await page.getByRole('heading', { name: /^Sales order /, level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('backorder-1').innerText()).toMatch(/not in stock/);

    // Deliver 3 of them.
    await page.getByRole('button', { name: 'Deliver' }).click();
    const deliver = page.getByRole('dialog', { name: /^Deliver/ });
    expect(await deliver.getByLabel('Deliver now, WID-1').inputValue()).toBe('6');
    await deliver.getByLabel('Deliver now, WID-1').fill('3');
    await deliver.getByRole('button', { name: 'Deliver' }).click();
    await expect.poll(() => page.getByTestId('so-status').innerText()).toBe('partially-delivered');
    await expect.poll(() => page.getByTestId('to-invoice').innerText()).toMatch(/WID-1 × 3/);

    // After a reload the delivery is still listed, still to invoice.
    await page.reload();
    await page.getByRole('heading', { name: /^Sales order /, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Invoice this delivery' }).click();
    const invoice = page.getByTestId('invoice-result');
    await expect.poll(() => invoice.innerText()).toMatch(/\$30\.00/);
    await screenshot(page, 'supply-delivery-invoiced');
    await invoice.getByRole('link').click();
    await page.getByRole('heading', { name: /^Invoice /, level: 1 }).waitFor();

    expect(await onHand(page, item.id)).toBe('3 pcs');
    await page
      .getByRole('row', { name: /delivery/ })
      .first()
      .waitFor();
    await screenshot(page, 'supply-item-ledger');
    expect(await valuationTotal(page)).toBe('$12.00');
    await screenshot(page, 'supply-valuation');
    const invoices = await e2e.api<{ items: { total: string }[] }>('GET', '/api/v1/finance/invoices');
    expect(invoices.items.map((i) => i.total)).toEqual(['30.00']);
  });
});
