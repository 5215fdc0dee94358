import { isoTimestamp, isoTimestampOrNull, today } from '../../../platform/dates.js';
import { Money, formatDb } from '../money.js';
import type { AllocationRow } from './allocations.repository.js';
import type { DocumentLineRow, DocumentRow } from './documents.repository.js';
import type { AllocationDto, DocumentDto, DocumentSummaryDto } from './documents.schemas.js';
import type { PaymentRow } from './payments.repository.js';
import type { DocumentTaxRow } from '../taxes/taxes.repository.js';
import type { PaymentSummaryDto } from './payments.schemas.js';

/** Percentages and quantities without trailing zeros ("7.5", not "7.5000"). */
const plain = (v: string) => new Money(v).toString();

/** A document as listed; `overdue` is relative to `asOf` (today). */
export function toDocumentSummary(d: DocumentRow & { party_name: string }, asOf = today()): DocumentSummaryDto {
  const open = new Money(d.total).minus(d.allocated);
  const isOpen = d.status === 'issued' || d.status === 'partially-paid';
  return {
    id: d.id,
    kind: d.kind,
    number: d.number,
    status: d.status,
    partyId: d.party_id,
    partyName: d.party_name,
    date: d.document_date,
    dueDate: d.due_date,
    currency: d.currency,
    exchangeRate: plain(d.exchange_rate),
    reference: d.reference,
    memo: d.memo,
    subtotal: formatDb(d.subtotal, d.currency),
    taxTotal: formatDb(d.tax_total, d.currency),
    total: formatDb(d.total, d.currency),
    allocated: formatDb(d.allocated, d.currency),
    open: formatDb(open.toString(), d.currency),
    overdue: isOpen && open.gt(0) && d.due_date < asOf,
    creditsDocumentId: d.credits_document_id,
    pricesIncludeTax: d.prices_include_tax,
    paymentTermId: d.payment_term_id,
    taxReturnId: d.tax_return_id,
    journalEntryId: d.journal_entry_id,
    voidEntryId: d.void_entry_id,
    issuedAt: isoTimestampOrNull(d.issued_at),
    version: d.version,
    createdAt: isoTimestamp(d.created_at),
    updatedAt: isoTimestamp(d.updated_at),
  };
}

export function toAllocationDto(a: AllocationRow): AllocationDto {
  return {
    id: a.id,
    documentId: a.document_id,
    refundId: a.target_payment_id,
    documentNumber: a.document_number,
    paymentId: a.payment_id,
    creditDocumentId: a.credit_document_id,
    amount: formatDb(a.amount, a.currency),
    date: a.allocation_date,
    fxEntryId: a.fx_entry_id,
    reversesAllocationId: a.reverses_allocation_id,
    createdAt: isoTimestamp(a.created_at),
  };
}

export function toDocumentLineDto(l: DocumentLineRow, currency: string) {
  return {
    lineNo: l.line_no,
    description: l.description,
    quantity: plain(l.quantity),
    unitPrice: plain(l.unit_price),
    discountPercent: plain(l.discount_percent),
    taxRate: plain(l.tax_rate),
    taxCodeId: l.tax_code_id,
    department: l.department,
    projectId: l.project_id,
    accountId: l.account_id,
    net: formatDb(l.net, currency),
    tax: formatDb(l.tax, currency),
  };
}

export function toDocumentDto(
  row: DocumentRow & { party_name: string },
  lines: DocumentLineRow[],
  allocations: AllocationRow[],
  taxes: DocumentTaxRow[] = [],
): DocumentDto {
  return {
    ...toDocumentSummary(row),
    lines: lines.map((l) => toDocumentLineDto(l, row.currency)),
    taxes: taxes.map((t) => ({
      taxCodeId: t.tax_code_id,
      code: t.code,
      name: t.name,
      treatment: t.treatment,
      exemptReason: t.exempt_reason,
      rate: plain(t.rate),
      side: t.side,
      selfAssessed: t.self_assessed,
      accountId: t.account_id,
      box: t.box,
      netBox: t.net_box,
      base: formatDb(t.base, row.currency),
      tax: formatDb(t.tax, row.currency),
    })),
    allocations: allocations.map(toAllocationDto),
  };
}

export function toPaymentSummary(p: PaymentRow & { party_name: string }): PaymentSummaryDto {
  return {
    id: p.id,
    direction: p.direction,
    kind: p.kind,
    number: p.number,
    status: p.status,
    partyId: p.party_id,
    partyName: p.party_name,
    date: p.payment_date,
    currency: p.currency,
    exchangeRate: new Money(p.exchange_rate).toString(),
    amount: formatDb(p.amount, p.currency),
    allocated: formatDb(p.allocated, p.currency),
    unallocated: formatDb(new Money(p.amount).minus(p.allocated).toString(), p.currency),
    accountId: p.account_id,
    bankAccountId: p.bank_account_id,
    discountOfPaymentId: p.discount_of_payment_id,
    reference: p.reference,
    memo: p.memo,
    journalEntryId: p.journal_entry_id,
    voidEntryId: p.void_entry_id,
    version: p.version,
    createdAt: isoTimestamp(p.created_at),
    updatedAt: isoTimestamp(p.updated_at),
  };
}
