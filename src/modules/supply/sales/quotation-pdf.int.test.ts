import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { workRegistry } from '../../../app/jobs.js';
import { createStandardApp } from '../../../app/standard-app.js';
import type { LocalFileStore } from '../../../platform/files/local-file-store.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { localOutboxDir, useMailConfig } from '../../../platform/mail/mail-environment.js';
import { parseMessage } from '../../../platform/mail/mime.js';
import { call, ok, uniq, warehouse, type Rec } from '../supply.test-support.js';

/** The PDF's text as a reader extracts it (pdf.js through `unpdf`), whitespace runs collapsed. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

/** Issue #14: a quotation sent as a PDF, with Finance's letterhead. */

interface SalesOrder extends Rec {
  number: string;
  total: string;
}
interface Send {
  id: string;
  orderId: string;
  to: string[];
  subject: string;
  fileName: string;
  jobId: string;
  status: string;
  mailStatus: string | null;
  sentByEmail: string | null;
}

let t: TestApp;
let app: ReturnType<typeof createStandardApp> | undefined;
let admin: { token: string; email: string };
let sales: string;
let customer: string;
let noEmail: string;
let quote: SalesOrder;
let itemName: string;
let w: { id: string; stock: string };

const pdfOf = async (url: string, token = admin.token) => {
  app ??= createStandardApp(t.runtime);
  const res = await app.request(`/api/v1/supply${url}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
};
const emlFiles = async () =>
  (await readdir(localOutboxDir(t.config)).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** The company logo, uploaded to Finance's company record through the files API and chosen in the settings. */
async function useLogo() {
  const s = await t.request<{ version: number; companyRecordId: string }>('GET', '/api/v1/finance/document-settings', {
    token: admin.token,
  });
  const declared = await t.request<{ id: string; upload: { url: string } }>('POST', '/api/v1/files/uploads', {
    token: admin.token,
    body: {
      recordType: 'finance.company',
      recordId: s.body.companyRecordId,
      fileName: 'logo.png',
      contentType: 'image/png',
      size: PNG.length,
    },
  });
  expect(declared.status, JSON.stringify(declared.body)).toBe(201);
  const store = (await t.runtime.getFileStore()) as LocalFileStore;
  const url = new URL(declared.body.upload.url);
  const check = store.verify('PUT', url.pathname + url.search);
  if (!check.ok) throw new Error('upload URL refused');
  expect(await store.receive(check.grant, Readable.from([PNG]))).toBe('ok');
  const done = await t.request<{ id: string }>('POST', `/api/v1/files/uploads/${declared.body.id}/complete`, {
    token: admin.token,
  });
  expect(done.status, JSON.stringify(done.body)).toBe(201);
  const res = await t.request('PATCH', '/api/v1/finance/document-settings', {
    token: admin.token,
    body: { version: s.body.version, logoAttachmentId: done.body.id },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function customerParty(name: string, email?: string) {
  const res = await t.request<Rec>('POST', '/api/v1/finance/parties', {
    token: admin.token,
    body: { kind: 'customer', name, ...(email ? { email } : {}), taxId: 'DE111222333' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function quotation(customerId: string, memo = '') {
  return ok<SalesOrder>(t, admin.token, 'POST', '/sales-orders', {
    customerId,
    warehouseId: w.id,
    currency: 'EUR',
    date: '2026-12-01',
    validUntil: '2026-12-31',
    memo,
    lines: [
      { itemId: itemId, quantity: '3', unitPrice: '120.50', discountPercent: '10' },
      { itemId: itemId, quantity: '2', unitPrice: '1000' },
    ],
  });
}
let itemId: string;

beforeAll(async () => {
  t = await createTestApp();
  useMailConfig(t.config);
  const user = await t.userWithRoles(['admin']);
  admin = { token: user.token, email: user.email };
  sales = (await t.userWithRoles(['sales-ops'])).token;
  const s = await t.request<{ version: number }>('GET', '/api/v1/finance/settings', { token: admin.token });
  expect(
    (
      await t.request('PATCH', '/api/v1/finance/settings', {
        token: admin.token,
        body: { version: s.body.version, baseCurrency: 'EUR' },
      })
    ).status,
  ).toBe(200);
  const ds = await t.request<{ version: number }>('GET', '/api/v1/finance/document-settings', { token: admin.token });
  expect(
    (
      await t.request('PATCH', '/api/v1/finance/document-settings', {
        token: admin.token,
        body: {
          version: ds.body.version,
          legalName: 'MOMS Trading GmbH',
          street: 'Hauptstraße 1',
          postalZone: '10115',
          city: 'Berlin',
        },
      })
    ).status,
  ).toBe(200);
  await useLogo();
  w = await warehouse(t, admin.token);
  itemName = uniq('Espresso grinder');
  itemId = (await ok(t, admin.token, 'POST', '/items', { sku: uniq('GR'), name: itemName })).id;
  customer = await customerParty('Zoë Café GmbH', 'buyer@zoe-cafe.example');
  noEmail = await customerParty('No Mail Ltd');
  quote = await quotation(customer, 'Delivery within two weeks of your order.');
});
afterAll(async () => {
  await t?.close();
});

describe('the quotation PDF', () => {
  it('shows the letterhead, the number, the customer, the lines and the total', async () => {
    // 3 × 120.50 less 10 % = 325.35; 2 × 1000 = 2000.00
    expect(quote.total).toBe('2325.35');
    const pdf = await pdfOf(`/sales-orders/${quote.id}/pdf?download=true`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toMatch(new RegExp(`^attachment; filename="Quotation-${quote.number}\\.pdf"`));
    expect(Buffer.from(pdf.bytes).toString('latin1')).toMatch(/\/Subtype\s*\/Image/); // the logo
    const text = await pdfText(pdf.bytes);
    for (const expected of [
      'MOMS Trading GmbH',
      'Hauptstraße 1',
      '10115 Berlin',
      `QUOTATION ${quote.number}`,
      'Customer Zoë Café GmbH',
      'Tax ID: DE111222333',
      'Valid until 2026-12-31',
      `${itemName}`,
      '3 pcs 120.50 10 325.35',
      '2 pcs 1,000.00 2,000.00',
      'Subtotal 2,325.35 EUR',
      'Total 2,325.35 EUR',
      'Delivery within two weeks of your order.',
      'Page 1 of 1',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('Tax 0');
    const inline = await pdfOf(`/sales-orders/${quote.id}/pdf`, sales);
    expect(inline.status).toBe(200);
    expect(inline.disposition).toMatch(/^inline; filename="Quotation-/);
  });

  it('an accepted quotation prints as a sales order; unknown orders 404; no supply:read is 403', async () => {
    const order = await quotation(customer);
    await ok(t, admin.token, 'POST', `/sales-orders/${order.id}/confirm`, { version: order.version }, 200);
    const text = await pdfText((await pdfOf(`/sales-orders/${order.id}/pdf`)).bytes);
    expect(text).toContain(`SALES ORDER ${order.number}`);
    expect(text).not.toContain('Valid until');
    expect((await pdfOf('/sales-orders/00000000-0000-4000-8000-000000000001/pdf')).status).toBe(404);
    const accountant = await t.userWithRoles(['accountant']);
    expect((await pdfOf(`/sales-orders/${quote.id}/pdf`, accountant.token)).status).toBe(403);
  });
});

describe('sending the quotation by email', () => {
  it("queues Finance's job; once it runs, the mail leaves with the PDF attached; logged and audited", async () => {
    const before = await emlFiles();
    const res = await call<Send>(t, sales, 'POST', `/sales-orders/${quote.id}/send`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({
      orderId: quote.id,
      status: 'queued',
      to: ['buyer@zoe-cafe.example'],
      fileName: `Quotation-${quote.number}.pdf`,
    });
    expect(res.body.subject).toBe(`quotation ${quote.number} from MOMS Trading GmbH`);
    const job = await t.db
      .selectFrom('platform.jobs')
      .select(['type', 'status'])
      .where('id', '=', res.body.jobId)
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ type: 'finance.commercial-send', status: 'queued' });
    // Nothing is rendered or mailed in the request.
    expect(await emlFiles()).toEqual(before);

    await drainJobs(t.db, workRegistry);
    const added = (await emlFiles()).filter((f) => !before.includes(f));
    expect(added).toHaveLength(1);
    const message = parseMessage(await readFile(path.join(localOutboxDir(t.config), added[0]!)));
    expect(message.to).toEqual(['buyer@zoe-cafe.example']);
    expect(message.subject).toBe(res.body.subject);
    expect(message.text).toContain(`quotation ${quote.number} of 2026-12-01 for 2,325.35 EUR`);
    expect(message.attachments).toEqual([
      expect.objectContaining({ fileName: `Quotation-${quote.number}.pdf`, contentType: 'application/pdf' }),
    ]);
    // The attachment is the quotation's PDF.
    const checkpoint = (
      await t.db
        .selectFrom('platform.jobs')
        .select('checkpoint')
        .where('id', '=', res.body.jobId)
        .executeTakeFirstOrThrow()
    ).checkpoint as { fileKey: string };
    const chunks: Buffer[] = [];
    for await (const c of await (await t.runtime.getFileStore()).read(checkpoint.fileKey)) chunks.push(c as Buffer);
    const attached = Buffer.concat(chunks);
    expect(message.attachments[0]!.size).toBe(attached.length);
    const text = await pdfText(attached);
    expect(text).toContain(`QUOTATION ${quote.number}`);
    expect(text).toContain('Total 2,325.35 EUR');

    const log = await call<{ items: Send[] }>(t, sales, 'GET', `/sales-orders/${quote.id}/sends`);
    expect(log.status).toBe(200);
    expect(log.body.items[0]).toMatchObject({ id: res.body.id, status: 'sent', mailStatus: 'succeeded' });
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select(['action'])
      .where('entity_id', '=', quote.id)
      .where('action', '=', 'sales-order.sent')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('a run repeated after the mail was queued queues nothing twice', async () => {
    const res = await call<Send>(t, admin.token, 'POST', `/sales-orders/${quote.id}/send`, {
      to: ['boss@zoe-cafe.example'],
      cc: ['me@moms.example'],
      subject: 'Your quotation',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    await drainJobs(t.db, workRegistry);
    const mails = async () =>
      (await t.db.selectFrom('platform.jobs').select('id').where('type', '=', 'platform.mail.send').execute()).length;
    const count = await mails();
    const last = (await emlFiles()).at(-1)!;
    const message = parseMessage(await readFile(path.join(localOutboxDir(t.config), last)));
    expect(message).toMatchObject({
      to: ['boss@zoe-cafe.example'],
      cc: ['me@moms.example'],
      subject: 'Your quotation',
    });
    // The same delivery again (at least once): the checkpoint says the mail is queued.
    await t.db
      .updateTable('platform.jobs')
      .set({ status: 'queued', next_attempt_at: new Date(0) })
      .where('id', '=', res.body.jobId)
      .execute();
    await drainJobs(t.db, workRegistry);
    expect(await mails()).toBe(count);
    const rerun = await t.db
      .selectFrom('platform.jobs')
      .select(['status', 'invocations'])
      .where('id', '=', res.body.jobId)
      .executeTakeFirstOrThrow();
    expect(rerun).toEqual({ status: 'succeeded', invocations: 2 });
  });

  it('422 without a recipient or for a cancelled order, 403 without supply:write, 404 unknown; nothing queued', async () => {
    const jobs = async () => (await t.db.selectFrom('platform.jobs').select('id').execute()).length;
    const sends = async () => (await t.db.selectFrom('supply.quotation_sends').select('id').execute()).length;
    const other = await quotation(noEmail);
    const cancelled = await quotation(customer);
    await ok(t, admin.token, 'POST', `/sales-orders/${cancelled.id}/cancel`, { version: cancelled.version }, 200);
    const [jobsBefore, sendsBefore] = [await jobs(), await sends()];
    const refused = await call(t, admin.token, 'POST', `/sales-orders/${other.id}/send`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.[0]).toMatchObject({ path: 'to', code: 'no_recipient' });
    const bad = await call(t, admin.token, 'POST', `/sales-orders/${quote.id}/send`, { to: ['not-an-address'] });
    expect(bad.status).toBe(422);
    const header = await call(t, admin.token, 'POST', `/sales-orders/${quote.id}/send`, {
      subject: 'Hi\r\nBcc: evil@example.com',
    });
    expect(header.status).toBe(422);
    const notSent = await call(t, admin.token, 'POST', `/sales-orders/${cancelled.id}/send`, {});
    expect(notSent.status).toBe(422);
    expect(notSent.body.errors?.[0]?.code).toBe('not_sendable');
    expect(await pdfText((await pdfOf(`/sales-orders/${cancelled.id}/pdf`)).bytes)).toContain(
      `CANCELLED SALES ORDER ${cancelled.number}`,
    );
    const accountant = await t.userWithRoles(['accountant']);
    expect((await call(t, accountant.token, 'POST', `/sales-orders/${quote.id}/send`, {})).status).toBe(403);
    expect((await call(t, accountant.token, 'GET', `/sales-orders/${quote.id}/sends`)).status).toBe(403);
    const unknown = '00000000-0000-4000-8000-000000000001';
    expect((await call(t, admin.token, 'POST', `/sales-orders/${unknown}/send`, {})).status).toBe(404);
    expect((await call(t, admin.token, 'GET', `/sales-orders/${unknown}/sends`)).status).toBe(404);
    expect(await jobs()).toBe(jobsBefore);
    expect(await sends()).toBe(sendsBefore);
  });
});
