import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

/** The PDF's text as a reader extracts it (pdf.js through unpdf), whitespace runs collapsed. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

interface OutboxMessage {
  id: string;
  subject: string;
  to: string[];
  attachments: { fileName: string; contentType: string; size: number }[];
}

/** Issue #22: a tax-inclusive invoice sent by email with its PDF, and the PDF downloaded. */
describe.skipIf(chromiumMissing)('finance documents', { timeout: 120_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('creates a tax-inclusive invoice, sends it by email and opens its PDF', async () => {
    const settings = await e2e.api<{ version: number }>('GET', '/api/v1/finance/document-settings');
    await e2e.api('PATCH', '/api/v1/finance/document-settings', {
      version: settings.version,
      legalName: 'E2E Trading Ltd',
      street: '1 Test Street',
      city: 'Testville',
      countryCode: 'GB',
      vatId: 'GB123456789',
      iban: 'GB29 NWBK 6016 1331 9268 19',
      bic: 'NWBKGB2L',
    });
    await e2e.api('POST', '/api/v1/finance/tax-codes', {
      code: 'VAT20',
      name: 'VAT 20 %',
      kind: 'sales',
      rate: '0.2',
    });
    await e2e.api('POST', '/api/v1/finance/parties', {
      kind: 'customer',
      name: 'Paper Street Shop',
      email: 'accounts@paper-street.example',
    });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/finance/invoices/new');
    await page.getByRole('combobox', { name: 'Customer' }).fill('paper');
    await page.getByRole('option', { name: /Paper Street Shop/ }).click();
    await page.getByText('Chosen: Paper Street Shop').waitFor();
    await page.getByLabel('Description, line 1').fill('Printer paper');
    await page.getByLabel('Unit price, line 1').fill('120.00');
    await page.getByLabel('Tax code, line 1').selectOption({ label: 'VAT20 — VAT 20 %' });
    await page.getByLabel('Prices include tax').check();
    await expect.poll(() => page.getByTestId('document-total').innerText()).toBe('$120.00');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { name: 'Draft invoice', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Issue invoice' }).click();
    await page
      .getByRole('dialog', { name: 'Issue this invoice?' })
      .getByRole('button', { name: 'Issue invoice' })
      .click();
    const heading = page.getByRole('heading', { name: /^Invoice INV-/, level: 1 });
    await heading.waitFor();
    const number = (await heading.innerText()).replace(/^Invoice /, '');

    // Send by email: the recipient is the customer's address; the log shows the send until the mail left.
    await page.getByRole('button', { name: 'Send by email' }).click();
    const dialog = page.getByRole('dialog', { name: `Send invoice ${number} by email` });
    expect(await dialog.getByLabel('To').inputValue()).toBe('accounts@paper-street.example');
    await dialog.getByLabel('Subject').fill(`Invoice ${number} — thank you`);
    await dialog.getByRole('button', { name: 'Send' }).click();
    const log = page.getByRole('table', { name: 'Send log' });
    await log.getByRole('row', { name: /accounts@paper-street\.example/ }).waitFor();
    await expect.poll(() => log.innerText(), { timeout: 30_000 }).toMatch(/Sent$/m);
    await screenshot(page, 'finance-invoice-sent');

    const outbox = await e2e.api<{ items: { id: string; subject: string }[] }>('GET', '/api/v1/mail/outbox');
    const summary = outbox.items.find((m) => m.subject === `Invoice ${number} — thank you`);
    expect(summary).toBeDefined();
    const message = await e2e.api<OutboxMessage>('GET', `/api/v1/mail/outbox/${summary!.id}`);
    expect(message.to.join(' ')).toContain('accounts@paper-street.example');
    expect(message.attachments).toEqual([
      expect.objectContaining({ fileName: `Invoice-${number}.pdf`, contentType: 'application/pdf' }),
    ]);

    // Download PDF: the response is a PDF whose text has the totals and the tax breakdown (the route
    // passes the app's own request through and keeps a copy of what came back).
    let pdf: { status: number; type: string | undefined; body: Buffer } | undefined;
    await page.route('**/pdf?download=true', async (route) => {
      const response = await route.fetch();
      pdf = { status: response.status(), type: response.headers()['content-type'], body: await response.body() };
      await route.fulfill({ response });
    });
    await page.getByRole('button', { name: 'Download PDF' }).click();
    await expect.poll(() => pdf?.status).toBe(200);
    expect(pdf!.type).toBe('application/pdf');
    expect(pdf!.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(new Uint8Array(pdf!.body));
    for (const expected of [
      `INVOICE ${number}`,
      'E2E Trading Ltd',
      'Paper Street Shop',
      'Printer paper',
      'Subtotal 100.00 USD',
      'Tax 20.00 USD',
      'Total 120.00 USD',
      'VAT20 VAT 20 % 20 % 100.00 20.00',
      'IBAN GB29 NWBK 6016 1331 9268 19',
    ])
      expect(text).toContain(expected);
  });

  it('shows the statement on the customer page, edits the document texts and a tax code', async () => {
    const party = (await e2e.api<{ items: { id: string; name: string }[] }>('GET', '/api/v1/finance/parties?q=Paper'))
      .items[0]!;
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/finance/parties/${party.id}`);
    const statement = page.getByRole('table', { name: 'Statement of account' });
    await statement.getByRole('row', { name: /Closing balance/ }).waitFor();
    await expect.poll(() => statement.getByRole('row', { name: /Closing balance/ }).innerText()).toMatch(/\$120\.00/);
    expect(await page.getByRole('table', { name: 'Ageing' }).innerText()).toMatch(/\$120\.00/);
    await page.getByRole('button', { name: 'Send by email' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send statement by email' });
    await dialog.getByRole('button', { name: 'Send' }).click();
    const log = page.getByRole('table', { name: 'Send log' });
    await expect.poll(() => log.innerText(), { timeout: 30_000 }).toMatch(/Sent$/m);
    await screenshot(page, 'finance-party-statement');

    await page.goto('/finance/document-settings');
    await page.getByRole('heading', { name: 'Company and documents' }).waitFor();
    expect(await page.getByLabel('City').inputValue()).toBe('Testville');
    await page.getByLabel('Endpoint ID').fill('GB123456789');
    await page.getByLabel('Footer').fill('{{companyName}} · registered in Testville · {{nope}}');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page
      .getByText(/Unknown placeholder \{\{nope\}\}/)
      .first()
      .waitFor();
    await page.getByLabel('Footer').fill('{{companyName}} · registered in Testville');
    await page.getByRole('button', { name: 'Save settings' }).click();
    // An endpoint id without its scheme is refused; with it, the one profile saves.
    await page
      .getByText(/needs both its scheme/)
      .first()
      .waitFor();
    await page.getByLabel('Endpoint scheme').fill('9932');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Company and document settings saved.').waitFor();
    const saved = await e2e.api<{ footerText: string; endpointScheme: string; endpointId: string }>(
      'GET',
      '/api/v1/finance/document-settings',
    );
    expect(saved).toMatchObject({
      footerText: '{{companyName}} · registered in Testville',
      endpointScheme: '9932',
      endpointId: 'GB123456789',
    });
    await screenshot(page, 'finance-document-settings');

    await page.goto('/finance/tax-codes');
    await page.getByRole('row', { name: /VAT20/ }).getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit tax code VAT20' });
    await edit.getByLabel('Name').fill('Standard VAT');
    await edit.getByRole('button', { name: 'Save tax code' }).click();
    await page.getByRole('cell', { name: 'Standard VAT' }).waitFor();
    await page.getByRole('row', { name: /VAT20/ }).getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('row', { name: /VAT20/ }).getByRole('cell', { name: 'Inactive' }).waitFor();
    await screenshot(page, 'finance-tax-codes-edit');
  });
});
