import { randomUUID } from 'node:crypto';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { today } from '../../../platform/dates.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { reverseEntry } from '../ledger/journal.service.js';
import { findPeriodStatusAt } from '../ledger/periods.repository.js';
import { lockOpenPeriod } from '../ledger/periods.js';
import { Money } from '../money.js';
import { toAllocationDto } from './documents.mappers.js';
import { lockDocuments } from './documents.repository.js';
import { lockPayment, touchPayment } from './payments.repository.js';
import { settlementErrors } from './settlement.errors.js';
import * as repo from './settlement.repository.js';

type AllocationRow = NonNullable<Awaited<ReturnType<typeof repo.findAllocation>>>;

/**
 * Writes the reversal of one standing allocation, dated `date` (in an open period, which stays
 * share-locked until commit): the realised exchange difference it booked is reversed on that date,
 * and a row with the negative amount takes it off both sides' counters (the trigger). The caller
 * holds the locks (source first, then the target) and refreshes the statuses.
 */
export async function writeReversal(trx: Tx, ctx: RequestContext, allocation: AllocationRow, date: string) {
  if (date < allocation.allocation_date)
    throw settlementErrors.unallocationDate(
      `An allocation of ${allocation.allocation_date} cannot be undone on an earlier date.`,
    );
  await lockOpenPeriod(trx, date);
  const fx = allocation.fx_entry_id
    ? await reverseEntry(trx, ctx, allocation.fx_entry_id, {
        date,
        memo: 'Unallocation: realised exchange difference reversed',
      })
    : null;
  const id = randomUUID();
  await repo.insertAllocation(trx, {
    id,
    document_id: allocation.document_id,
    target_payment_id: allocation.target_payment_id,
    payment_id: allocation.payment_id,
    credit_document_id: allocation.credit_document_id,
    amount: new Money(allocation.amount).negated().toString(),
    allocation_date: date,
    fx_entry_id: fx?.id ?? null,
    reverses_allocation_id: allocation.id,
    base_amount: allocation.base_amount === null ? null : new Money(allocation.base_amount).negated().toString(),
    source_base_amount:
      allocation.source_base_amount === null ? null : new Money(allocation.source_base_amount).negated().toString(),
    created_by: ctx.actor?.userId ?? null,
  });
  return { id, fxEntryId: fx?.id ?? null };
}

/** The allocation's own date while its period is open, else today. */
async function defaultDate(trx: Tx, allocationDate: string) {
  const period = await findPeriodStatusAt(trx, allocationDate);
  return period?.status === 'open' ? allocationDate : today();
}

/**
 * Undoes an allocation of a payment or a credit to a document (issue #21): the document's open
 * amount and status come back, the source's unallocated remainder too, and any realised exchange
 * difference the allocation booked is reversed — all dated in an open period, so that nothing
 * dated in a closed one moves. Refund allocations are undone by voiding the refund.
 */
export async function unallocate(db: Db, ctx: RequestContext, id: string, input: { date?: string | undefined }) {
  return inTransaction(db, async (trx) => {
    const found = await repo.findAllocation(trx, id);
    if (!found) throw errors.notFound('Allocation', id);
    if (found.reverses_allocation_id) throw settlementErrors.notAnAllocation();
    // Lock order of every allocating transaction: the source, then its targets.
    if (found.payment_id) await lockPayment(trx, found.payment_id);
    const documentIds = [found.credit_document_id, found.document_id].filter((x): x is string => !!x);
    if (found.credit_document_id) await lockDocuments(trx, [found.credit_document_id]);
    if (found.target_payment_id) {
      const refund = await lockPayment(trx, found.target_payment_id);
      throw settlementErrors.refundAllocation(refund?.number ?? found.target_payment_id);
    }
    if (found.document_id) await lockDocuments(trx, [found.document_id]);
    const reversed = await repo.findReversalOf(trx, id);
    if (reversed) throw settlementErrors.alreadyReversed(reversed.id);
    const date = input.date ?? (await defaultDate(trx, found.allocation_date));
    const reversal = await writeReversal(trx, ctx, found, date);
    await repo.refreshOpenStatus(trx, documentIds);
    if (found.payment_id) await touchPayment(trx, found.payment_id);
    await writeAudit(trx, ctx, {
      action: 'allocation.reversed',
      entityType: found.payment_id ? 'finance.payment' : 'finance.document',
      entityId: (found.payment_id ?? found.credit_document_id)!,
      before: { allocationId: id, documentId: found.document_id, amount: found.amount, date: found.allocation_date },
      after: { reversalId: reversal.id, date, fxReversalEntryId: reversal.fxEntryId },
    });
    return reversal.id;
  });
}

/** The row that undid an allocation, as the document's allocations show it. */
export async function getUnallocation(db: Db, reversalId: string) {
  const row = await repo.findAllocationWithDocument(db, reversalId);
  if (!row) throw errors.notFound('Allocation', reversalId);
  return { reversal: toAllocationDto(row) };
}

/**
 * A payment with allocations cannot be voided: 409 naming what it is allocated to (documents, or
 * refunds of it), so that they can be unallocated first. A refund is voided as a refund.
 */
export async function refuseAllocatedVoid(
  trx: Tx,
  payment: { id: string; number: string; kind: 'payment' | 'refund' },
): Promise<never> {
  if (payment.kind === 'refund') throw settlementErrors.refundAllocation(payment.number);
  const rows = await repo.standingAllocations(trx, { paymentId: payment.id });
  throw settlementErrors.paymentAllocated(
    payment.number,
    rows.map(
      (r) => `${r.document_number ?? r.target_payment_number ?? r.document_id} (${new Money(r.amount).toString()})`,
    ),
  );
}
