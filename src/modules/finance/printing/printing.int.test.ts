import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { workRegistry } from '../../../app/jobs.js';
import { createStandardApp } from '../../../app/standard-app.js';
import type { LocalFileStore } from '../../../platform/files/local-file-store.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { localOutboxDir, useMailConfig } from '../../../platform/mail/mail-environment.js';
import { parseMessage } from '../../../platform/mail/mime.js';
import { F, createParty, issued, line, type DocBody } from '../documents/test-support.js';
import { financeReader } from '../test/finance-helpers.js';
import { pdfText } from './pdf-text.test-support.js';
import { documentSendJob } from './printing.jobs.js';
import { groupedReference, isValidRfReference, rfReference } from './rf-reference.js';

/** Issue #22: invoices and credit notes as PDFs with the tax breakdown, sent by email with a log. */

interface Send {
  id: string;
  status: string;
  mailStatus: string | null;
  to: string[];
  subject: string;
  fileName: string;
  sentByEmail: string | null;
}
interface Problem {
  status: number;
  errors?: { path: string; code?: string; message: string }[];
}

let t: TestApp;
let app: ReturnType<typeof createStandardApp> | undefined;
let admin: { token: string; email: string };
let accountant: { token: string };
let customer: string;
let noEmail: string;
let invoice: DocBody & { taxes: { code: string; base: string; tax: string }[] };
const codes: Record<string, string> = {};
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

const pdfOf = async (url: string, token = admin.token) => {
  app ??= createStandardApp(t.runtime);
  const res = await app.request(url, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
};
const emlFiles = async () =>
  (await readdir(localOutboxDir(t.config)).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
const settings = async () =>
  (await t.request<{ version: number }>('GET', `${F}/document-settings`, { token: admin.token })).body;

async function uploadLogo(bytes: Buffer, contentType: string, recordId: string) {
  const declared = await t.request<{ id: string; upload: { url: string } }>('POST', '/api/v1/files/uploads', {
    token: admin.token,
    body: {
      recordType: 'finance.company',
      recordId,
      fileName: `logo.${contentType.split('/')[1]}`,
      contentType,
      size: bytes.length,
    },
  });
  expect(declared.status, JSON.stringify(declared.body)).toBe(201);
  const store = (await t.runtime.getFileStore()) as LocalFileStore;
  const url = new URL(declared.body.upload.url);
  const check = store.verify('PUT', url.pathname + url.search);
  if (!check.ok) throw new Error('upload URL refused');
  expect(await store.receive(check.grant, Readable.from([bytes]))).toBe('ok');
  const done = await t.request<{ id: string }>('POST', `/api/v1/files/uploads/${declared.body.id}/complete`, {
    token: admin.token,
  });
  expect(done.status, JSON.stringify(done.body)).toBe(201);
  return done.body.id;
}

beforeAll(async () => {
  t = await createTestApp();
  useMailConfig(t.config);
  const user = await t.userWithRoles(['admin']);
  admin = { token: user.token, email: user.email };
  accountant = await t.userWithRoles(['accountant']);
  const s = await t.request<{ version: number }>('GET', `${F}/settings`, { token: admin.token });
  expect(
    (
      await t.request('PATCH', `${F}/settings`, {
        token: admin.token,
        body: { version: s.body.version, baseCurrency: 'EUR' },
      })
    ).status,
  ).toBe(200);
  for (const [code, rate, extra] of [
    ['VAT20', '0.2', {}],
    ['VAT10', '0.1', {}],
    ['EXP0', '0', { treatment: 'zero-rated', exemptReason: 'Export outside the EU' }],
  ] as const) {
    const res = await t.request<{ id: string }>('POST', `${F}/tax-codes`, {
      token: admin.token,
      body: { code, name: `${code} tax`, kind: 'sales', rate, ...extra },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    codes[code] = res.body.id;
  }
  customer = (
    await createParty(t, admin.token, {
      kind: 'customer',
      name: 'Zoë Café GmbH',
      email: 'ap@zoe-cafe.example',
      taxId: 'DE123456789',
    })
  ).id;
  noEmail = (await createParty(t, admin.token, { kind: 'customer', name: 'No Mail Ltd' })).id;
  // Tax-inclusive: 2 × 60.00 at 20 % → 100.00 + 20.00; 1 × 55.00 at 10 % → 50.00 + 5.00; 30.00 zero-rated.
  invoice = (await issued(t, admin.token, 'invoices', {
    partyId: customer,
    date: '2026-06-01',
    dueDate: '2026-07-01',
    reference: 'PO-77',
    pricesIncludeTax: true,
    lines: [
      line('2', '60.00', { description: 'Espresso machine service', taxCodeId: codes.VAT20 }),
      line('1', '55.00', { description: 'Coffee beans', taxCodeId: codes.VAT10 }),
      line('1', '30.00', { description: 'Export shipment', taxCodeId: codes.EXP0 }),
    ],
  })) as typeof invoice;
});
afterAll(async () => {
  await t?.close();
});

describe('document settings', () => {
  it('keeps the company details and texts; refuses unknown placeholders, a bad IBAN, and non-admins', async () => {
    const before = await settings();
    const bad = await t.request<Problem>('PATCH', `${F}/document-settings`, {
      token: admin.token,
      body: { version: before.version, footerText: 'Thanks {{process.env}} {{secret}}', iban: 'DE00 1234' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(['footerText', 'iban']);
    expect(
      (
        await t.request('PATCH', `${F}/document-settings`, {
          token: accountant.token,
          body: { version: before.version, legalName: 'X' },
        })
      ).status,
    ).toBe(403);
    const res = await t.request<{ iban: string; version: number; headerText: string }>(
      'PATCH',
      `${F}/document-settings`,
      {
        token: admin.token,
        body: {
          version: before.version,
          legalName: 'MOMS Trading GmbH',
          street: 'Hauptstraße 1',
          postalZone: '10115',
          city: 'Berlin',
          countryCode: 'de',
          vatId: 'de 987 654 321',
          registration: 'HRB 12345 Berlin',
          bankName: 'Berliner Bank',
          iban: 'de89 3704 0044 0532 0130 00',
          bic: 'COBADEFFXXX',
          headerText: 'Thank you for your order {{documentNumber}}, {{partyName}}.',
          footerText: '{{companyName}} · Managing director: A. Example',
        },
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      iban: 'DE89370400440532013000',
      vatId: 'DE987654321',
      countryCode: 'DE',
      bic: 'COBADEFFXXX',
    });
    const stale = await t.request('PATCH', `${F}/document-settings`, {
      token: admin.token,
      body: { version: before.version, phone: '1' },
    });
    expect(stale.status).toBe(409);
  });

  it('takes a PNG logo uploaded to the company record, and refuses other files', async () => {
    const s = await t.request<{ version: number; companyRecordId: string }>('GET', `${F}/document-settings`, {
      token: admin.token,
    });
    const pdfId = await uploadLogo(Buffer.from('%PDF-1.4 not an image'), 'application/pdf', s.body.companyRecordId);
    const refused = await t.request<Problem>('PATCH', `${F}/document-settings`, {
      token: admin.token,
      body: { version: s.body.version, logoAttachmentId: pdfId },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.[0]?.code).toBe('logo_type');
    const logoId = await uploadLogo(PNG, 'image/png', s.body.companyRecordId);
    const res = await t.request<{ logo: { attachmentId: string } | null }>('PATCH', `${F}/document-settings`, {
      token: admin.token,
      body: { version: s.body.version, logoAttachmentId: logoId },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.logo?.attachmentId).toBe(logoId);
  });
});

describe('the invoice PDF', () => {
  it('shows the company, the party, the lines, the totals and the tax breakdown per code', async () => {
    expect(invoice.subtotal).toBe('180.00');
    expect(invoice.taxTotal).toBe('25.00');
    expect(invoice.total).toBe('205.00');
    const pdf = await pdfOf(`${F}/invoices/${invoice.id}/pdf?download=true`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toMatch(/^attachment; filename="Invoice-/);
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(Buffer.from(pdf.bytes).toString('latin1')).toMatch(/\/Subtype\s*\/Image/); // the logo
    const text = await pdfText(pdf.bytes);
    for (const expected of [
      'MOMS Trading GmbH',
      'Hauptstraße 1',
      '10115 Berlin',
      'VAT ID: DE987654321',
      'HRB 12345 Berlin',
      `INVOICE ${invoice.number}`,
      'Zoë Café GmbH',
      'Tax ID: DE123456789',
      `Thank you for your order ${invoice.number}, Zoë Café GmbH.`,
      'Espresso machine service',
      'Subtotal 180.00 EUR',
      'Tax 25.00 EUR',
      'Total 205.00 EUR',
      'Tax breakdown',
      'VAT20 VAT20 tax 20 % 100.00 20.00',
      'VAT10 VAT10 tax 10 % 50.00 5.00',
      'EXP0 EXP0 tax (zero-rated: Export outside the EU) 0 % 30.00 0.00',
      'IBAN DE89 3704 0044 0532 0130 00',
      `Reference ${groupedReference(rfReference(invoice.number!))}`,
      'MOMS Trading GmbH · Managing director: A. Example',
      'Page 1 of 1',
    ])
      expect(text).toContain(expected);
    expect(isValidRfReference(rfReference(invoice.number!))).toBe(true);
  });

  it('renders a credit note with its own title, and 404s an unknown document', async () => {
    const credit = await issued(t, admin.token, 'credit-notes', {
      partyId: customer,
      date: '2026-06-05',
      creditsDocumentId: invoice.id,
      pricesIncludeTax: true,
      lines: [line('1', '60.00', { description: 'Service refund', taxCodeId: codes.VAT20 })],
    });
    const text = await pdfText((await pdfOf(`${F}/credit-notes/${credit.id}/pdf`)).bytes);
    expect(text).toContain(`CREDIT NOTE ${credit.number}`);
    expect(text).toContain(`Credits ${invoice.number}`);
    expect(text).toContain('VAT20 VAT20 tax 20 % 50.00 10.00');
    expect(text).toContain('Total 60.00 EUR');
    expect((await pdfOf(`${F}/invoices/${credit.id}/pdf`)).status).toBe(404);
    const vendor = await createParty(t, admin.token, { kind: 'vendor', name: 'Bean Supplier' });
    const bill = await issued(t, admin.token, 'bills', {
      partyId: vendor.id,
      date: '2026-06-06',
      lines: [line('4', '12.50')],
    });
    const billText = await pdfText((await pdfOf(`${F}/bills/${bill.id}/pdf`)).bytes);
    expect(billText).toContain(`BILL ${bill.number}`);
    expect(billText).toContain('From Bean Supplier');
    expect(billText).toContain('Total 50.00 EUR');
    expect(billText).not.toContain('IBAN');
  });

  it('marks a draft as such', async () => {
    const draft = await t.request<{ id: string }>('POST', `${F}/invoices`, {
      token: admin.token,
      body: { partyId: customer, date: '2026-06-02', lines: [line('1', '10.00', { taxCodeId: codes.VAT20 })] },
    });
    const text = await pdfText((await pdfOf(`${F}/invoices/${draft.body.id}/pdf`)).bytes);
    expect(text).toContain('DRAFT INVOICE');
    const send = await t.request<Problem>('POST', `${F}/invoices/${draft.body.id}/send`, {
      token: admin.token,
      body: {},
    });
    expect(send.status).toBe(422);
  });
});

describe('sending the invoice by email', () => {
  it('queues a job that renders the PDF and mails it; the log shows who sent what to whom', async () => {
    const before = await emlFiles();
    const res = await t.request<Send>('POST', `${F}/invoices/${invoice.id}/send`, { token: admin.token, body: {} });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued', to: ['ap@zoe-cafe.example'], sentByEmail: admin.email });
    expect(res.body.subject).toBe(`invoice ${invoice.number} from MOMS Trading GmbH`);
    await drainJobs(t.db, workRegistry);
    const added = (await emlFiles()).filter((f) => !before.includes(f));
    expect(added).toHaveLength(1);
    const message = parseMessage(await readFile(path.join(localOutboxDir(t.config), added[0]!)));
    expect(message.to).toEqual(['ap@zoe-cafe.example']);
    expect(message.subject).toBe(res.body.subject);
    expect(message.text).toContain(`invoice ${invoice.number} of 2026-06-01 for 205.00 EUR`);
    expect(message.attachments).toEqual([
      expect.objectContaining({ fileName: `Invoice-${invoice.number}.pdf`, contentType: 'application/pdf' }),
    ]);
    const log = await t.request<{ items: Send[] }>('GET', `${F}/invoices/${invoice.id}/sends`, {
      token: accountant.token,
    });
    expect(log.body.items[0]).toMatchObject({ id: res.body.id, status: 'sent', mailStatus: 'succeeded' });
    // The attached PDF is the document's: its text has the totals.
    const row = await t.db
      .selectFrom('finance.document_sends')
      .select('file_key')
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    const chunks: Buffer[] = [];
    for await (const c of await (await t.runtime.getFileStore()).read(row.file_key!)) chunks.push(c as Buffer);
    const attached = Buffer.concat(chunks);
    expect(message.attachments[0]!.size).toBe(attached.length);
    expect(await pdfText(attached)).toContain('Total 205.00 EUR');
  });

  it('takes a recipient, subject and text; refuses a party without email and no recipient', async () => {
    const res = await t.request<Send>('POST', `${F}/invoices/${invoice.id}/send`, {
      token: accountant.token,
      body: {
        to: ['boss@zoe-cafe.example'],
        cc: ['me@moms.example'],
        subject: 'Your invoice',
        message: 'Hello <b>there</b>',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    await drainJobs(t.db, workRegistry);
    const last = (await emlFiles()).at(-1)!;
    const message = parseMessage(await readFile(path.join(localOutboxDir(t.config), last)));
    expect(message.subject).toBe('Your invoice');
    expect(message.cc).toEqual(['me@moms.example']);
    expect(message.html).toContain('Hello &lt;b&gt;there&lt;/b&gt;');

    const other = await issued(t, admin.token, 'invoices', {
      partyId: noEmail,
      date: '2026-06-03',
      lines: [line('1', '10.00')],
    });
    const refused = await t.request<Problem>('POST', `${F}/invoices/${other.id}/send`, {
      token: admin.token,
      body: {},
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.[0]?.path).toBe('to');
    const header = await t.request<Problem>('POST', `${F}/invoices/${invoice.id}/send`, {
      token: admin.token,
      body: { subject: 'Hi\r\nBcc: evil@example.com' },
    });
    expect(header.status).toBe(422);
  });

  it('a reader downloads but cannot send; a refused send leaves no log row and no job', async () => {
    const reader = await financeReader(t);
    expect((await pdfOf(`${F}/invoices/${invoice.id}/pdf`, reader.token)).status).toBe(200);
    const before = await t.db.selectFrom('finance.document_sends').select('id').execute();
    const jobs = await t.db.selectFrom('platform.jobs').select('id').execute();
    expect(
      (await t.request('POST', `${F}/invoices/${invoice.id}/send`, { token: reader.token, body: {} })).status,
    ).toBe(403);
    const bad = await t.request<Problem>('POST', `${F}/invoices/${invoice.id}/send`, {
      token: admin.token,
      body: { to: ['not-an-address'] },
    });
    expect(bad.status).toBe(422);
    expect(await t.db.selectFrom('finance.document_sends').select('id').execute()).toHaveLength(before.length);
    expect(await t.db.selectFrom('platform.jobs').select('id').execute()).toHaveLength(jobs.length);
  });

  it('a send job that runs again after it queued the mail queues nothing twice', async () => {
    const res = await t.request<Send>('POST', `${F}/invoices/${invoice.id}/send`, { token: admin.token, body: {} });
    await drainJobs(t.db, workRegistry);
    const mails = async () =>
      (await t.db.selectFrom('platform.jobs').select('id').where('type', '=', 'platform.mail.send').execute()).length;
    const count = await mails();
    // The same delivery again (at least once): the row is already sent.
    await inTransaction(t.db, (trx) =>
      enqueueJob(trx, { type: documentSendJob, payload: { sendId: res.body.id, body: 'again' }, createdBy: null }),
    );
    await drainJobs(t.db, workRegistry);
    expect(await mails()).toBe(count);
  });
});
