import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { today } from '../../../platform/dates.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { baseCurrency } from '../ledger/chart.js';
import { format } from '../money.js';
import { assertDocumentLineAccounts } from '../ledger/account-rules.js';
import { listAllocations } from './allocations.repository.js';
import { documentErrors } from './documents.errors.js';
import { toDocumentDto, toDocumentSummary } from './documents.mappers.js';
import * as repo from './documents.repository.js';
import {
  KINDS,
  addDays,
  assertParty,
  assertPostable,
  defaultLineAccount,
  notFound,
  resolveCurrency,
} from './documents.rules.js';
import type { DocumentFilter, DocumentInputT } from './documents.schemas.js';
import type { DocumentKind } from './documents.tables.js';
import { TotalsError } from './totals.js';
import { assertLineDimensions } from './line-dimensions.js';
import { computeDocumentTaxes } from '../taxes/tax-engine.js';
import { resolveLineTaxes } from '../taxes/resolve.js';
import { documentTaxesOf, replaceDocumentTaxes } from '../taxes/taxes.repository.js';
import { taxRounding } from '../ledger/settings.repository.js';
import { termForDraft } from '../terms/terms.service.js';

const entity = (kind: DocumentKind) => `finance.${kind}`;

/** An invoice's or bill's payment term (`../terms/`): it sets the due date, so a due date with it is refused. */
async function draftPaymentTerm(trx: Tx, kind: DocumentKind, input: DocumentInputT) {
  if (!input.paymentTermId) return null;
  if (kind !== 'invoice' && kind !== 'bill')
    throw errors.validation([{ path: 'paymentTermId', message: 'Only invoices and bills have a payment term.' }]);
  if (input.dueDate)
    throw errors.validation([
      { path: 'dueDate', message: 'The payment term sets the due date: send one or the other.' },
    ]);
  return termForDraft(trx, input.paymentTermId, input.date);
}

/** Validates a draft's input against the books and computes its stored figures. */
async function prepare(trx: Tx, kind: DocumentKind, input: DocumentInputT) {
  const spec = KINDS[kind];
  const party = await assertParty(trx, input.partyId, spec.side);
  const currency = input.currency ?? party.currency ?? (await baseCurrency(trx));
  const exchangeRate = await resolveCurrency(trx, currency, input.exchangeRate);
  const fallback = input.lines.some((l) => !l.accountId) ? await defaultLineAccount(trx, kind) : '';
  const accounts = input.lines.map((l) => l.accountId ?? fallback);
  const lineRefs = input.lines.flatMap((l, i) =>
    l.accountId ? [{ id: l.accountId, path: `lines.${i}.accountId` }] : [],
  );
  await assertPostable(trx, lineRefs);
  await assertDocumentLineAccounts(trx, spec.side, lineRefs);
  await assertLineDimensions(trx, input.lines);
  if (input.creditsDocumentId) {
    if (!spec.settles)
      throw errors.validation([{ path: 'creditsDocumentId', message: 'Only credits credit a document.' }]);
    const target = await repo.findDocument(trx, input.creditsDocumentId);
    if (!target || target.kind !== spec.settles)
      throw documentErrors.unknownDocument(input.creditsDocumentId, 'creditsDocumentId');
    if (target.party_id !== input.partyId)
      throw documentErrors.partyMismatch('The credited document belongs to another party.', 'creditsDocumentId');
    if (target.currency !== currency)
      throw documentErrors.currencyMismatch(`The credited document is in ${target.currency}.`, 'creditsDocumentId');
  }
  const resolved = await resolveLineTaxes(trx, {
    side: spec.side,
    partyId: input.partyId,
    creditsDocumentId: input.creditsDocumentId ?? null,
    lines: input.lines.map((l, i) => ({ ...l, accountId: accounts[i]! })),
  });
  const pricesIncludeTax = input.pricesIncludeTax ?? false;
  let totals;
  try {
    totals = computeDocumentTaxes(resolved.lines, {
      currency,
      pricesIncludeTax,
      rounding: await taxRounding(trx),
      side: spec.side === 'customer' ? 'output' : 'input',
    });
  } catch (error) {
    if (error instanceof TotalsError) throw errors.validation(error.problems, 'Some amounts are too large.');
    throw error;
  }
  totals.lines.forEach((l, i) => {
    if (l.ratePercent.gt(100))
      throw errors.validation([{ path: `lines.${i}.taxCodeId`, message: "The line's taxes exceed 100 %." }]);
  });
  if (input.dueDate && input.dueDate < input.date)
    throw errors.validation([{ path: 'dueDate', message: 'The due date cannot be before the document date.' }]);
  const term = await draftPaymentTerm(trx, kind, input);
  const values = {
    party_id: input.partyId,
    document_date: input.date,
    due_date: term?.dueDate ?? input.dueDate ?? addDays(input.date, party.payment_terms_days),
    payment_term_id: term?.id ?? null,
    currency,
    exchange_rate: exchangeRate,
    reference: input.reference,
    memo: input.memo,
    credits_document_id: input.creditsDocumentId ?? null,
    prices_include_tax: pricesIncludeTax,
    subtotal: totals.subtotal.toFixed(4),
    tax_total: totals.taxTotal.toFixed(4),
    total: totals.total.toFixed(4),
  };
  const lines = input.lines.map((l, i) => ({
    line_no: i + 1,
    description: l.description,
    quantity: l.quantity,
    unit_price: l.unitPrice,
    discount_percent: l.discountPercent,
    tax_rate: totals.lines[i]!.ratePercent.toDecimalPlaces(4).toString(),
    tax_code_id: resolved.codeIds[i] ?? null,
    department: l.department ?? null,
    project_id: l.projectId ?? null,
    account_id: accounts[i]!,
    net: totals.lines[i]!.net.toFixed(4),
    tax: totals.lines[i]!.tax.toFixed(4),
  }));
  const taxes = totals.taxes.map((t) => ({
    tax_code_id: t.taxCodeId,
    code: t.code,
    name: t.name,
    treatment: t.treatment,
    exempt_reason: t.exemptReason,
    rate: t.rate,
    side: t.side,
    self_assessed: t.selfAssessed,
    account_id: t.accountId,
    box: t.box,
    net_box: t.netBox,
    base: t.base.toFixed(4),
    tax: t.tax.toFixed(4),
  }));
  return { values, lines, taxes, total: format(totals.total, currency) };
}

export async function createDraft(db: Db, ctx: RequestContext, kind: DocumentKind, input: DocumentInputT) {
  return inTransaction(db, async (trx) => {
    const { values, lines, taxes, total } = await prepare(trx, kind, input);
    const row = await repo.insertDocument(trx, {
      ...values,
      kind,
      number: null,
      allocated: '0',
      journal_entry_id: null,
      void_entry_id: null,
      created_by: ctx.actor?.userId ?? null,
      issued_at: null,
      voided_at: null,
    });
    await repo.insertLines(
      trx,
      lines.map((l) => ({ ...l, document_id: row.id })),
    );
    await replaceDocumentTaxes(trx, row.id, taxes);
    await writeAudit(trx, ctx, {
      action: `${kind}.created`,
      entityType: entity(kind),
      entityId: row.id,
      after: { ...input, total },
    });
    return row.id;
  });
}

async function lockDraft(trx: Tx, kind: DocumentKind, id: string) {
  const doc = await repo.lockDocument(trx, id);
  if (!doc || doc.kind !== kind) throw notFound(kind, id);
  if (doc.status !== 'draft') throw documentErrors.notDraft(doc.number);
  return doc;
}

export async function updateDraft(
  db: Db,
  ctx: RequestContext,
  kind: DocumentKind,
  id: string,
  input: DocumentInputT & { version: number },
) {
  await inTransaction(db, async (trx) => {
    const before = await lockDraft(trx, kind, id);
    assertVersion('Document', before, input.version);
    const { values, lines, taxes, total } = await prepare(trx, kind, input);
    await repo.deleteLines(trx, id);
    await repo.insertLines(
      trx,
      lines.map((l) => ({ ...l, document_id: id })),
    );
    await replaceDocumentTaxes(trx, id, taxes);
    await repo.updateDocument(trx, id, values);
    await writeAudit(trx, ctx, {
      action: `${kind}.updated`,
      entityType: entity(kind),
      entityId: id,
      before: { ...before },
      after: { ...input, total },
    });
  });
}

export async function deleteDraft(db: Db, ctx: RequestContext, kind: DocumentKind, id: string) {
  await inTransaction(db, async (trx) => {
    const before = await lockDraft(trx, kind, id);
    await repo.deleteDocument(trx, id);
    await writeAudit(trx, ctx, {
      action: `${kind}.deleted`,
      entityType: entity(kind),
      entityId: id,
      before: { ...before },
    });
  });
}

/** A document with its lines and allocations. */
export async function getDocument(db: Db, kind: DocumentKind, id: string) {
  const row = await repo.findDocumentWithParty(db, id, kind);
  if (!row) throw notFound(kind, id);
  const lines = await repo.linesOf(db, id);
  return toDocumentDto(row, lines, await listAllocations(db, { documentId: id }), await documentTaxesOf(db, id));
}

export async function listDocuments(db: Db, kind: DocumentKind, filter: DocumentFilter) {
  const asOf = today();
  const page = await repo.listDocuments(db, kind, filter, asOf);
  return { items: page.items.map((d) => toDocumentSummary(d, asOf)), nextCursor: page.nextCursor };
}
