import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors/app-error.js';
import { parseUblInvoice } from './ubl-parser.js';

/** The UBL reader refuses hostile and malformed XML with a 422, never expanding an entity. */

const invoice = (body: string, root = 'Invoice', ns = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns="${ns}" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">${body}</${root}>`;

const minimal = `
  <cbc:ID>INV-9 &amp; co</cbc:ID>
  <cbc:IssueDate>2026-04-01</cbc:IssueDate>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cbc:EndpointID schemeID="0208">0123456749</cbc:EndpointID>
    <cac:PartyTaxScheme><cbc:CompanyID>BE0123456749</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>Acme &#x26; Sons</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cbc:EndpointID schemeID="9930">DE1</cbc:EndpointID></cac:Party></cac:AccountingCustomerParty>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">21.00</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">100.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">121.00</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">121.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine>
    <cbc:ID>1</cbc:ID>
    <cbc:InvoicedQuantity unitCode="C62">4</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Bolts</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">25</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>`;

function refusal(xml: string): { code: string; detail: string } {
  try {
    parseUblInvoice(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.status).toBe(422);
    return { code: e.code, detail: e.detail };
  }
  throw new Error('not refused');
}

describe('parseUblInvoice', () => {
  it('reads an invoice whatever the prefixes, decoding the predefined entities and character references', () => {
    const parsed = parseUblInvoice(invoice(minimal));
    expect(parsed.number).toBe('INV-9 & co');
    expect(parsed.seller).toEqual({
      name: 'Acme & Sons',
      vatId: 'BE0123456749',
      endpointScheme: '0208',
      endpointId: '0123456749',
    });
    expect(parsed.lines).toEqual([
      {
        id: '1',
        quantity: '4',
        lineExtension: '100.00',
        name: 'Bolts',
        price: '25',
        baseQuantity: null,
        allowances: [],
        charges: [],
        tax: { category: 'S', percent: '21' },
      },
    ]);
    expect([parsed.taxExclusive, parsed.taxTotal, parsed.taxInclusive]).toEqual(['100.00', '21.00', '121.00']);
    // Another prefix for the root and for the components reads the same.
    const prefixed = invoice(minimal, 'inv:Invoice', '')
      .replace('xmlns=""', 'xmlns:inv="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"')
      .replaceAll('cbc:', 'b:');
    expect(prefixed).toContain('<b:ID>');
    expect(parseUblInvoice(prefixed).number).toBe('INV-9 & co');
  });

  it('refuses an external entity (XXE) without reading it', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${invoice(minimal.replace('INV-9 &amp; co', '&xxe;')).replace(/^<\?xml[^>]*>/, '')}`;
    const r = refusal(xxe);
    expect(r.code).toBe('ubl-malformed');
    expect(r.detail).toContain('Document type declarations');
    expect(r.detail).not.toContain('root:');
  });

  it('refuses a billion laughs before expanding anything', () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${entities}]><Invoice>&lol9;</Invoice>`;
    const started = performance.now();
    expect(refusal(bomb).code).toBe('ubl-malformed');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses malformed XML with where it breaks, deep nesting, other documents and missing totals', () => {
    const broken = refusal(invoice(minimal).replace('</cbc:IssueDate>', '</cbc:IssueDat>'));
    expect(broken.code).toBe('ubl-malformed');
    expect(broken.detail).toMatch(/line \d+, column \d+/);
    expect(refusal('not xml at all').code).toBe('ubl-malformed');
    for (const depth of [100, 150_000])
      expect(refusal(invoice(`${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}${minimal}`)).code).toBe('ubl-malformed');
    expect(refusal(invoice(minimal, 'Order', 'urn:oasis:names:specification:ubl:schema:xsd:Order-2')).code).toBe(
      'ubl-malformed',
    );
    expect(refusal(invoice(minimal, 'Invoice', 'urn:example:not-ubl')).code).toBe('ubl-malformed');
    expect(
      refusal(invoice(minimal, 'CreditNote', 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2')).code,
    ).toBe('ubl-unsupported');
    const noTotals = refusal(invoice(minimal.replace(/<cac:LegalMonetaryTotal>[\s\S]*<\/cac:LegalMonetaryTotal>/, '')));
    expect(noTotals.detail).toContain('LegalMonetaryTotal');
    const badAmount = refusal(
      invoice(minimal.replace('<cbc:PriceAmount currencyID="EUR">25<', '<cbc:PriceAmount currencyID="EUR">1e5<')),
    );
    expect(badAmount.detail).toContain('PriceAmount');
    expect(refusal(invoice(minimal.replace('<cbc:Name>Bolts', '<cbc:Name>Bo&#0;lts'))).detail).toContain('&#0;');
    expect(refusal(invoice(minimal.replace('<cbc:Name>Bolts', '<cbc:Name>Bo&#xD800;lts'))).code).toBe('ubl-malformed');
    expect(refusal(invoice(minimal.replace('<cbc:Name>Bolts', '<cbc:Name>Bo\u0001lts'))).code).toBe('ubl-malformed');
    const badDate = refusal(invoice(minimal.replace('2026-04-01', '2026-13-01')));
    expect(badDate.detail).toContain('IssueDate');
  });
});
