import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

interface Doc {
  id: string;
  number: string;
  status: string;
  open: string;
  allocations: { id: string; amount: string; reversesAllocationId: string | null }[];
}

describe.skipIf(chromiumMissing)('finance refunds and unallocation', { timeout: 90_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('records a refund of a credit note through the dialog; the credit is used up and the money posted', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const customer = await e2e.api<{ id: string }>('POST', '/api/v1/finance/parties', {
      kind: 'customer',
      name: 'Refund Retail',
    });
    const draft = await e2e.api<Doc>('POST', '/api/v1/finance/credit-notes', {
      partyId: customer.id,
      date: today,
      lines: [{ description: 'Returned goods', quantity: '1', unitPrice: '150.00' }],
    });
    const cn = await e2e.api<Doc>('POST', `/api/v1/finance/credit-notes/${draft.id}/issue`, {});
    expect(cn).toMatchObject({ status: 'issued', open: '150.00' });

    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/finance/credit-notes/${cn.id}`);
    await page.getByRole('heading', { name: `Credit note ${cn.number}`, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Refund to customer…' }).click();
    const dialog = page.getByRole('dialog', { name: `Refund to customer: ${cn.number}` });
    await dialog.waitFor();
    // All that is left is proposed; refund 100.00 of it.
    const amount = dialog.getByLabel(/^Refund amount/);
    await expect.poll(() => amount.inputValue()).toBe('150.00');
    await amount.fill('200.00');
    await dialog.getByRole('button', { name: 'Record refund' }).click();
    await dialog.getByText('More than is left to refund.').waitFor();
    await amount.fill('100.00');
    await dialog.getByLabel(/^Reference/).fill('Bank transfer 42');
    await screenshot(page, 'finance-refund-dialog');
    await dialog.getByRole('button', { name: 'Record refund' }).click();
    await page.getByText(/^Refund RFND-\d{4}-\d{6} recorded\.$/).waitFor();

    // The page shows the credit partly used, with the refund's 100.00 among its allocations.
    await page.getByText('Partially paid').first().waitFor();
    await page
      .getByRole('table', { name: 'Allocations' })
      .getByRole('link', { name: /^Refund RFND-/ })
      .waitFor();
    await screenshot(page, 'finance-refund-recorded');

    const after = await e2e.api<Doc>('GET', `/api/v1/finance/credit-notes/${cn.id}`);
    expect(after).toMatchObject({ status: 'partially-paid', open: '50.00' });
    const payments = await e2e.api<{
      items: { id: string; kind: string; direction: string; amount: string; reference: string }[];
    }>('GET', `/api/v1/finance/payments?partyId=${customer.id}`);
    expect(payments.items).toEqual([
      expect.objectContaining({ kind: 'refund', direction: 'made', amount: '100.00', reference: 'Bank transfer 42' }),
    ]);
    const refund = await e2e.api<{ settles: { amount: string; sourceNumber: string }[] }>(
      'GET',
      `/api/v1/finance/refunds/${payments.items[0]!.id}`,
    );
    expect(refund.settles).toEqual([expect.objectContaining({ amount: '100.00', sourceNumber: cn.number })]);
  });

  it('imports open items from CSV all or nothing, and lists them as opening balances', async () => {
    await e2e.api('POST', '/api/v1/finance/parties', { kind: 'customer', name: 'Moved In GmbH' });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/finance/imports');
    const section = page.getByRole('region', { name: 'Open items (opening balances)' });
    const csv = section.getByLabel('Open items (opening balances): CSV', { exact: true });
    await csv.fill(
      'kind,party_name,date,due_date,amount\ninvoice,Moved In GmbH,2020-12-31,2020-12-01,250.00\ninvoice,Nobody,2020-12-31,,1.00',
    );
    await section.getByRole('button', { name: 'Import' }).click();
    await section.getByText('Nothing was imported. Fix these rows:').waitFor();
    await section.getByText(/rows\.2\.party_name/).waitFor();
    await csv.fill('kind,party_name,date,due_date,amount\ninvoice,Moved In GmbH,2020-12-31,2020-12-01,250.00');
    await section.getByRole('button', { name: 'Import' }).click();
    await section.getByText('Imported 1 of 1 rows.').waitFor();
    await screenshot(page, 'finance-open-items-import');

    await page.goto('/finance/opening-balances');
    const row = page.getByRole('row', { name: /Moved In GmbH/ });
    await row.getByRole('link', { name: /^OB-2020-/ }).waitFor();
    expect(await row.innerText()).toContain('$250.00');
  });

  it('unallocates a payment from an invoice: the invoice is open again', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const customer = await e2e.api<{ id: string }>('POST', '/api/v1/finance/parties', {
      kind: 'customer',
      name: 'Undo Ltd',
    });
    const draft = await e2e.api<Doc>('POST', '/api/v1/finance/invoices', {
      partyId: customer.id,
      date: today,
      lines: [{ description: 'Work', quantity: '1', unitPrice: '80.00' }],
    });
    const inv = await e2e.api<Doc>('POST', `/api/v1/finance/invoices/${draft.id}/issue`, {});
    await e2e.api('POST', '/api/v1/finance/payments', {
      direction: 'received',
      partyId: customer.id,
      date: today,
      amount: '80.00',
      allocations: [{ documentId: inv.id, amount: '80.00' }],
    });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/finance/invoices/${inv.id}`);
    await page.getByRole('heading', { name: `Invoice ${inv.number}`, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Unallocate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unallocate?' });
    await dialog.getByRole('button', { name: 'Unallocate' }).click();
    await page.getByText('Unallocated.').waitFor();
    await page.getByRole('cell', { name: /unallocated$/ }).waitFor();
    await expect
      .poll(async () => (await e2e.api<Doc>('GET', `/api/v1/finance/invoices/${inv.id}`)).status)
      .toBe('issued');
    await page.getByRole('link', { name: 'Record payment' }).waitFor();
  });
});
