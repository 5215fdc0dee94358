import { sql } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Tx } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { financeErrors } from '../finance.errors.js';
import { Money, fitsCurrency, format } from '../money.js';
import { documentErrors } from './documents.errors.js';
import { lockDocuments } from './documents.repository.js';
import type { AllocationItemT } from './documents.schemas.js';
import type { DocumentKind } from './documents.tables.js';

/** What is being allocated: a payment or a credit document, its party, currency and what is left of it. */
export interface AllocationSource {
  partyId: string;
  currency: string;
  available: Money;
  targetKind: DocumentKind;
}

export interface AllocationPlan {
  items: { documentId: string; amount: string }[];
  total: Money;
}

/**
 * Locks the target documents (`SELECT … FOR UPDATE`, in id order: every allocating transaction
 * locks its source first, then its targets in that order, then number series — so none deadlock)
 * and checks every allocation against what is open *now*: same kind, party and currency, document
 * open, amount within its open amount, and the sum within what is left of the source. The
 * database re-checks the sums (CHECK constraints on the counters, maintained by trigger).
 * Call before taking any number, so that a refusal costs nothing.
 */
export async function planAllocations(
  trx: Tx,
  source: AllocationSource,
  items: AllocationItemT[],
  path = 'allocations',
): Promise<AllocationPlan> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.documentId))
      throw errors.validation([{ path: `${path}.${i}.documentId`, message: 'Allocate to each document once.' }]);
    seen.add(item.documentId);
    if (!fitsCurrency(item.amount, source.currency))
      throw financeErrors.tooManyDecimals(item.amount, source.currency, `${path}.${i}.amount`);
    if (new Money(item.amount).lte(0))
      throw errors.validation([{ path: `${path}.${i}.amount`, message: 'An allocation is greater than 0.' }]);
  });
  const docs = await lockDocuments(
    trx,
    items.map((i) => i.documentId),
  );
  let total = new Money(0);
  items.forEach((item, i) => {
    const doc = docs.get(item.documentId);
    const at = `${path}.${i}`;
    if (!doc || doc.kind !== source.targetKind)
      throw documentErrors.unknownDocument(item.documentId, `${at}.documentId`);
    if (doc.party_id !== source.partyId)
      throw documentErrors.partyMismatch(
        `${doc.number ?? 'This document'} belongs to another party.`,
        `${at}.documentId`,
      );
    if (doc.currency !== source.currency)
      throw documentErrors.currencyMismatch(
        `${doc.number ?? 'This document'} is in ${doc.currency}, not ${source.currency}.`,
        `${at}.documentId`,
      );
    if (doc.status !== 'issued' && doc.status !== 'partially-paid')
      throw documentErrors.notOpen(`${doc.number ?? 'This document'} is ${doc.status}.`, `${at}.documentId`);
    const open = new Money(doc.total).minus(doc.allocated);
    if (new Money(item.amount).gt(open))
      throw documentErrors.overAllocation(
        `Only ${format(open, doc.currency)} is open on ${doc.number}; ${item.amount} cannot be allocated.`,
        `${at}.amount`,
      );
    total = total.plus(item.amount);
  });
  if (total.gt(source.available))
    throw documentErrors.overAllocation(
      `Only ${format(source.available, source.currency)} is left to allocate; the allocations add up to ${format(total, source.currency)}.`,
      path,
    );
  return { items: items.map((i) => ({ documentId: i.documentId, amount: i.amount })), total };
}

/** Records planned allocations (the trigger moves the counters) and moves the documents' status. */
export async function recordAllocations(
  trx: Tx,
  ctx: RequestContext,
  from: { paymentId: string } | { creditDocumentId: string },
  plan: AllocationPlan,
  date: string,
) {
  if (plan.items.length === 0) return;
  const paymentId = 'paymentId' in from ? from.paymentId : null;
  const creditDocumentId = 'creditDocumentId' in from ? from.creditDocumentId : null;
  await trx
    .insertInto('finance.allocations')
    .values(
      plan.items.map((i) => ({
        document_id: i.documentId,
        payment_id: paymentId,
        credit_document_id: creditDocumentId,
        amount: i.amount,
        allocation_date: date,
        created_by: ctx.actor?.userId ?? null,
      })),
    )
    .execute();
  const touched = plan.items.map((i) => i.documentId);
  if (creditDocumentId) touched.push(creditDocumentId);
  await trx
    .updateTable('finance.documents')
    .set((eb) => ({
      status: sql<'paid' | 'partially-paid'>`case when allocated >= total then 'paid' else 'partially-paid' end`,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', 'in', touched)
    .execute();
  await writeAudit(trx, ctx, {
    action: paymentId ? 'payment.allocated' : 'credit.applied',
    entityType: paymentId ? 'finance.payment' : 'finance.document',
    entityId: (paymentId ?? creditDocumentId)!,
    after: { date, allocations: plan.items },
  });
}
