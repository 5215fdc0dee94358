import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { createStandardApp } from '../../../app/standard-app.js';
import { F, createParty, issued, line } from '../documents/test-support.js';
import { pdfText } from '../printing/pdf-text.test-support.js';
import { ACME, GLOBEX, partyFor, setProfile, taxCode, ubl, valueOf } from './einvoice.test-support.js';
import { CUSTOMIZATION_ID, PROFILE_ID } from './ubl-document.js';
import { bisArithmeticViolations } from './bis-arithmetic.test-support.js';
import { en16931Violations } from './schematron.test-support.js';
import { validateUbl } from './xsd-validate.test-support.js';

/** Issue #22: issued invoices and credit notes as UBL 2.1 (Peppol BIS Billing 3.0), valid against the OASIS XSD. */

let t: TestApp;
let token: string;
let customer: string;
const codes: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['finance-admin'])).token;
  await setProfile(t, token, ACME);
  codes.VAT21 = await taxCode(t, token, { code: 'VAT21', name: 'VAT 21 %', kind: 'sales', rate: '0.21' });
  codes.EX = await taxCode(t, token, {
    code: 'EX',
    name: 'Exempt',
    kind: 'sales',
    treatment: 'exempt',
    exemptReason: 'Exempt under Article 44 of the VAT Code',
  });
  codes.ZR = await taxCode(t, token, {
    code: 'ZR',
    name: 'Zero-rated',
    kind: 'sales',
    treatment: 'zero-rated',
    exemptReason: 'Intra-community supply, Article 138 of Directive 2006/112/EC',
  });
  customer = (await partyFor(t, token, 'customer', GLOBEX)).id;
}, 120_000);
afterAll(() => t.close());

/** Valid against the UBL 2.1 schema, keeping the EN 16931 rules (CEN's Schematron) and BIS 3.0's line arithmetic. */
async function expectValid(xml: string, document: 'Invoice' | 'CreditNote') {
  const verdict = await validateUbl(xml, document);
  expect(verdict.errors).toEqual([]);
  expect(verdict.valid).toBe(true);
  expect(en16931Violations(xml)).toEqual({ fatal: [], warnings: [] });
  expect(bisArithmeticViolations(xml)).toEqual([]);
}

const subtotals = (xml: string) =>
  [...xml.matchAll(/<cac:TaxSubtotal>([\s\S]*?)<\/cac:TaxSubtotal>/g)].map((m) => ({
    taxable: valueOf(m[1]!, 'cbc:TaxableAmount'),
    tax: valueOf(m[1]!, 'cbc:TaxAmount'),
    category: valueOf(m[1]!, 'cbc:ID'),
    percent: valueOf(m[1]!, 'cbc:Percent'),
    reason: valueOf(m[1]!, 'cbc:TaxExemptionReason'),
  }));

describe('UBL export', () => {
  it('writes an issued invoice as a BIS 3.0 invoice that the UBL 2.1 schema accepts', async () => {
    const inv = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-03-02',
      reference: 'PO-4711',
      memo: 'Thank you & see you <soon>',
      lines: [
        line('2', '50.00', { taxCodeId: codes.VAT21, discountPercent: '10', description: 'Widgets' }),
        line('3', '33.33', { taxCodeId: codes.VAT21, description: 'Gadgets' }),
        line('1', '40.00', { taxCodeId: codes.EX, description: 'Training (exempt)' }),
      ],
    });
    // 90.00 + 99.99 = 189.99 at 21 % (per line: 18.90 + 21.00 = 39.90) + 40.00 exempt.
    expect([inv.subtotal, inv.taxTotal, inv.total]).toEqual(['229.99', '39.90', '269.89']);
    const res = await ubl(t, token, 'invoices', inv.id);
    expect(res.status, res.xml).toBe(200);
    expect(res.contentType).toContain('application/xml');
    const xml = res.xml;
    await expectValid(xml, 'Invoice');

    expect(valueOf(xml, 'cbc:CustomizationID')).toBe(CUSTOMIZATION_ID);
    expect(valueOf(xml, 'cbc:ProfileID')).toBe(PROFILE_ID);
    expect(valueOf(xml, 'cbc:ID')).toBe(inv.number);
    expect(valueOf(xml, 'cbc:InvoiceTypeCode')).toBe('380');
    expect(valueOf(xml, 'cbc:BuyerReference')).toBe('PO-4711');
    expect(valueOf(xml, 'cbc:Note')).toBe('Thank you &amp; see you &lt;soon&gt;');
    expect(xml).toContain('<cbc:EndpointID schemeID="0208">0123456749</cbc:EndpointID>');
    expect(xml).toContain('<cbc:EndpointID schemeID="9930">DE123456789</cbc:EndpointID>');
    expect(valueOf(xml, 'cbc:CompanyID', 'AccountingSupplierParty')).toBe('BE0123456749');
    expect(valueOf(xml, 'cbc:CompanyID', 'AccountingCustomerParty')).toBe('DE123456789');
    expect(valueOf(xml, 'cbc:PaymentMeansCode')).toBe('30');
    expect(valueOf(xml, 'cbc:ID', 'PayeeFinancialAccount')).toBe('BE71096123456769');
    expect(subtotals(xml)).toEqual([
      { taxable: '189.99', tax: '39.90', category: 'S', percent: '21', reason: undefined },
      { taxable: '40.00', tax: '0.00', category: 'E', percent: '0', reason: 'Exempt under Article 44 of the VAT Code' },
    ]);
    expect(valueOf(xml, 'cbc:TaxAmount')).toBe('39.90');
    const totals = xml.slice(xml.indexOf('<cac:LegalMonetaryTotal>'));
    expect(
      ['LineExtensionAmount', 'TaxExclusiveAmount', 'TaxInclusiveAmount', 'PayableAmount'].map((n) =>
        valueOf(totals, `cbc:${n}`),
      ),
    ).toEqual(['229.99', '229.99', '269.89', '269.89']);
    // The discounted line: 2 × 50.00 − 10 % as a line allowance; BT-131 = 90.00.
    const first = xml.slice(xml.indexOf('<cac:InvoiceLine>'));
    expect(valueOf(first, 'cbc:LineExtensionAmount')).toBe('90.00');
    expect(valueOf(first, 'cbc:Amount')).toBe('10.00');
    expect(valueOf(first, 'cbc:BaseAmount')).toBe('100.00');
    expect(valueOf(first, 'cbc:PriceAmount')).toBe('50');
    expect(first).toContain('<cbc:InvoicedQuantity unitCode="C62">2</cbc:InvoicedQuantity>');

    // The validator is real: the same document with its elements out of the schema's order is refused.
    const shuffled = xml.replace(
      /(<cbc:IssueDate>[^<]*<\/cbc:IssueDate>)\s*(<cbc:DueDate>[^<]*<\/cbc:DueDate>)/,
      '$2$1',
    );
    expect(shuffled).not.toBe(xml);
    expect((await validateUbl(shuffled, 'Invoice')).valid).toBe(false);
    // And the arithmetic check is real: a payable amount off by a cent breaks BR-CO-16.
    const offByACent = xml.replace(/(<cbc:PayableAmount [^>]*>)269.89/, '$1269.90');
    expect(bisArithmeticViolations(offByACent)).toEqual(['BR-CO-16']);
    expect(en16931Violations(offByACent).fatal).toEqual(['BR-CO-16']);
  }, 120_000);

  it('writes a credit note as a UBL CreditNote referring to the invoice it credits', async () => {
    const inv = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-03-05',
      lines: [line('1', '200.00', { taxCodeId: codes.VAT21 })],
    });
    const cn = await issued(t, token, 'credit-notes', {
      partyId: customer,
      date: '2026-03-06',
      creditsDocumentId: inv.id,
      lines: [line('1', '50.00', { taxCodeId: codes.VAT21 })],
    });
    const res = await ubl(t, token, 'credit-notes', cn.id);
    expect(res.status, res.xml).toBe(200);
    await expectValid(res.xml, 'CreditNote');
    expect(res.xml).toContain('<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"');
    expect(valueOf(res.xml, 'cbc:CreditNoteTypeCode')).toBe('381');
    expect(valueOf(res.xml, 'cbc:ID', 'InvoiceDocumentReference')).toBe(inv.number);
    expect(res.xml).toContain('<cbc:CreditedQuantity unitCode="C62">1</cbc:CreditedQuantity>');
    expect(valueOf(res.xml, 'cbc:PayableAmount')).toBe('60.50');
    // An invoice's UBL is not found as a credit note.
    expect((await ubl(t, token, 'credit-notes', inv.id)).status).toBe(404);
  }, 120_000);

  it('maps zero-rated supplies to an intra-EU customer to K, with the delivery and both VAT ids', async () => {
    const position = await t.request<{ id: string }>('POST', `${F}/fiscal-positions`, {
      token,
      body: { name: 'Intra-EU', kind: 'intra-eu', mappings: [{ fromTaxCodeId: codes.VAT21, toTaxCodeId: codes.ZR }] },
    });
    expect(position.status, JSON.stringify(position.body)).toBe(201);
    const eu = await partyFor(t, token, 'customer', { ...GLOBEX, legalName: 'Globex EU Branch' });
    const set = await t.request('PUT', `${F}/parties/${eu.id}/fiscal-position`, {
      token,
      body: { fiscalPositionId: position.body.id, version: eu.version },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const inv = await issued(t, token, 'invoices', {
      partyId: eu.id,
      date: '2026-03-09',
      lines: [line('4', '25.00', { taxCodeId: codes.VAT21 })],
    });
    expect(inv.taxTotal).toBe('0.00');
    const res = await ubl(t, token, 'invoices', inv.id);
    expect(res.status, res.xml).toBe(200);
    await expectValid(res.xml, 'Invoice');
    expect(subtotals(res.xml)).toEqual([
      {
        taxable: '100.00',
        tax: '0.00',
        category: 'K',
        percent: '0',
        reason: 'Intra-community supply, Article 138 of Directive 2006/112/EC',
      },
    ]);
    expect(valueOf(res.xml, 'cbc:TaxExemptionReasonCode')).toBe('VATEX-EU-IC');
    expect(valueOf(res.xml, 'cbc:ActualDeliveryDate')).toBe('2026-03-09');
    expect(valueOf(res.xml, 'cbc:IdentificationCode', '<cac:Delivery>')).toBe('DE');
  }, 120_000);

  it('writes tax-inclusive prices as net prices for the line quantity', async () => {
    const inv = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-03-10',
      pricesIncludeTax: true,
      lines: [line('3', '12.10', { taxCodeId: codes.VAT21 })],
    });
    expect([inv.subtotal, inv.taxTotal, inv.total]).toEqual(['30.00', '6.30', '36.30']);
    const res = await ubl(t, token, 'invoices', inv.id);
    await expectValid(res.xml, 'Invoice');
    const first = res.xml.slice(res.xml.indexOf('<cac:InvoiceLine>'));
    expect(valueOf(first, 'cbc:PriceAmount')).toBe('30.00');
    expect(first).toContain('<cbc:BaseQuantity unitCode="C62">3</cbc:BaseQuantity>');
  }, 120_000);

  it('names what is missing (422), refuses drafts (409), and needs finance:read', async () => {
    const bare = (await createParty(t, token, { kind: 'customer', name: 'No Endpoint Ltd' })).id;
    const inv = await issued(t, token, 'invoices', { partyId: bare, date: '2026-03-11', lines: [line('1', '10.00')] });
    const missing = await t.request<{ type: string; errors: { path: string; message: string }[] }>(
      'GET',
      `${F}/invoices/${inv.id}/ubl`,
      { token },
    );
    expect(missing.status).toBe(422);
    expect(missing.body.type).toContain('einvoice-incomplete');
    expect(missing.body.errors.map((e) => e.path)).toEqual(['party.countryCode', 'party.endpointId']);
    expect(missing.body.errors[1]!.message).toContain('No Endpoint Ltd');

    const draft = await t.request<{ id: string }>('POST', `${F}/invoices`, {
      token,
      body: { partyId: customer, date: '2026-03-11', lines: [line('1', '10.00')] },
    });
    expect((await ubl(t, token, 'invoices', draft.body.id)).status).toBe(409);

    const outsider = (await t.userWithRoles(['employee'])).token;
    expect((await ubl(t, outsider, 'invoices', inv.id)).status).toBe(403);
  }, 120_000);

  it('prints and exports the same company: one change to the profile shows on the PDF and in the UBL', async () => {
    const inv = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-03-13',
      lines: [line('1', '10.00', { taxCodeId: codes.VAT21 })],
    });
    await setProfile(t, token, ACME, {
      legalName: 'Acme Renamed NV',
      registration: 'RPR Brussels 0123456749',
      street: 'Rue Neuve 5',
      postalZone: '1000',
      city: 'Brussels',
      bankName: 'KBC',
    });
    try {
      const xml = (await ubl(t, token, 'invoices', inv.id)).xml;
      const seller = xml.slice(
        xml.indexOf('<cac:AccountingSupplierParty>'),
        xml.indexOf('</cac:AccountingSupplierParty>'),
      );
      expect(valueOf(seller, 'cbc:RegistrationName')).toBe('Acme Renamed NV');
      expect(valueOf(seller, 'cbc:CompanyID', 'PartyLegalEntity')).toBe('RPR Brussels 0123456749');
      expect(valueOf(seller, 'cbc:StreetName')).toBe('Rue Neuve 5');
      expect(valueOf(seller, 'cbc:CityName')).toBe('Brussels');
      const res = await createStandardApp(t.runtime).request(`${F}/invoices/${inv.id}/pdf`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const text = await pdfText(new Uint8Array(await res.arrayBuffer()));
      for (const expected of [
        'Acme Renamed NV',
        'Rue Neuve 5',
        '1000 Brussels',
        'VAT ID: BE0123456749',
        'RPR Brussels 0123456749',
        'IBAN BE71 0961 2345 6769',
        'BIC GKCCBEBB',
      ])
        expect(text).toContain(expected);
    } finally {
      await setProfile(t, token, ACME, { registration: '', bankName: '' });
    }
  }, 120_000);

  it('refuses a company profile without a VAT id and endpoint', async () => {
    const inv = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-03-12',
      lines: [line('1', '10.00', { taxCodeId: codes.VAT21 })],
    });
    await setProfile(t, token, ACME, { vatId: '', endpointId: '', endpointScheme: '' });
    try {
      const res = await t.request<{ errors: { path: string }[] }>('GET', `${F}/invoices/${inv.id}/ubl`, { token });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e) => e.path)).toEqual(['profile.vatId', 'profile.endpointId']);
    } finally {
      await setProfile(t, token, ACME);
    }
  }, 120_000);
});
