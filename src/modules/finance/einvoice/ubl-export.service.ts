import type { Decimal } from 'decimal.js';
import type { Db } from '../../../platform/db/database.js';
import { errors, type FieldError } from '../../../platform/errors/app-error.js';
import { format, Money } from '../money.js';
import {
  findDocument,
  findDocumentWithParty,
  linesOf,
  type DocumentLineRow,
} from '../documents/documents.repository.js';
import { notFound } from '../documents/documents.rules.js';
import { documentTaxesOf, type DocumentTaxRow } from '../taxes/taxes.repository.js';
import { einvoiceErrors } from './einvoice.errors.js';
import { getCompanyProfile } from '../printing/company-profile.repository.js';
import type { CompanyProfileRow } from '../printing/company-profile.service.js';
import * as repo from './einvoice.repository.js';
import { categoryOf, type CategoryOfTax } from './ubl-categories.js';
import { buildUbl, type UblLine, type UblModel, type UblParty } from './ubl-document.js';

type ExportKind = 'invoice' | 'credit-note';

/** What a Peppol BIS document needs of the company profile and of the customer, as field errors. */
function missingDetails(profile: CompanyProfileRow, party: PartyDetails): FieldError[] {
  const missing: FieldError[] = [];
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) missing.push({ path, message });
  };
  need(!!profile.legal_name, 'profile.legalName', "the company's legal name (PATCH /document-settings legalName)");
  need(/^[A-Z]{2}/.test(profile.vat_id), 'profile.vatId', "the company's VAT id with its country prefix (vatId)");
  need(!!profile.country_code, 'profile.countryCode', "the company's country (countryCode)");
  need(
    !!profile.endpoint_id && !!profile.endpoint_scheme,
    'profile.endpointId',
    "the company's Peppol endpoint (endpointScheme and endpointId)",
  );
  need(!!party.country_code, 'party.countryCode', `the country of ${party.name} (PUT /parties/{id}/e-invoicing)`);
  need(
    !!party.endpoint_id && !!party.endpoint_scheme,
    'party.endpointId',
    `the Peppol endpoint of ${party.name} (endpointScheme and endpointId)`,
  );
  return missing;
}

type PartyDetails = NonNullable<Awaited<ReturnType<typeof repo.findPartyWithEinvoice>>>;

/** The tax of a line: its code's snapshot row, or its free percentage. */
function lineTax(
  line: { tax_code_id: string | null; tax_rate: string },
  rows: DocumentTaxRow[],
  index: number,
): { treatment: DocumentTaxRow['treatment']; rate: string; exemptReason: string } {
  if (line.tax_code_id === null)
    return { treatment: 'standard', rate: new Money(line.tax_rate).div(100).toString(), exemptReason: '' };
  const row = rows.find((r) => r.tax_code_id === line.tax_code_id);
  if (!row)
    throw einvoiceErrors.unsupported(
      `Line ${index + 1} is charged with a tax group: a Peppol BIS invoice carries one VAT rate per line.`,
      `lines.${index}.taxCodeId`,
    );
  return { treatment: row.treatment, rate: row.rate, exemptReason: row.exempt_reason };
}

const key = (t: CategoryOfTax) => `${t.category}/${t.percent}`;

/**
 * A document line as a UBL line: a discount becomes a line allowance (gross − net); tax-inclusive
 * prices become the line's net for its quantity (`BaseQuantity`), since BIS prices are net.
 */
function ublLine(
  l: DocumentLineRow,
  tax: CategoryOfTax,
  pricesIncludeTax: boolean,
  money: (v: Decimal.Value) => string,
) {
  const quantity = new Money(l.quantity);
  const gross = money(quantity.times(l.unit_price));
  const discounted = !new Money(l.discount_percent).eq(0);
  return {
    id: String(l.line_no),
    quantity: quantity.toFixed(),
    lineExtension: money(l.net),
    name: l.description.trim() || 'Item',
    tax,
    price: pricesIncludeTax ? money(l.net) : new Money(l.unit_price).toFixed(),
    baseQuantity: pricesIncludeTax ? quantity.toFixed() : null,
    allowance:
      discounted && !pricesIncludeTax
        ? {
            percent: new Money(l.discount_percent).toFixed(),
            base: gross,
            amount: money(new Money(gross).minus(l.net)),
          }
        : null,
  } satisfies UblLine;
}

/**
 * An issued invoice or credit note as UBL 2.1 following Peppol BIS Billing 3.0: the seller is the
 * company profile (PATCH /document-settings), the buyer the party (its e-invoicing details and tax id), lines and
 * tax subtotals per VAT category from the document's stored tax breakdown.
 */
export async function exportUbl(db: Db, kind: ExportKind, id: string): Promise<{ fileName: string; xml: string }> {
  const doc = await findDocumentWithParty(db, id, kind);
  if (!doc) throw notFound(kind, id);
  if (doc.status === 'draft' || doc.status === 'void' || doc.number === null)
    throw errors.conflict(`Only an issued document is sent as an e-invoice; this one is ${doc.status}.`);
  const party = (await repo.findPartyWithEinvoice(db, doc.party_id))!;
  const profile = await getCompanyProfile(db);
  const missing = missingDetails(profile, party);
  if (missing.length > 0) throw einvoiceErrors.incomplete(missing);

  const c = doc.currency;
  const money = (v: Decimal.Value) => format(new Money(v), c);
  const taxRows = (await documentTaxesOf(db, id)).filter((r) => !r.self_assessed);
  const docLines = await linesOf(db, id);
  const subtotals = new Map<string, CategoryOfTax & { taxable: Decimal; tax: Decimal }>();
  const lines = docLines.map((l, i): UblLine => {
    const tax = categoryOf(lineTax(l, taxRows, i), party.fiscal_kind);
    const sub = subtotals.get(key(tax)) ?? { ...tax, taxable: new Money(0), tax: new Money(0) };
    subtotals.set(key(tax), { ...sub, taxable: sub.taxable.plus(l.net) });
    return ublLine(l, tax, doc.prices_include_tax, money);
  });
  for (const row of taxRows) {
    const tax = categoryOf(
      { treatment: row.treatment, rate: row.rate, exemptReason: row.exempt_reason },
      party.fiscal_kind,
    );
    const sub = subtotals.get(key(tax));
    if (sub) subtotals.set(key(tax), { ...sub, tax: sub.tax.plus(row.tax) });
  }
  const zeroTax = [...subtotals.values()].find((s) => s.category !== 'S' && !s.tax.eq(0));
  if (zeroTax)
    throw einvoiceErrors.unsupported(`Category ${zeroTax.category} carries tax: check the document's tax codes.`);

  const category = [...subtotals.values()].map((s) => s.category);
  const needsBuyerVat = category.some((x) => x === 'K' || x === 'AE');
  if (needsBuyerVat && !/^[A-Z]{2}/.test(repo.normalizeVatId(party.tax_id ?? '')))
    throw einvoiceErrors.incomplete([
      {
        path: 'party.taxId',
        message: `the VAT id of ${party.name} (its taxId): intra-EU and reverse-charge supplies need it`,
      },
    ]);

  const credited = doc.credits_document_id ? await findDocument(db, doc.credits_document_id) : undefined;
  const sellerParty: UblParty = {
    endpointScheme: profile.endpoint_scheme,
    endpointId: profile.endpoint_id,
    name: profile.legal_name,
    street: profile.street,
    city: profile.city,
    postalZone: profile.postal_zone,
    countryCode: profile.country_code,
    vatId: profile.vat_id,
    companyId: profile.registration || null,
    email: null,
  };
  const buyerVat = party.tax_id ? repo.normalizeVatId(party.tax_id) : '';
  const model: UblModel = {
    kind,
    number: doc.number,
    issueDate: doc.document_date,
    dueDate: doc.due_date,
    currency: c,
    note: doc.memo.trim() || null,
    buyerReference: doc.reference.trim() || doc.number,
    billingReference: credited?.number ? { number: credited.number, issueDate: credited.document_date } : null,
    seller: sellerParty,
    buyer: {
      endpointScheme: party.endpoint_scheme,
      endpointId: party.endpoint_id,
      name: party.name,
      street: party.street,
      city: party.city,
      postalZone: party.postal_zone,
      countryCode: party.country_code,
      vatId: /^[A-Z]{2}[A-Z0-9]{2,}$/.test(buyerVat) ? buyerVat : null,
      companyId: null,
      email: party.email,
    },
    delivery: category.includes('K') ? { date: doc.document_date, countryCode: party.country_code } : null,
    payment:
      kind === 'invoice'
        ? {
            code: profile.iban ? '30' : '1',
            paymentId: doc.number,
            iban: profile.iban || null,
            bic: profile.bic || null,
            accountName: profile.legal_name,
          }
        : null,
    subtotals: [...subtotals.values()].map((s) => ({ ...s, taxable: money(s.taxable), tax: money(s.tax) })),
    taxTotal: money(doc.tax_total),
    lineExtension: money(doc.subtotal),
    taxExclusive: money(doc.subtotal),
    taxInclusive: money(doc.total),
    payable: money(doc.total),
    lines,
  };
  return { fileName: `${doc.number}.xml`, xml: buildUbl(model) };
}
