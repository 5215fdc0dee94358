import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { einvoiceErrors } from './einvoice.errors.js';
import { NS } from './ubl-document.js';

/**
 * Reads a supplier's UBL 2.1 Invoice safely: no DTD (so no external entities, no entity expansion:
 * XXE and "billion laughs" are refused before parsing), well-formedness checked first, nesting
 * bounded, element names taken without their namespace prefixes once the root's namespace is known.
 * What it returns is plain text and decimal strings; the import decides what they mean.
 */

export interface UblTaxCategoryRef {
  category: string;
  percent: string;
}

export interface ParsedLine {
  id: string;
  quantity: string;
  lineExtension: string;
  name: string;
  price: string;
  baseQuantity: string | null;
  allowances: { amount: string; percent: string | null }[];
  charges: { amount: string }[];
  tax: UblTaxCategoryRef;
}

export interface ParsedParty {
  name: string;
  vatId: string | null;
  endpointScheme: string | null;
  endpointId: string | null;
}

export interface ParsedInvoice {
  number: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  note: string | null;
  seller: ParsedParty;
  buyer: ParsedParty;
  lines: ParsedLine[];
  charges: { amount: string; reason: string; tax: UblTaxCategoryRef }[];
  allowances: { amount: string; reason: string }[];
  taxTotal: string;
  lineExtension: string;
  taxExclusive: string;
  taxInclusive: string;
  payable: string;
}

type XmlObject = { [key: string]: XmlValue };
type XmlValue = string | XmlObject | XmlValue[];

const MAX_DEPTH = 40;
// XML 1.0's Char production: tab, LF, CR, and U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
function isXmlChar(reference: string): boolean {
  const code = reference[0] === 'x' || reference[0] === 'X' ? parseInt(reference.slice(1), 16) : Number(reference);
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
const malformed = einvoiceErrors.malformed;

const isObject = (v: unknown): v is XmlObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** The tree with namespace prefixes dropped from element names (attributes keep theirs), depth-bounded. */
function stripPrefixes(value: XmlValue, depth: number): XmlValue {
  if (depth > MAX_DEPTH) throw malformed(`The document nests elements more than ${MAX_DEPTH} deep.`);
  if (Array.isArray(value)) return value.map((v) => stripPrefixes(v, depth));
  if (!isObject(value)) return value;
  const out: XmlObject = Object.create(null) as XmlObject;
  for (const [key, child] of Object.entries(value)) {
    const name = key.startsWith('@_') || key === '#text' ? key : localName(key);
    const stripped = stripPrefixes(child, depth + 1);
    const existing = out[name];
    // <cbc:X> and <other:X> under one parent are the same element name once prefixes go.
    out[name] = existing === undefined ? stripped : ([] as XmlValue[]).concat(existing, stripped);
  }
  return out;
}

const all = (node: XmlValue | undefined, name: string): XmlValue[] => {
  if (!isObject(node)) return [];
  const v = node[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
const one = (node: XmlValue | undefined, ...names: string[]): XmlValue | undefined =>
  names.reduce<XmlValue | undefined>((n, name) => all(n, name)[0], node);
const textOf = (node: XmlValue | undefined): string | null => {
  if (typeof node === 'string') return node.trim();
  if (isObject(node)) {
    const t = node['#text'];
    return typeof t === 'string' ? t.trim() : '';
  }
  return null;
};
const attrOf = (node: XmlValue | undefined, name: string): string | null => {
  const v = isObject(node) ? node[`@_${name}`] : undefined;
  return typeof v === 'string' ? v.trim() : null;
};

const DECIMAL = /^[+-]?(\d{1,15})(\.\d{1,10})?$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function text(node: XmlValue | undefined, what: string, max = 1000): string {
  const t = textOf(node);
  if (!t) throw malformed(`${what} is missing.`);
  if (t.length > max) throw malformed(`${what} is longer than ${max} characters.`);
  return t;
}
function decimal(node: XmlValue | undefined, what: string): string {
  const t = text(node, what, 40);
  if (!DECIMAL.test(t)) throw malformed(`${what} is not a decimal number: "${t}".`);
  return t.replace(/^\+/, '');
}
function date(node: XmlValue | undefined, what: string): string {
  const t = text(node, what, 10);
  if (!DATE.test(t)) throw malformed(`${what} is not a date (YYYY-MM-DD): "${t}".`);
  return t;
}
const optionalText = (node: XmlValue | undefined) => textOf(node) || null;

function taxCategory(node: XmlValue | undefined, what: string): UblTaxCategoryRef {
  const category = text(one(node, 'ID'), `${what}: the VAT category (cbc:ID)`, 3).toUpperCase();
  const percentNode = one(node, 'Percent');
  return { category, percent: percentNode === undefined ? '0' : decimal(percentNode, `${what}: cbc:Percent`) };
}

function party(node: XmlValue | undefined, what: string): ParsedParty {
  const p = one(node, 'Party');
  if (!p) throw malformed(`${what} (cac:Party) is missing.`);
  const endpoint = one(p, 'EndpointID');
  const vat = all(p, 'PartyTaxScheme').find(
    (s) => (textOf(one(s, 'TaxScheme', 'ID')) ?? 'VAT').toUpperCase() === 'VAT',
  );
  return {
    name:
      optionalText(one(p, 'PartyLegalEntity', 'RegistrationName')) ?? optionalText(one(p, 'PartyName', 'Name')) ?? '',
    vatId: optionalText(one(vat, 'CompanyID')),
    endpointScheme: attrOf(endpoint, 'schemeID'),
    endpointId: optionalText(endpoint),
  };
}

function line(node: XmlValue, index: number): ParsedLine {
  const what = `Invoice line ${index + 1}`;
  const allowanceCharges = all(node, 'AllowanceCharge');
  const isCharge = (ac: XmlValue) => textOf(one(ac, 'ChargeIndicator'))?.toLowerCase() === 'true';
  const item = one(node, 'Item');
  return {
    id: optionalText(one(node, 'ID')) ?? String(index + 1),
    quantity: decimal(one(node, 'InvoicedQuantity'), `${what}: cbc:InvoicedQuantity`),
    lineExtension: decimal(one(node, 'LineExtensionAmount'), `${what}: cbc:LineExtensionAmount`),
    name: optionalText(one(item, 'Name')) ?? optionalText(one(item, 'Description')) ?? '',
    price: decimal(one(node, 'Price', 'PriceAmount'), `${what}: cac:Price/cbc:PriceAmount`),
    baseQuantity: one(node, 'Price', 'BaseQuantity')
      ? decimal(one(node, 'Price', 'BaseQuantity'), `${what}: cbc:BaseQuantity`)
      : null,
    allowances: allowanceCharges
      .filter((ac) => !isCharge(ac))
      .map((ac) => ({
        amount: decimal(one(ac, 'Amount'), `${what}: an allowance's cbc:Amount`),
        percent: one(ac, 'MultiplierFactorNumeric')
          ? decimal(one(ac, 'MultiplierFactorNumeric'), `${what}: cbc:MultiplierFactorNumeric`)
          : null,
      })),
    charges: allowanceCharges
      .filter(isCharge)
      .map((ac) => ({ amount: decimal(one(ac, 'Amount'), `${what}: a charge's cbc:Amount`) })),
    tax: taxCategory(one(item, 'ClassifiedTaxCategory'), `${what}: cac:ClassifiedTaxCategory`),
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: false,
  processEntities: true, // the five predefined entities and character references; a DTD never gets here
  htmlEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Parses and reads a UBL 2.1 Invoice; anything else is a 422 `ubl-malformed` / `ubl-unsupported`. */
export function parseUblInvoice(xml: string): ParsedInvoice {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw malformed('Document type declarations and entities are not accepted in a UBL document.');
  const badReference = [...xml.matchAll(/&#(x[0-9a-f]+|\d+);/gi)].find((m) => !isXmlChar(m[1]!));
  if (badReference) throw malformed(`The character reference ${badReference[0]} is not an XML character.`);
  if (NOT_XML_CHAR.test(xml)) throw malformed('The document holds characters XML does not allow (control characters).');
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true)
    throw malformed(
      `Not well-formed XML (line ${wellFormed.err.line}, column ${wellFormed.err.col}): ${wellFormed.err.msg}`,
    );
  let tree: XmlValue;
  try {
    tree = parser.parse(xml) as XmlValue;
  } catch (error) {
    throw malformed(`Not readable XML: ${error instanceof Error ? error.message : 'parse error'}.`);
  }
  const rootKeys = isObject(tree) ? Object.keys(tree).filter((k) => !k.startsWith('?') && !k.startsWith('#')) : [];
  if (rootKeys.length !== 1) throw malformed('The document has no single root element.');
  const rootName = rootKeys[0]!;
  const rawRoot = (tree as XmlObject)[rootName]!;
  const prefix = rootName.includes(':') ? rootName.slice(0, rootName.indexOf(':')) : null;
  const namespace = attrOf(rawRoot, prefix ? `xmlns:${prefix}` : 'xmlns');
  const name = localName(rootName);
  if (name === 'CreditNote' && namespace === NS.creditNote)
    throw einvoiceErrors.notSupported('This is a UBL CreditNote: only invoices are imported as bills.');
  if (name !== 'Invoice' || namespace !== NS.invoice)
    throw malformed(`The root element is not a UBL 2.1 Invoice (${NS.invoice}).`);
  const root = stripPrefixes(rawRoot, 0);

  const totals = one(root, 'LegalMonetaryTotal');
  if (!totals) throw malformed('cac:LegalMonetaryTotal is missing.');
  const lines = all(root, 'InvoiceLine');
  if (lines.length === 0) throw malformed('The invoice has no cac:InvoiceLine.');
  if (lines.length > 500) throw einvoiceErrors.notSupported('An imported invoice has at most 500 lines.');
  const documentAc = all(root, 'AllowanceCharge');
  const isCharge = (ac: XmlValue) => textOf(one(ac, 'ChargeIndicator'))?.toLowerCase() === 'true';
  const taxTotals = all(root, 'TaxTotal');
  const currency = text(one(root, 'DocumentCurrencyCode'), 'cbc:DocumentCurrencyCode', 3).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw malformed(`cbc:DocumentCurrencyCode is not a currency code: "${currency}".`);
  // The tax total in the document currency (a second one may be in the tax currency).
  const taxTotal =
    taxTotals.find((t) => attrOf(one(t, 'TaxAmount'), 'currencyID') === currency) ?? taxTotals[0] ?? undefined;
  return {
    number: text(one(root, 'ID'), 'cbc:ID (the invoice number)', 100),
    issueDate: date(one(root, 'IssueDate'), 'cbc:IssueDate'),
    dueDate: one(root, 'DueDate')
      ? date(one(root, 'DueDate'), 'cbc:DueDate')
      : one(root, 'PaymentMeans', 'PaymentDueDate')
        ? date(one(root, 'PaymentMeans', 'PaymentDueDate'), 'cbc:PaymentDueDate')
        : null,
    currency,
    note: optionalText(one(root, 'Note')),
    seller: party(one(root, 'AccountingSupplierParty'), 'The seller (cac:AccountingSupplierParty)'),
    buyer: party(one(root, 'AccountingCustomerParty'), 'The buyer (cac:AccountingCustomerParty)'),
    lines: lines.map(line),
    charges: documentAc.filter(isCharge).map((ac, i) => ({
      amount: decimal(one(ac, 'Amount'), `Document charge ${i + 1}: cbc:Amount`),
      reason: optionalText(one(ac, 'AllowanceChargeReason')) ?? 'Charge',
      tax: taxCategory(one(ac, 'TaxCategory'), `Document charge ${i + 1}: cac:TaxCategory`),
    })),
    allowances: documentAc
      .filter((ac) => !isCharge(ac))
      .map((ac, i) => ({
        amount: decimal(one(ac, 'Amount'), `Document allowance ${i + 1}: cbc:Amount`),
        reason: optionalText(one(ac, 'AllowanceChargeReason')) ?? 'Allowance',
      })),
    taxTotal: taxTotal ? decimal(one(taxTotal, 'TaxAmount'), 'cac:TaxTotal/cbc:TaxAmount') : '0',
    lineExtension: decimal(one(totals, 'LineExtensionAmount'), 'cbc:LineExtensionAmount (document)'),
    taxExclusive: decimal(one(totals, 'TaxExclusiveAmount'), 'cbc:TaxExclusiveAmount'),
    taxInclusive: decimal(one(totals, 'TaxInclusiveAmount'), 'cbc:TaxInclusiveAmount'),
    payable: decimal(one(totals, 'PayableAmount'), 'cbc:PayableAmount'),
  };
}
