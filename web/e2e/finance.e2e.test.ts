import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

/** The receivables aging total as shown on the report, after it has loaded for today. */
async function agingTotal(page: Page): Promise<string> {
  await page.goto('/finance/reports/aging');
  const total = page.getByTestId('aging-total');
  await total.waitFor();
  return (await total.innerText()).trim();
}

describe.skipIf(chromiumMissing)('finance', { timeout: 90_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('issues an invoice, records a partial payment and the receivables aging follows', async () => {
    await e2e.api('POST', '/api/v1/finance/parties', { kind: 'customer', name: 'Acme Retail', paymentTermsDays: 30 });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/finance/reports/aging');

    // Before: nothing open.
    expect(await agingTotal(page)).toBe('$0.00');

    // A new invoice: the line editor computes the totals live (2 × 500.00 + 10 % tax).
    await page.goto('/finance/invoices/new');
    // The customer picker searches the parties list as you type.
    await page.getByRole('combobox', { name: 'Customer' }).fill('acme');
    await page.getByRole('option', { name: /Acme Retail/ }).click();
    await page.getByText('Chosen: Acme Retail').waitFor();
    await page.getByLabel('Description, line 1').fill('Consulting days');
    await page.getByLabel('Quantity, line 1').fill('2');
    await page.getByLabel('Unit price, line 1').fill('500.00');
    await page.getByLabel('Tax %, line 1').fill('10');
    await expect.poll(() => page.getByTestId('document-total').innerText()).toBe('$1,100.00');
    expect(await page.getByTestId('tax-total').innerText()).toBe('$100.00');
    await screenshot(page, 'finance-invoice-form');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { name: 'Draft invoice', level: 1 }).waitFor();

    // Issue it (with confirmation).
    await page.getByRole('button', { name: 'Issue invoice' }).click();
    const dialog = page.getByRole('dialog', { name: 'Issue this invoice?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Issue invoice' }).click();
    const heading = page.getByRole('heading', { name: /^Invoice INV-/, level: 1 });
    await heading.waitFor();
    const number = (await heading.innerText()).replace('Invoice ', '').trim();
    await screenshot(page, 'finance-invoice-issued');

    // The aging now shows the whole invoice.
    expect(await agingTotal(page)).toBe('$1,100.00');
    await page.getByRole('row', { name: /Acme Retail/ }).waitFor();

    // Record a partial payment of 400.00 from the invoice.
    await page.goto('/finance/invoices');
    await page.getByRole('link', { name: number }).click();
    await page.getByRole('link', { name: 'Record payment' }).click();
    await page.getByRole('heading', { name: 'Record a payment' }).waitFor();
    const allocate = page.getByLabel(`Allocate to ${number}`);
    await expect.poll(() => allocate.inputValue()).toBe('1100.00'); // prefilled from the invoice
    await page.getByLabel(/^Amount/).fill('400.00');
    await allocate.fill('400.00');
    await expect.poll(() => page.getByTestId('unallocated').innerText()).toBe('$0.00');
    await screenshot(page, 'finance-payment-allocation');
    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.getByRole('heading', { name: /^Payment RCPT-/, level: 1 }).waitFor();

    // After: 1,100.00 − 400.00 open.
    expect(await agingTotal(page)).toBe('$700.00');
    await screenshot(page, 'finance-aging-after-payment');

    const invoices = await e2e.api<{ items: { number: string; status: string; open: string }[] }>(
      'GET',
      '/api/v1/finance/invoices',
    );
    expect(invoices.items.find((i) => i.number === number)).toMatchObject({ status: 'partially-paid', open: '700.00' });
  });

  it('does not issue a draft with unsaved edits: it asks for a save, then issues what was saved', async () => {
    const party = await e2e.api<{ id: string }>('POST', '/api/v1/finance/parties', {
      kind: 'customer',
      name: 'Dirty Draft Ltd',
    });
    const draft = await e2e.api<{ id: string }>('POST', '/api/v1/finance/invoices', {
      partyId: party.id,
      date: new Date().toISOString().slice(0, 10),
      lines: [{ description: 'Work', quantity: '1', unitPrice: '100.00' }],
    });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/finance/invoices/${draft.id}`);
    await page.getByRole('heading', { name: 'Draft invoice', level: 1 }).waitFor();
    const issue = page.getByRole('button', { name: 'Issue invoice' });
    expect(await issue.isDisabled()).toBe(false);

    // Change the amount without saving: issuing would post the saved $100, so it is refused.
    await page.getByLabel('Unit price, line 1').fill('999.00');
    await page.getByText('You have unsaved changes. Save the draft first').waitFor();
    expect(await issue.isDisabled()).toBe(true);
    await screenshot(page, 'finance-issue-dirty-refused');

    // Saved, it issues — for the new amount.
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => issue.isDisabled()).toBe(false);
    await issue.click();
    await page
      .getByRole('dialog', { name: 'Issue this invoice?' })
      .getByRole('button', { name: 'Issue invoice' })
      .click();
    await page.getByRole('heading', { name: /^Invoice INV-/, level: 1 }).waitFor();
    const issued = await e2e.api<{ status: string; total: string }>('GET', `/api/v1/finance/invoices/${draft.id}`);
    expect(issued).toMatchObject({ status: 'issued', total: '999.00' });
  });

  it('global search finds an invoice by its number and by its amount', async () => {
    const party = await e2e.api<{ id: string }>('POST', '/api/v1/finance/parties', {
      kind: 'customer',
      name: 'Searchable Supplies',
    });
    const draft = await e2e.api<{ id: string }>('POST', '/api/v1/finance/invoices', {
      partyId: party.id,
      date: new Date().toISOString().slice(0, 10),
      lines: [{ description: 'Findable work', quantity: '1', unitPrice: '1234.56' }],
    });
    const issued = await e2e.api<{ number: string }>('POST', `/api/v1/finance/invoices/${draft.id}/issue`, {
      version: 1,
    });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password);
    const search = page.getByRole('combobox', { name: 'Search' });
    await search.fill(issued.number);
    // The invoice comes first (its journal entry, whose memo names it, comes under "Journal entries").
    await page
      .getByRole('option', { name: new RegExp(issued.number) })
      .first()
      .waitFor();
    await screenshot(page, 'finance-global-search');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Invoice ${issued.number}`, level: 1 }).waitFor();

    await search.fill('1,234.56');
    await page.getByRole('option', { name: /Searchable Supplies · 1234\.56/ }).waitFor();
  });

  it('shows the running difference of a journal entry and refuses to post it unbalanced', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/finance/journal/new');
    await page.getByRole('heading', { name: 'New journal entry' }).waitFor();
    await page.getByLabel('Account, line 1').selectOption({ label: '1100 — Cash' });
    await page.getByLabel('Debit, line 1').fill('100.00');
    await page.getByLabel('Account, line 2').selectOption({ label: '3100 — Share capital' });
    await page.getByLabel('Credit, line 2').fill('60.00');

    await expect.poll(() => page.getByTestId('difference').innerText()).toBe('$40.00');
    expect(await page.getByTestId('total-debit').innerText()).toBe('$100.00');
    expect(await page.getByTestId('total-credit').innerText()).toBe('$60.00');
    await page.getByText('Out of balance: debits exceed credits').waitFor();
    const post = page.getByRole('button', { name: 'Post', exact: true });
    expect(await post.isDisabled()).toBe(true);

    // Saving the unbalanced draft is refused too, with the reason.
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Debits and credits must be equal: the entry does not balance.').waitFor();
    await screenshot(page, 'finance-journal-unbalanced');

    // A third line balances it; then it posts.
    await page.getByRole('button', { name: 'Add line' }).click();
    await page.getByLabel('Account, line 3').selectOption({ label: '2500 — Loans' });
    await page.getByLabel('Credit, line 3').fill('40.00');
    await expect.poll(() => page.getByTestId('difference').innerText()).toBe('$0.00');
    await page.getByText('Balanced').waitFor();
    expect(await post.isDisabled()).toBe(false);
    await post.click();
    await page.getByRole('heading', { name: /^Journal entry JE-/, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Reverse entry' }).waitFor();
    await screenshot(page, 'finance-journal-posted');

    const entries = await e2e.api<{ items: { status: string; totalDebit: string; sourceType: string }[] }>(
      'GET',
      '/api/v1/finance/journal-entries?sourceType=manual',
    );
    expect(entries.items).toEqual([expect.objectContaining({ status: 'posted', totalDebit: '100.00' })]);
  });

  it('shows the chart of accounts, lists, reports and the dashboard widgets', async () => {
    const vendor = await e2e.api<{ id: string }>('POST', '/api/v1/finance/parties', {
      kind: 'vendor',
      name: 'Office Supplies Ltd',
    });
    const today = new Date().toISOString().slice(0, 10);
    const bill = await e2e.api<{ id: string }>('POST', '/api/v1/finance/bills', {
      partyId: vendor.id,
      date: today,
      lines: [{ description: 'Paper', quantity: '10', unitPrice: '12.50', taxRate: '20' }],
    });
    await e2e.api('POST', `/api/v1/finance/bills/${bill.id}/issue`, {});

    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/finance/accounts');
    await page.getByRole('cell', { name: 'Accounts receivable', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Deactivate 6500 Travel' }).click();
    const confirm = page.getByRole('dialog', { name: 'Deactivate 6500 Travel?' });
    await confirm.waitFor();
    await screenshot(page, 'finance-accounts-confirm');
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('6500 is deactivated.').waitFor();
    await screenshot(page, 'finance-accounts');

    await page.goto('/finance/bills');
    await page.getByRole('cell', { name: 'Office Supplies Ltd', exact: true }).waitFor();
    await screenshot(page, 'finance-bills');

    await page.goto('/finance/reports/trial-balance');
    await page.getByText('Total (balanced)').waitFor();
    await screenshot(page, 'finance-trial-balance');

    await page.goto('/finance/reports/profit-and-loss');
    await page.getByRole('table', { name: 'Profit and loss by account' }).waitFor();
    await screenshot(page, 'finance-profit-and-loss');

    await page.goto('/finance/reports/balance-sheet');
    await page.getByText(/Liabilities and equity \(balanced\)/).waitFor();
    await screenshot(page, 'finance-balance-sheet');

    await page.goto('/');
    await page.getByRole('region', { name: 'Receivables' }).getByText('Overdue').waitFor();
    await page.getByRole('region', { name: 'Result this year' }).getByRole('img').waitFor();
    await screenshot(page, 'finance-dashboard');
  });

  it('compares a budget with actual, shows the general ledger, exports a filtered list, applies a credit, closes a period', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const year = today.slice(0, 4);
    const accounts = await e2e.api<{ items: { id: string; code: string }[] }>('GET', '/api/v1/finance/accounts');
    const services = accounts.items.find((a) => a.code === '4200')!.id;
    const buyer = await e2e.api<{ id: string }>('POST', '/api/v1/finance/parties', {
      kind: 'customer',
      name: 'Budget Buyer',
    });
    const draft = await e2e.api<{ id: string }>('POST', '/api/v1/finance/invoices', {
      partyId: buyer.id,
      date: today,
      lines: [{ description: 'Workshop', quantity: '1', unitPrice: '900.00', accountId: services }],
    });
    const invoice = await e2e.api<{ number: string }>('POST', `/api/v1/finance/invoices/${draft.id}/issue`, {});

    // A budget for this year: 100.00 a month on Services, January copied to every month.
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/finance/budgets');
    await page.getByLabel('Year', { exact: true }).fill(year);
    await page.getByRole('button', { name: `New budget for ${year}` }).click();
    await page.getByRole('heading', { name: `Budget ${year}`, level: 1 }).waitFor();
    await page.getByLabel('Account, line 1').selectOption({ label: '4200 — Services' });
    await page.getByLabel('Jan, line 1').fill('100.00');
    await page.getByRole('button', { name: 'Copy January to every month, line 1' }).click();
    await expect.poll(() => page.getByTestId('budget-total-1').innerText()).toBe('$1,200.00');
    await page.getByRole('button', { name: 'Create budget' }).click();
    await page.getByText(`Budget ${year} created.`).waitFor();
    await screenshot(page, 'finance-budget-editor');

    // Budget vs actual for the year: 1,200.00 budgeted, 900.00 invoiced.
    await page.getByRole('link', { name: 'Compare with actual' }).click();
    await page.getByRole('heading', { name: 'Budget vs actual', level: 1 }).waitFor();
    const row = page.getByRole('table', { name: 'Budget vs actual by account' }).getByRole('row', { name: /Services/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells.slice(0, 4)).toEqual(['4200', 'income', '$1,200.00', '$900.00']);
    await page.getByRole('img', { name: /^Budget and actual/ }).waitFor();
    await screenshot(page, 'finance-budget-vs-actual');

    // The general ledger of Services: the invoice's line, closing at 900.00.
    await page.goto('/finance/reports/general-ledger');
    await page.getByLabel('Account', { exact: true }).selectOption({ label: '4200 — Services' });
    await expect.poll(() => page.getByTestId('gl-closing').innerText()).toBe('$900.00');
    await page
      .getByRole('table', { name: 'Ledger lines' })
      .getByRole('row', { name: new RegExp(`${invoice.number} Budget Buyer`) })
      .waitFor();
    await screenshot(page, 'finance-general-ledger');

    // Export the open invoices: the download carries the list's filter.
    await page.goto('/finance/invoices');
    await page
      .getByRole('combobox', { name: 'Status', exact: true })
      .selectOption({ label: 'Issued or partially paid' });
    await page.getByRole('link', { name: invoice.number }).waitFor();
    // The export runs as a background job (no row limit); the jobs tray offers its file.
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const exported = page
      .getByRole('region', { name: 'Background jobs' })
      .getByRole('listitem', { name: 'Finance export' })
      .getByRole('link', { name: 'Download invoices.csv' });
    await exported.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), exported.click()]);
    expect(download.suggestedFilename()).toBe('invoices.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header!.split(',').slice(0, 3)).toEqual(['number', 'status', 'party']);
    expect(rows.some((r) => r.startsWith(`${invoice.number},issued,Budget Buyer,`))).toBe(true);
    for (const r of rows) expect(r.split(',')[1]).toMatch(/^(issued|partially-paid)$/);
    await screenshot(page, 'finance-invoices-export');

    // An issued credit note applied to the open invoice from its page.
    const credit = await e2e.api<{ id: string }>('POST', '/api/v1/finance/credit-notes', {
      partyId: buyer.id,
      date: today,
      lines: [{ description: 'Discount', quantity: '1', unitPrice: '100.00', accountId: services }],
    });
    await e2e.api('POST', `/api/v1/finance/credit-notes/${credit.id}/issue`, {});
    await page.goto(`/finance/credit-notes/${credit.id}`);
    await page.getByRole('heading', { name: 'Apply to open invoices' }).waitFor();
    await page.getByLabel(`Allocate to ${invoice.number}`).fill('100.00');
    await page.getByRole('button', { name: 'Apply credit' }).click();
    await page.getByText('Applied 100.00 USD.').waitFor();
    await expect.poll(() => page.getByTestId('document-open').innerText()).toBe('$0.00');
    await screenshot(page, 'finance-credit-applied');

    // Fiscal periods: close January after confirming.
    await page.goto('/finance/fiscal-years');
    await page.getByRole('button', { name: `Close January ${year}` }).click();
    const close = page.getByRole('dialog', { name: `Close January ${year}?` });
    await close.getByRole('button', { name: 'Close period' }).click();
    await page.getByText(`January ${year} is closed.`).waitFor();
    await page.getByRole('button', { name: `Reopen January ${year}` }).waitFor();
    await screenshot(page, 'finance-fiscal-years');
  });
});
