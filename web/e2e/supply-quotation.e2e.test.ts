import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

/** The PDF's text as a reader extracts it (pdf.js through unpdf), whitespace runs collapsed. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

interface Rec {
  id: string;
  number: string;
  version: number;
}
interface OutboxMessage {
  id: string;
  subject: string;
  to: string[];
  attachments: { fileName: string; contentType: string; size: number }[];
}

/** Issue #14: a quotation downloaded as a PDF with Finance's letterhead, and sent by email. */
describe.skipIf(chromiumMissing)('supply: quotation as a PDF', { timeout: 120_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('opens a quotation, downloads its PDF and sends it by email', async () => {
    const settings = await e2e.api<{ version: number }>('GET', '/api/v1/finance/document-settings');
    await e2e.api('PATCH', '/api/v1/finance/document-settings', {
      version: settings.version,
      legalName: 'Quote Trading Ltd',
      street: '2 Quote Street',
      city: 'Quoteville',
    });
    const customer = await e2e.api<Rec>('POST', '/api/v1/finance/parties', {
      kind: 'customer',
      name: 'Lighthouse Café',
      email: 'orders@lighthouse.example',
    });
    const warehouse = await e2e.api<Rec>('POST', '/api/v1/supply/warehouses', { code: 'QW', name: 'Quote warehouse' });
    const item = await e2e.api<Rec>('POST', '/api/v1/supply/items', { sku: 'MUG-1', name: 'Lighthouse mug' });
    const quote = await e2e.api<Rec>('POST', '/api/v1/supply/sales-orders', {
      customerId: customer.id,
      warehouseId: warehouse.id,
      validUntil: '2030-01-31',
      lines: [{ itemId: item.id, quantity: '12', unitPrice: '4.50' }],
    });

    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/supply/sales-orders/${quote.id}`);
    await page.getByRole('heading', { name: `Quotation ${quote.number}`, level: 1 }).waitFor();

    // Download PDF: the response is a PDF with the quotation's number, customer, line and total.
    let pdf: { status: number; type: string | undefined; body: Buffer } | undefined;
    await page.route('**/pdf?download=true', async (route) => {
      const response = await route.fetch();
      pdf = { status: response.status(), type: response.headers()['content-type'], body: await response.body() };
      await route.fulfill({ response });
    });
    await page.getByRole('button', { name: 'Download PDF' }).click();
    await expect.poll(() => pdf?.status).toBe(200);
    expect(pdf!.type).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(pdf!.body));
    for (const expected of [
      'Quote Trading Ltd',
      `QUOTATION ${quote.number}`,
      'Lighthouse Café',
      'Valid until 2030-01-31',
      'Lighthouse mug (MUG-1) 12 pcs 4.50',
      'Total 54.00',
    ])
      expect(text).toContain(expected);

    // Send by email: the customer's address is the default; the log shows the send until the mail left.
    await page.getByRole('button', { name: 'Send by email' }).click();
    const dialog = page.getByRole('dialog', { name: `Send quotation ${quote.number} by email` });
    await expect.poll(() => dialog.getByLabel('To').inputValue()).toBe('orders@lighthouse.example');
    await dialog.getByLabel('Subject').fill(`Your quotation ${quote.number}`);
    await dialog.getByRole('button', { name: 'Send' }).click();
    const log = page.getByRole('table', { name: 'Send log' });
    await log.getByRole('row', { name: /orders@lighthouse\.example/ }).waitFor();
    await expect.poll(() => log.innerText(), { timeout: 30_000 }).toMatch(/Sent$/m);
    await screenshot(page, 'supply-quotation-sent');

    const outbox = await e2e.api<{ items: { id: string; subject: string }[] }>('GET', '/api/v1/mail/outbox');
    const summary = outbox.items.find((m) => m.subject === `Your quotation ${quote.number}`);
    expect(summary).toBeDefined();
    const message = await e2e.api<OutboxMessage>('GET', `/api/v1/mail/outbox/${summary!.id}`);
    expect(message.to.join(' ')).toContain('orders@lighthouse.example');
    expect(message.attachments).toEqual([
      expect.objectContaining({ fileName: `Quotation-${quote.number}.pdf`, contentType: 'application/pdf' }),
    ]);
  });
});
