import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { F, count, createParty, issued, line } from '../documents/test-support.js';
import { ACME, GLOBEX, partyFor, setProfile, taxCode, ubl, uploadToInbox } from './einvoice.test-support.js';
import { en16931Violations } from './schematron.test-support.js';
import { validateUbl } from './xsd-validate.test-support.js';

/**
 * Issue #22: a supplier's UBL invoice becomes a draft bill. The round trip runs between two
 * companies, each on its own database: Acme (seller) exports, Globex (buyer) imports; totals and tax agree.
 */

let seller: TestApp;
let buyer: TestApp;
let sellerToken: string;
let token: string;
const sales: Record<string, string> = {};
const purchase: Record<string, string> = {};
let acmeAtGlobex: string;
let invoiceXml: string;
let invoice: { id: string; number: string | null; subtotal: string; taxTotal: string; total: string };

interface BillBody {
  id: string;
  status: string;
  partyId: string;
  reference: string;
  date: string;
  dueDate: string;
  subtotal: string;
  taxTotal: string;
  total: string;
  currency: string;
  lines: {
    description: string;
    quantity: string;
    unitPrice: string;
    discountPercent: string;
    taxCodeId: string | null;
    net: string;
    tax: string;
  }[];
  taxes: { code: string; base: string; tax: string }[];
}
interface Problem {
  type: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

const importXml = (xml: string, extra: Record<string, unknown> = {}, as = token) =>
  buyer.request<BillBody & Problem>('POST', `${F}/bills/import-ubl`, { token: as, body: { xml, ...extra } });

beforeAll(async () => {
  seller = await createTestApp();
  buyer = await createTestApp();
  sellerToken = (await seller.userWithRoles(['finance-admin'])).token;
  token = (await buyer.userWithRoles(['finance-admin'])).token;
  // Acme's books: its profile, its sales codes, Globex as a customer.
  await setProfile(seller, sellerToken, ACME);
  sales.VAT21 = await taxCode(seller, sellerToken, { code: 'VAT21', name: 'VAT 21 %', kind: 'sales', rate: '0.21' });
  sales.VAT6 = await taxCode(seller, sellerToken, { code: 'VAT6', name: 'VAT 6 %', kind: 'sales', rate: '0.06' });
  sales.EX = await taxCode(seller, sellerToken, {
    code: 'EX',
    name: 'Exempt',
    kind: 'sales',
    treatment: 'exempt',
    exemptReason: 'Exempt under Article 44',
  });
  const globex = (await partyFor(seller, sellerToken, 'customer', GLOBEX)).id;
  const inv = await issued(seller, sellerToken, 'invoices', {
    partyId: globex,
    date: '2026-06-01',
    dueDate: '2026-07-01',
    lines: [
      line('2', '50.00', { taxCodeId: sales.VAT21, discountPercent: '10', description: 'Widgets' }),
      line('3', '33.33', { taxCodeId: sales.VAT21, description: 'Gadgets' }),
      line('7', '1.2345', { taxCodeId: sales.VAT6, description: 'Screws' }),
      line('1', '40.00', { taxCodeId: sales.EX, description: 'Training' }),
    ],
  });
  invoice = inv;
  const exported = await ubl(seller, sellerToken, 'invoices', inv.id);
  expect(exported.status, exported.xml).toBe(200);
  expect((await validateUbl(exported.xml, 'Invoice')).errors).toEqual([]);
  expect(en16931Violations(exported.xml).fatal).toEqual([]);
  invoiceXml = exported.xml;

  // Globex's books: its profile, its purchase codes, Acme as a vendor (found by its VAT id).
  await setProfile(buyer, token, GLOBEX);
  purchase.IN21 = await taxCode(buyer, token, { code: 'IN21', name: 'Input VAT 21 %', kind: 'purchase', rate: '0.21' });
  purchase.IN6 = await taxCode(buyer, token, { code: 'IN6', name: 'Input VAT 6 %', kind: 'purchase', rate: '0.06' });
  purchase.INEX = await taxCode(buyer, token, {
    code: 'INEX',
    name: 'Exempt purchases',
    kind: 'purchase',
    treatment: 'exempt',
    exemptReason: 'Exempt supply received',
  });
  acmeAtGlobex = (await partyFor(buyer, token, 'vendor', ACME, { endpoint: false, name: 'ACME (supplier)' })).id;
}, 180_000);
afterAll(async () => {
  await seller?.close();
  await buyer?.close();
});

describe('UBL import as a draft bill', () => {
  it('round trip: the exported invoice becomes a draft bill with the same totals and tax', async () => {
    const res = await importXml(invoiceXml);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get('location')).toBe(`${F}/bills/${res.body.id}`);
    const bill = res.body;
    expect(bill.status).toBe('draft');
    expect(bill.partyId).toBe(acmeAtGlobex);
    expect(bill.reference).toBe(invoice.number);
    expect([bill.date, bill.dueDate]).toEqual(['2026-06-01', '2026-07-01']);
    expect([bill.subtotal, bill.taxTotal, bill.total]).toEqual([invoice.subtotal, invoice.taxTotal, invoice.total]);
    expect(
      bill.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.discountPercent, l.taxCodeId, l.net]),
    ).toEqual([
      ['Widgets', '2', '50', '10', purchase.IN21, '90.00'],
      ['Gadgets', '3', '33.33', '0', purchase.IN21, '99.99'],
      ['Screws', '7', '1.2345', '0', purchase.IN6, '8.64'],
      ['Training', '1', '40', '0', purchase.INEX, '40.00'],
    ]);
    // The tax per code equals the seller's per code.
    const sellerDoc = await seller.request<BillBody>('GET', `${F}/invoices/${invoice.id}`, { token: sellerToken });
    expect(bill.taxes.map((x) => [x.base, x.tax])).toEqual(sellerDoc.body.taxes.map((x) => [x.base, x.tax]));
    expect(bill.taxes.map((x) => x.code)).toEqual(['IN21', 'IN6', 'INEX']);
    // Issuing it posts like any bill.
    const posted = await buyer.request<{ status: string }>('POST', `${F}/bills/${bill.id}/issue`, { token });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    const audit = await buyer.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', bill.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['bill.created', 'bill.imported-ubl', 'bill.issued']);
  }, 120_000);

  it('imports a file uploaded to the e-invoice inbox, and refuses xml and attachmentId together or neither', async () => {
    const xml = invoiceXml.replace(`<cbc:ID>${invoice.number}</cbc:ID>`, '<cbc:ID>ACME-FILE-1</cbc:ID>');
    const attachmentId = await uploadToInbox(buyer, token, xml);
    const res = await buyer.request<BillBody & Problem>('POST', `${F}/bills/import-ubl`, {
      token,
      body: { attachmentId },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect([res.body.reference, res.body.total]).toEqual(['ACME-FILE-1', invoice.total]);
    const both = await buyer.request<Problem>('POST', `${F}/bills/import-ubl`, { token, body: { attachmentId, xml } });
    expect(both.status).toBe(422);
    expect((await buyer.request('POST', `${F}/bills/import-ubl`, { token, body: {} })).status).toBe(422);
    const unknown = await buyer.request<Problem>('POST', `${F}/bills/import-ubl`, {
      token,
      body: { attachmentId: '00000000-0000-4000-8000-000000000001' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.[0]?.path).toBe('attachmentId');
    const notUtf8 = await uploadToInbox(buyer, token, 'caf\u00e9');
    const store = await buyer.runtime.getFileStore();
    const row = await buyer.db
      .selectFrom('platform.attachments')
      .select('object_key')
      .where('id', '=', notUtf8)
      .executeTakeFirstOrThrow();
    await store.write(row.object_key, Buffer.from([0x3c, 0xff, 0xfe, 0x3e]), { contentType: 'application/xml' });
    const bad = await buyer.request<Problem>('POST', `${F}/bills/import-ubl`, {
      token,
      body: { attachmentId: notUtf8 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.type).toContain('ubl-malformed');
  });

  it('refuses the same invoice twice (409), naming the bill', async () => {
    const again = await importXml(invoiceXml);
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect(again.body.type).toContain('ubl-duplicate');
    // Two imports of one new invoice at the same time: one bill (the supplier's row serializes them).
    const fresh = invoiceXml.replace(`<cbc:ID>${invoice.number}</cbc:ID>`, '<cbc:ID>ACME-TWICE</cbc:ID>');
    const statuses = (await Promise.all([importXml(fresh), importXml(fresh)])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
  });

  it('refuses an unknown supplier with a 422 that names its VAT id and endpoint, creating nothing', async () => {
    const before = await count(buyer, 'finance.documents');
    const stranger = invoiceXml
      .replaceAll('BE0123456749', 'NL999999999B01')
      .replace('schemeID="0208">0123456749', 'schemeID="0106">77777777');
    const res = await importXml(stranger);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.type).toContain('ubl-supplier-unknown');
    expect(res.body.detail).toContain('NL999999999B01');
    expect(res.body.detail).toContain('0106:77777777');
    expect(res.body.errors?.map((e) => e.path)).toEqual(['party.taxId', 'party.endpointId']);
    expect(await count(buyer, 'finance.documents')).toBe(before);
  });

  it('finds the supplier by its endpoint when it has no VAT id on file', async () => {
    const other = await createParty(buyer, token, { kind: 'vendor', name: 'Initech' });
    const set = await buyer.request('PUT', `${F}/parties/${other.id}/e-invoicing`, {
      token,
      body: { endpointScheme: '0106', endpointId: '77777777', countryCode: 'NL', version: other.version },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const xml = invoiceXml
      .replaceAll('BE0123456749', 'NL999999999B01')
      .replace('schemeID="0208">0123456749', 'schemeID="0106">77777777')
      .replace(`<cbc:ID>${invoice.number}</cbc:ID>`, '<cbc:ID>INITECH-1</cbc:ID>');
    const res = await importXml(xml);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.partyId).toBe(other.id);
  });

  it('refuses an invoice addressed to another company', async () => {
    const res = await importXml(invoiceXml.replaceAll('DE123456789', 'FR12345678901'));
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.type).toContain('ubl-wrong-buyer');
  });

  it('refuses totals the purchase codes do not reproduce, keeping nothing', async () => {
    const before = await count(buyer, 'finance.documents');
    const xml = invoiceXml
      .replace(`<cbc:ID>${invoice.number}</cbc:ID>`, '<cbc:ID>ACME-TAMPERED</cbc:ID>')
      .replace(/(<cbc:TaxInclusiveAmount currencyID="\w+">)[^<]*/, '$1999.99');
    const res = await importXml(xml);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.type).toContain('ubl-totals-mismatch');
    expect(res.body.detail).toContain('999.99');
    expect(await count(buyer, 'finance.documents')).toBe(before);
  });

  it('maps reverse charge (AE) to a reverse-charge code, and names the line when there is none', async () => {
    const ae = invoiceXml
      .replace(`<cbc:ID>${invoice.number}</cbc:ID>`, '<cbc:ID>ACME-RC-1</cbc:ID>')
      .replace(/<cac:TaxTotal>[\s\S]*<\/cac:TaxTotal>/, (block) =>
        block
          .replace(/<cbc:TaxAmount currencyID="(\w+)">[^<]*</g, '<cbc:TaxAmount currencyID="$1">0.00<')
          .replace(/<cac:TaxSubtotal>[\s\S]*<\/cac:TaxSubtotal>/, (s) =>
            s.slice(0, s.indexOf('</cac:TaxSubtotal>') + 18),
          )
          .replace(
            /<cbc:TaxableAmount currencyID="(\w+)">[^<]*/,
            `<cbc:TaxableAmount currencyID="$1">${invoice.subtotal}`,
          )
          .replace(
            /<cbc:ID>S<\/cbc:ID>\s*<cbc:Percent>21<\/cbc:Percent>/,
            '<cbc:ID>AE</cbc:ID><cbc:Percent>0</cbc:Percent><cbc:TaxExemptionReason>Reverse charge</cbc:TaxExemptionReason>',
          ),
      )
      .replace(
        /<cbc:ID>(S|E)<\/cbc:ID>\s*<cbc:Percent>[^<]*<\/cbc:Percent>/g,
        '<cbc:ID>AE</cbc:ID><cbc:Percent>0</cbc:Percent>',
      )
      .replace(/(<cbc:TaxInclusiveAmount currencyID="\w+">)[^<]*/, `$1${invoice.subtotal}`)
      .replace(/(<cbc:PayableAmount currencyID="\w+">)[^<]*/, `$1${invoice.subtotal}`);
    const missing = await importXml(ae);
    expect(missing.status, JSON.stringify(missing.body)).toBe(422);
    expect(missing.body.type).toContain('ubl-tax-category');
    expect(missing.body.errors?.[0]?.path).toBe('InvoiceLine.0.ClassifiedTaxCategory');
    expect(missing.body.errors?.[0]?.message).toContain('reverse-charge');

    const rc = await taxCode(buyer, token, {
      code: 'RC21',
      name: 'Reverse charge 21 %',
      kind: 'purchase',
      rate: '0.21',
      treatment: 'reverse-charge',
    });
    const res = await importXml(ae);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.lines.every((l) => l.taxCodeId === rc)).toBe(true);
    expect([res.body.subtotal, res.body.total]).toEqual([invoice.subtotal, invoice.subtotal]);
  });

  it("imports another system's invoice: base quantities, amount-only allowances, document charges", async () => {
    const vendor = await createParty(buyer, token, { kind: 'vendor', name: 'Supplier Ltd', taxId: 'GB 123 2434' });
    const base = /<cbc:DocumentCurrencyCode>(\w+)</.exec(invoiceXml)![1]!;
    const amount = (name: string, value: string) => `<cbc:${name} currencyID="${base}">${value}</cbc:${name}>`;
    const s25 = '<cbc:ID>S</cbc:ID><cbc:Percent>25.0</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>';
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
    xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ID>SUP-1001</cbc:ID>
  <cbc:IssueDate>2026-06-10</cbc:IssueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:Note>Payment within 10 days</cbc:Note>
  <cbc:DocumentCurrencyCode>${base}</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cbc:EndpointID schemeID="0088">9482348239847239874</cbc:EndpointID>
    <cac:PartyName><cbc:Name>Supplier Trading Name</cbc:Name></cac:PartyName>
    <cac:PartyTaxScheme><cbc:CompanyID>GB1232434</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cbc:EndpointID schemeID="9930">DE123456789</cbc:EndpointID>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate>2026-06-20</cbc:PaymentDueDate></cac:PaymentMeans>
  <cac:AllowanceCharge>
    <cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:AllowanceChargeReason>Insurance</cbc:AllowanceChargeReason>
    ${amount('Amount', '25')}<cac:TaxCategory>${s25}</cac:TaxCategory>
  </cac:AllowanceCharge>
  <cac:TaxTotal>${amount('TaxAmount', '712.50')}
    <cac:TaxSubtotal>${amount('TaxableAmount', '2850')}${amount('TaxAmount', '712.50')}<cac:TaxCategory>${s25}</cac:TaxCategory></cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    ${amount('LineExtensionAmount', '2825')}${amount('TaxExclusiveAmount', '2850')}${amount('TaxInclusiveAmount', '3562.50')}
    ${amount('ChargeTotalAmount', '25')}${amount('PayableAmount', '3562.50')}
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine>
    <cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="DAY">7</cbc:InvoicedQuantity>${amount('LineExtensionAmount', '2800')}
    <cac:Item><cbc:Description>Consulting</cbc:Description><cbc:Name>Consulting days</cbc:Name><cac:ClassifiedTaxCategory>${s25}</cac:ClassifiedTaxCategory></cac:Item>
    <cac:Price>${amount('PriceAmount', '400')}</cac:Price>
  </cac:InvoiceLine>
  <cac:InvoiceLine>
    <cbc:ID>2</cbc:ID><cbc:InvoicedQuantity unitCode="C62">10</cbc:InvoicedQuantity>${amount('LineExtensionAmount', '25.00')}
    <cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReason>Rebate</cbc:AllowanceChargeReason>${amount('Amount', '5.00')}</cac:AllowanceCharge>
    <cac:Item><cbc:Name>Cable ties</cbc:Name><cac:ClassifiedTaxCategory>${s25}</cac:ClassifiedTaxCategory></cac:Item>
    <cac:Price>${amount('PriceAmount', '12')}<cbc:BaseQuantity unitCode="C62">4</cbc:BaseQuantity></cac:Price>
  </cac:InvoiceLine>
</Invoice>`;
    // Schema-valid, though not a complete EN 16931 invoice (no addresses, no legal names): the import reads what it needs.
    expect((await validateUbl(xml, 'Invoice')).errors).toEqual([]);
    const res = await importXml(xml);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.partyId).toBe(vendor.id);
    expect([res.body.date, res.body.dueDate]).toEqual(['2026-06-10', '2026-06-20']);
    expect([res.body.subtotal, res.body.taxTotal, res.body.total]).toEqual(['2850.00', '712.50', '3562.50']);
    // No purchase code at 25 %: the free percentage; line 2 at its net; the charge as a line.
    expect(res.body.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.taxCodeId, l.net])).toEqual([
      ['Consulting days', '7', '400', null, '2800.00'],
      ['Cable ties (10 at 12)', '1', '25', null, '25.00'],
      ['Insurance', '1', '25', null, '25.00'],
    ]);
    // A document-level allowance has no place on a bill.
    const allowance = xml
      .replace('<cbc:ID>SUP-1001</cbc:ID>', '<cbc:ID>SUP-1002</cbc:ID>')
      .replace('<cbc:ChargeIndicator>true</cbc:ChargeIndicator>', '<cbc:ChargeIndicator>false</cbc:ChargeIndicator>');
    const refused = await importXml(allowance);
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.type).toContain('ubl-unsupported');
  });

  it('refuses malformed, hostile or foreign-currency-without-rate input with a 4xx problem', async () => {
    const malformed = await importXml('<Invoice><unclosed></Invoice>');
    expect(malformed.status).toBe(422);
    expect(malformed.body.type).toContain('ubl-malformed');
    const xxe = await importXml(
      `<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY x SYSTEM "file:///etc/passwd">]>${invoiceXml.replace(/^<\?xml[^>]*>/, '').replace('<cbc:Note>', '<cbc:Note>&x;')}`,
    );
    expect(xxe.status).toBe(422);
    expect(JSON.stringify(xxe.body)).not.toContain('root:');
    const base = /<cbc:DocumentCurrencyCode>(\w+)</.exec(invoiceXml)![1]!;
    const other = base === 'GBP' ? 'CHF' : 'GBP';
    const foreign = invoiceXml
      .replace(`<cbc:ID>${invoice.number}</cbc:ID>`, `<cbc:ID>ACME-${other}</cbc:ID>`)
      .replaceAll(`"${base}"`, `"${other}"`)
      .replace(`<cbc:DocumentCurrencyCode>${base}<`, `<cbc:DocumentCurrencyCode>${other}<`);
    const noRate = await importXml(foreign);
    expect(noRate.status, JSON.stringify(noRate.body)).toBe(422);
    expect(noRate.body.errors?.[0]?.path).toBe('exchangeRate');
    const withRate = await importXml(foreign, { exchangeRate: '1.17' });
    expect(withRate.status, JSON.stringify(withRate.body)).toBe(201);
    expect([withRate.body.total, withRate.body.currency]).toEqual([invoice.total, other]);
    // A NUL as a character reference is not XML (and PostgreSQL could not store it): refused, not stripped.
    const nul = await importXml(
      invoiceXml
        .replace(`<cbc:ID>${invoice.number}</cbc:ID>`, '<cbc:ID>ACME-NUL</cbc:ID>')
        .replace('<cbc:Name>Widgets', '<cbc:Name>Wid&#0;gets'),
    );
    expect(nul.status, JSON.stringify(nul.body)).toBe(422);
    expect(nul.body.type).toContain('ubl-malformed');
    const raw = await buyer.request('POST', `${F}/bills/import-ubl`, {
      token,
      rawBody: invoiceXml,
      headers: { 'content-type': 'application/xml' },
    });
    expect(raw.status).toBe(415);
    const reader = (await buyer.userWithRoles(['employee'])).token;
    expect((await importXml(invoiceXml, {}, reader)).status).toBe(403);
  });
});
