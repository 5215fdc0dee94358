import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors, type FieldError } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { fieldErrors } from '../../../platform/http/problem.js';
import { unstorableText } from '../../../platform/http/text.js';
import { FileNotFoundError, type FileStore } from '../../../platform/files/file-store.js';
import { fitsCurrency, format, Money } from '../money.js';
import { DocumentInput } from '../documents/documents.schemas.js';
import { createDraft, getDocument } from '../documents/documents.service.js';
import { EINVOICE_INBOX_RECORD_ID } from './einvoice.attachments.js';
import { einvoiceErrors } from './einvoice.errors.js';
import { getCompanyProfile } from '../printing/company-profile.repository.js';
import type { CompanyProfileRow } from '../printing/company-profile.service.js';
import * as repo from './einvoice.repository.js';
import type { ImportUblInput } from './einvoice.schemas.js';
import { purchaseTaxFor, type PurchaseCode } from './ubl-categories.js';
import {
  parseUblInvoice,
  type ParsedInvoice,
  type ParsedLine,
  type ParsedParty,
  type UblTaxCategoryRef,
} from './ubl-parser.js';

interface DraftLine {
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxCodeId?: string;
  taxRate?: string;
}

const FOUR_DECIMALS = /^\d{1,15}(\.\d{1,4})?$/;

/** Quantity, price and discount that give the line's net as MOMS computes it; else 1 × the net. */
function lineAmounts(l: ParsedLine, currency: string, path: string): Omit<DraftLine, 'taxCodeId' | 'taxRate'> {
  const quantity = new Money(l.quantity);
  const net = new Money(l.lineExtension);
  if (quantity.lte(0))
    throw einvoiceErrors.notSupported(
      `Line ${l.id} has the quantity ${l.quantity}: returns (negative quantities) come as a credit note.`,
      path,
    );
  if (net.lt(0)) throw einvoiceErrors.notSupported(`Line ${l.id} has a negative amount.`, path);
  if (!fitsCurrency(net.toFixed(), currency))
    throw einvoiceErrors.notSupported(`Line ${l.id}'s amount has more decimals than ${currency} has.`, path);
  const unit = new Money(l.price).div(l.baseQuantity && !new Money(l.baseQuantity).eq(0) ? l.baseQuantity : 1);
  const discount =
    l.charges.length === 0 && l.allowances.length === 0
      ? new Money(0)
      : l.charges.length === 0 && l.allowances.length === 1 && l.allowances[0]!.percent !== null
        ? new Money(l.allowances[0]!.percent)
        : null;
  const name = l.name || `Line ${l.id}`;
  if (
    discount !== null &&
    discount.gte(0) &&
    discount.lt(100) &&
    FOUR_DECIMALS.test(unit.toFixed()) &&
    FOUR_DECIMALS.test(quantity.toFixed()) &&
    FOUR_DECIMALS.test(discount.toFixed())
  ) {
    const computed = quantity.times(unit).times(new Money(1).minus(discount.div(100)));
    if (new Money(format(computed, currency)).eq(net))
      return {
        description: name.slice(0, 1000),
        quantity: quantity.toFixed(),
        unitPrice: unit.toFixed(),
        discountPercent: discount.toFixed(),
      };
  }
  // Prices with more decimals, or charges and allowances MOMS lines do not have: the line at its net.
  return {
    description: `${name} (${quantity.toFixed()} at ${new Money(l.price).toFixed()})`.slice(0, 1000),
    quantity: '1',
    unitPrice: net.toFixed(),
    discountPercent: '0',
  };
}

function lineTax(tax: UblTaxCategoryRef, codes: readonly PurchaseCode[], path: string) {
  const choice = purchaseTaxFor(tax.category, tax.percent, codes);
  if ('missing' in choice) throw einvoiceErrors.taxCategory(choice.missing, path);
  if ('unsupported' in choice) throw einvoiceErrors.notSupported(choice.unsupported, path);
  return choice;
}

const identity = (p: ParsedParty) =>
  [p.vatId && `VAT id ${p.vatId}`, p.endpointId && `endpoint ${p.endpointScheme ?? '?'}:${p.endpointId}`]
    .filter(Boolean)
    .join(' or ');

/**
 * The invoice is addressed to this company: on each identifier both the profile and the invoice's
 * buyer carry (VAT id, endpoint), at least one agrees. Nothing to compare: nothing to refuse.
 */
function assertBuyer(profile: CompanyProfileRow, buyer: ParsedParty) {
  const pairs: [string | null, string | null][] = [
    [
      profile.vat_id ? repo.normalizeVatId(profile.vat_id) : null,
      buyer.vatId ? repo.normalizeVatId(buyer.vatId) : null,
    ],
    [
      profile.endpoint_id ? `${profile.endpoint_scheme}:${profile.endpoint_id.toLowerCase()}` : null,
      buyer.endpointId ? `${buyer.endpointScheme ?? ''}:${buyer.endpointId.toLowerCase()}` : null,
    ],
  ];
  const comparable = pairs.filter(([ours, theirs]) => ours !== null && theirs !== null);
  if (comparable.length > 0 && !comparable.some(([ours, theirs]) => ours === theirs))
    throw einvoiceErrors.wrongBuyer(
      `The invoice is addressed to ${buyer.name || 'another buyer'} (${identity(buyer)}), not to this company.`,
    );
}

async function findSupplier(db: Db, seller: ParsedParty) {
  const missing: FieldError[] = [];
  if (!seller.vatId && !seller.endpointId) {
    missing.push({ path: 'AccountingSupplierParty', message: 'The invoice names neither a VAT id nor an endpoint.' });
    throw einvoiceErrors.supplierUnknown(
      'The seller has no VAT id (cac:PartyTaxScheme/cbc:CompanyID) and no endpoint (cbc:EndpointID) to find it by.',
      missing,
    );
  }
  const vendors = (await repo.findPartiesByIdentity(db, seller)).filter((p) => p.kind !== 'customer');
  if (vendors.length === 0) {
    if (seller.vatId) missing.push({ path: 'party.taxId', message: `A vendor party with the tax id ${seller.vatId}.` });
    if (seller.endpointId)
      missing.push({
        path: 'party.endpointId',
        message: `Or a vendor whose e-invoicing endpoint is ${seller.endpointScheme ?? ''}:${seller.endpointId}.`,
      });
    throw einvoiceErrors.supplierUnknown(
      `No vendor matches the seller ${seller.name || ''} (${identity(seller)}): create the vendor party with that tax id, or set its endpoint (PUT /parties/{id}/e-invoicing), and import again.`,
      missing,
    );
  }
  const byVat = vendors.filter((v) => v.matchedBy === 'vatId');
  const candidates = byVat.length > 0 ? byVat : vendors;
  if (candidates.length > 1)
    throw einvoiceErrors.supplierAmbiguous(
      `Several vendors match the seller (${identity(seller)}): ${candidates.map((c) => c.name).join(', ')}. Keep the tax id and endpoint on one of them.`,
    );
  return candidates[0]!;
}

/** The draft bill's lines: the invoice's lines, then its document-level charges, each with its purchase tax. */
function draftLines(inv: ParsedInvoice, codes: readonly PurchaseCode[]): DraftLine[] {
  if (inv.allowances.length > 0)
    throw einvoiceErrors.notSupported(
      `The invoice has a document-level allowance (${inv.allowances[0]!.reason}): bills carry allowances on their lines only.`,
      'AllowanceCharge',
    );
  const lines = inv.lines.map((l, i) => ({
    ...lineAmounts(l, inv.currency, `InvoiceLine.${i}`),
    ...lineTax(l.tax, codes, `InvoiceLine.${i}.ClassifiedTaxCategory`),
  }));
  const charges = inv.charges.map((c, i) => {
    const amount = new Money(c.amount);
    if (amount.lt(0) || !fitsCurrency(amount.toFixed(), inv.currency))
      throw einvoiceErrors.notSupported(
        `The charge ${c.reason} has an amount MOMS cannot carry.`,
        `AllowanceCharge.${i}`,
      );
    return {
      description: c.reason,
      quantity: '1',
      unitPrice: amount.toFixed(),
      discountPercent: '0',
      ...lineTax(c.tax, codes, `AllowanceCharge.${i}.TaxCategory`),
    };
  });
  return [...lines, ...charges];
}

const MAX_FILE_BYTES = 1_000_000;

/** The XML of an import: sent as text, or a file uploaded to the e-invoice inbox (UTF-8, at most 1 MB). */
export async function xmlOfImport(
  db: Db,
  input: ImportUblInput,
  getFileStore: (() => Promise<FileStore>) | undefined,
): Promise<string> {
  if (input.xml !== undefined) return input.xml;
  const id = input.attachmentId!;
  const file = await repo.findInboxFile(db, id, EINVOICE_INBOX_RECORD_ID);
  if (!file || !getFileStore) throw errors.invalidReference('attachmentId', 'E-invoice inbox file', id);
  if (Number(file.size) > MAX_FILE_BYTES)
    throw errors.validation([
      {
        path: 'attachmentId',
        message: `${file.file_name} is larger than ${MAX_FILE_BYTES.toLocaleString('en')} bytes.`,
      },
    ]);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of await (await getFileStore()).read(file.object_key))
      chunks.push(Buffer.from(chunk as Uint8Array));
  } catch (error) {
    if (error instanceof FileNotFoundError) throw errors.invalidReference('attachmentId', 'E-invoice inbox file', id);
    throw error;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Buffer.concat(chunks));
  } catch {
    throw einvoiceErrors.malformed(`${file.file_name} is not UTF-8 text.`);
  }
}

/**
 * Imports a supplier's UBL invoice as a draft bill (issue #22), in one transaction: the supplier found
 * by its VAT id or endpoint, lines and their VAT categories mapped to purchase tax codes, and the
 * bill's computed totals checked against the invoice's (else nothing is kept: 422). An invoice
 * imported before (same supplier, same number) is a 409.
 */
export async function importUblBill(
  db: Db,
  ctx: RequestContext,
  input: { xml: string; exchangeRate?: string | undefined; attachmentId?: string | undefined },
): Promise<string> {
  const inv = parseUblInvoice(input.xml);
  return inTransaction(db, async (trx) => {
    assertBuyer(await getCompanyProfile(trx), inv.buyer);
    const supplier = await findSupplier(trx, inv.seller);
    await repo.lockParty(trx, supplier.id);
    const earlier = await repo.findBillByReference(trx, supplier.id, inv.number);
    if (earlier)
      throw einvoiceErrors.duplicate(
        `${supplier.name} already has a bill with the reference ${inv.number} (${earlier.number ?? 'a draft'}): the invoice was imported or entered before.`,
        earlier.id,
      );
    const lines = draftLines(inv, await repo.purchaseTaxCodes(trx));
    const note = inv.note ? ` ${inv.note}` : '';
    const parsed = DocumentInput.safeParse({
      partyId: supplier.id,
      date: inv.issueDate,
      ...(inv.dueDate ? { dueDate: inv.dueDate } : {}),
      currency: inv.currency,
      ...(input.exchangeRate ? { exchangeRate: input.exchangeRate } : {}),
      reference: inv.number,
      memo: `Imported from the UBL invoice ${inv.number} of ${inv.seller.name || supplier.name}.${note}`.slice(0, 2000),
      lines,
    });
    if (!parsed.success) throw errors.validation(fieldErrors(parsed.error), 'The invoice does not fit a bill.');
    const unstorable = unstorableText(parsed.data);
    if (unstorable.length > 0) throw errors.validation(unstorable, 'The invoice holds text that cannot be stored.');
    const id = await createDraft(trx, ctx, 'bill', parsed.data);
    const bill = await getDocument(trx, 'bill', id);
    const same = (a: string, b: string) => new Money(a).eq(b);
    if (!same(bill.subtotal, inv.taxExclusive) || !same(bill.total, inv.taxInclusive))
      throw einvoiceErrors.totalsMismatch(
        `The bill comes to ${bill.subtotal} + tax ${bill.taxTotal} = ${bill.total} ${inv.currency}, the invoice to ${inv.taxExclusive} + tax ${inv.taxTotal} = ${inv.taxInclusive}: check the purchase tax codes (rates, rounding per line or document) and import again.`,
      );
    await writeAudit(trx, ctx, {
      action: 'bill.imported-ubl',
      entityType: 'finance.bill',
      entityId: id,
      after: {
        supplierInvoice: inv.number,
        attachmentId: input.attachmentId ?? null,
        seller: inv.seller,
        matchedBy: supplier.matchedBy,
        total: bill.total,
      },
    });
    return id;
  });
}
