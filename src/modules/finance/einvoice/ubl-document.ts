import type { UblCategory } from './ubl-categories.js';
import { el, leaf, optionalLeaf, toXml, type XmlElement } from './xml-writer.js';

/**
 * A UBL 2.1 Invoice / CreditNote following Peppol BIS Billing 3.0, from a model whose amounts are
 * already decimal strings in the document currency. Pure; the element order is the schemas'.
 */
export const CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
export const NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;
/** UN/ECE rec. 20 "one": MOMS lines have no unit of measure. */
export const UNIT_CODE = 'C62';

export interface UblParty {
  endpointScheme: string;
  endpointId: string;
  name: string;
  street: string;
  city: string;
  postalZone: string;
  countryCode: string;
  vatId: string | null;
  companyId: string | null;
  email: string | null;
}

export interface UblTaxCategory {
  category: UblCategory;
  percent: string;
  exemptionReason: string | null;
  exemptionReasonCode: string | null;
}

export interface UblLine {
  id: string;
  quantity: string;
  lineExtension: string;
  name: string;
  tax: UblTaxCategory;
  price: string;
  /** The quantity the price is for (tax-inclusive documents: the line's quantity, price = net). */
  baseQuantity: string | null;
  /** A discount: the gross amount and the allowance taken off it. */
  allowance: { percent: string; amount: string; base: string } | null;
}

export interface UblModel {
  kind: 'invoice' | 'credit-note';
  number: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  note: string | null;
  buyerReference: string;
  /** Credit notes: the invoice credited. */
  billingReference: { number: string; issueDate: string } | null;
  seller: UblParty;
  buyer: UblParty;
  /** Intra-community supply (K) needs the delivery's date and country. */
  delivery: { date: string; countryCode: string } | null;
  payment: { code: string; paymentId: string; iban: string | null; bic: string | null; accountName: string } | null;
  subtotals: (UblTaxCategory & { taxable: string; tax: string })[];
  taxTotal: string;
  lineExtension: string;
  taxExclusive: string;
  taxInclusive: string;
  payable: string;
  lines: UblLine[];
}

const amount = (name: string, value: string, currency: string) => leaf(`cbc:${name}`, value, { currencyID: currency });
const vatScheme = () => el('cac:TaxScheme', [leaf('cbc:ID', 'VAT')]);

function taxCategory(name: 'cac:TaxCategory' | 'cac:ClassifiedTaxCategory', t: UblTaxCategory, reasons: boolean) {
  return el(name, [
    leaf('cbc:ID', t.category),
    leaf('cbc:Percent', t.percent),
    reasons && optionalLeaf('cbc:TaxExemptionReasonCode', t.exemptionReasonCode),
    reasons && optionalLeaf('cbc:TaxExemptionReason', t.exemptionReason),
    vatScheme(),
  ]);
}

function party(p: UblParty): XmlElement {
  return el('cac:Party', [
    leaf('cbc:EndpointID', p.endpointId, { schemeID: p.endpointScheme }),
    el('cac:PostalAddress', [
      optionalLeaf('cbc:StreetName', p.street),
      optionalLeaf('cbc:CityName', p.city),
      optionalLeaf('cbc:PostalZone', p.postalZone),
      el('cac:Country', [leaf('cbc:IdentificationCode', p.countryCode)]),
    ]),
    p.vatId && el('cac:PartyTaxScheme', [leaf('cbc:CompanyID', p.vatId), vatScheme()]),
    el('cac:PartyLegalEntity', [leaf('cbc:RegistrationName', p.name), optionalLeaf('cbc:CompanyID', p.companyId)]),
    p.email && el('cac:Contact', [leaf('cbc:ElectronicMail', p.email)]),
  ]);
}

function line(m: UblModel, l: UblLine): XmlElement {
  const invoice = m.kind === 'invoice';
  const c = m.currency;
  return el(invoice ? 'cac:InvoiceLine' : 'cac:CreditNoteLine', [
    leaf('cbc:ID', l.id),
    leaf(invoice ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity', l.quantity, { unitCode: UNIT_CODE }),
    amount('LineExtensionAmount', l.lineExtension, c),
    l.allowance &&
      el('cac:AllowanceCharge', [
        leaf('cbc:ChargeIndicator', 'false'),
        leaf('cbc:AllowanceChargeReasonCode', '95'),
        leaf('cbc:AllowanceChargeReason', 'Discount'),
        leaf('cbc:MultiplierFactorNumeric', l.allowance.percent),
        amount('Amount', l.allowance.amount, c),
        amount('BaseAmount', l.allowance.base, c),
      ]),
    el('cac:Item', [leaf('cbc:Name', l.name), taxCategory('cac:ClassifiedTaxCategory', l.tax, false)]),
    el('cac:Price', [
      amount('PriceAmount', l.price, c),
      l.baseQuantity && leaf('cbc:BaseQuantity', l.baseQuantity, { unitCode: UNIT_CODE }),
    ]),
  ]);
}

export function buildUbl(m: UblModel): string {
  const invoice = m.kind === 'invoice';
  const c = m.currency;
  const root = el(
    invoice ? 'Invoice' : 'CreditNote',
    [
      leaf('cbc:CustomizationID', CUSTOMIZATION_ID),
      leaf('cbc:ProfileID', PROFILE_ID),
      leaf('cbc:ID', m.number),
      leaf('cbc:IssueDate', m.issueDate),
      invoice && m.dueDate && leaf('cbc:DueDate', m.dueDate),
      leaf(invoice ? 'cbc:InvoiceTypeCode' : 'cbc:CreditNoteTypeCode', invoice ? '380' : '381'),
      optionalLeaf('cbc:Note', m.note),
      leaf('cbc:DocumentCurrencyCode', c),
      leaf('cbc:BuyerReference', m.buyerReference),
      m.billingReference &&
        el('cac:BillingReference', [
          el('cac:InvoiceDocumentReference', [
            leaf('cbc:ID', m.billingReference.number),
            leaf('cbc:IssueDate', m.billingReference.issueDate),
          ]),
        ]),
      el('cac:AccountingSupplierParty', [party(m.seller)]),
      el('cac:AccountingCustomerParty', [party(m.buyer)]),
      m.delivery &&
        el('cac:Delivery', [
          leaf('cbc:ActualDeliveryDate', m.delivery.date),
          el('cac:DeliveryLocation', [
            el('cac:Address', [el('cac:Country', [leaf('cbc:IdentificationCode', m.delivery.countryCode)])]),
          ]),
        ]),
      m.payment &&
        el('cac:PaymentMeans', [
          leaf('cbc:PaymentMeansCode', m.payment.code),
          leaf('cbc:PaymentID', m.payment.paymentId),
          m.payment.iban &&
            el('cac:PayeeFinancialAccount', [
              leaf('cbc:ID', m.payment.iban),
              optionalLeaf('cbc:Name', m.payment.accountName),
              m.payment.bic && el('cac:FinancialInstitutionBranch', [leaf('cbc:ID', m.payment.bic)]),
            ]),
        ]),
      el('cac:TaxTotal', [
        amount('TaxAmount', m.taxTotal, c),
        ...m.subtotals.map((s) =>
          el('cac:TaxSubtotal', [
            amount('TaxableAmount', s.taxable, c),
            amount('TaxAmount', s.tax, c),
            taxCategory('cac:TaxCategory', s, true),
          ]),
        ),
      ]),
      el('cac:LegalMonetaryTotal', [
        amount('LineExtensionAmount', m.lineExtension, c),
        amount('TaxExclusiveAmount', m.taxExclusive, c),
        amount('TaxInclusiveAmount', m.taxInclusive, c),
        amount('PayableAmount', m.payable, c),
      ]),
      ...m.lines.map((l) => line(m, l)),
    ],
    { xmlns: invoice ? NS.invoice : NS.creditNote, 'xmlns:cac': NS.cac, 'xmlns:cbc': NS.cbc },
  );
  return toXml(root);
}
