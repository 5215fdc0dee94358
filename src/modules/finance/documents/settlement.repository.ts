import { sql, type Insertable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { AllocationsTable } from './documents.tables.js';

/** One allocation (or reversal) row. */
export function findAllocation(db: Db, id: string) {
  return db.selectFrom('finance.allocations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The reversal of an allocation, when it was undone. */
export function findReversalOf(db: Db, allocationId: string) {
  return db
    .selectFrom('finance.allocations')
    .select(['id', 'allocation_date'])
    .where('reverses_allocation_id', '=', allocationId)
    .executeTakeFirst();
}

/**
 * The allocations still standing (not reversals, not undone) from or to a payment — as the source
 * (`payment_id`) or as a refund (`target_payment_id`) — or of a credit document, with what is on the
 * other side: the settled document's number, or the refund's / refunded payment's number.
 */
export function standingAllocations(db: Db, where: { paymentId?: string; targetPaymentId?: string }) {
  let q = db
    .selectFrom('finance.allocations as a')
    .leftJoin('finance.documents as d', 'd.id', 'a.document_id')
    .leftJoin('finance.payments as tp', 'tp.id', 'a.target_payment_id')
    .leftJoin('finance.payments as sp', 'sp.id', 'a.payment_id')
    .leftJoin('finance.documents as sd', 'sd.id', 'a.credit_document_id')
    .selectAll('a')
    .select([
      'd.number as document_number',
      'tp.number as target_payment_number',
      'sp.number as source_payment_number',
      'sd.number as source_document_number',
    ])
    .where('a.reverses_allocation_id', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('finance.allocations as r')
            .select(sql`1`.as('one'))
            .whereRef('r.reverses_allocation_id', '=', 'a.id'),
        ),
      ),
    );
  if (where.paymentId) q = q.where('a.payment_id', '=', where.paymentId);
  if (where.targetPaymentId) q = q.where('a.target_payment_id', '=', where.targetPaymentId);
  return q.orderBy('a.created_at').orderBy('a.id').execute();
}
export type StandingAllocationRow = Awaited<ReturnType<typeof standingAllocations>>[number];

/** Every allocation row (reversals too) that settles a refund, oldest first, with its source's number. */
export function allocationsOfRefund(db: Db, refundId: string) {
  return db
    .selectFrom('finance.allocations as a')
    .leftJoin('finance.payments as sp', 'sp.id', 'a.payment_id')
    .leftJoin('finance.documents as sd', 'sd.id', 'a.credit_document_id')
    .selectAll('a')
    .select(['sp.number as source_payment_number', 'sd.number as source_document_number'])
    .where('a.target_payment_id', '=', refundId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

export async function insertAllocation(trx: Db, row: Insertable<AllocationsTable>): Promise<void> {
  await trx.insertInto('finance.allocations').values(row).execute();
}

/**
 * Moves documents to what their (trigger-maintained) allocated amount says after an unallocation:
 * nothing allocated → issued, fully → paid, else partially-paid. Void and draft documents stay.
 */
export async function refreshOpenStatus(trx: Db, documentIds: string[]): Promise<void> {
  if (documentIds.length === 0) return;
  await trx
    .updateTable('finance.documents')
    .set((eb) => ({
      status: sql<
        'issued' | 'paid' | 'partially-paid'
      >`case when allocated = 0 then 'issued' when allocated >= total then 'paid' else 'partially-paid' end`,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', 'in', documentIds)
    .where('status', 'in', ['issued', 'partially-paid', 'paid'])
    .execute();
}

/** The earliest posted entry that is not an opening balance (the books' first day of trading). */
export function firstTradingEntryDate(db: Db) {
  return db
    .selectFrom('finance.journal_entries')
    .select('entry_date')
    .where('status', '=', 'posted')
    .where('source_type', 'not in', ['opening-balance', 'reversal'])
    .orderBy('entry_date')
    .limit(1)
    .executeTakeFirst();
}

export function entryDate(db: Db, id: string) {
  return db.selectFrom('finance.journal_entries').select('entry_date').where('id', '=', id).executeTakeFirst();
}

/** An allocation with its document's number and currency (the shape of the documents' allocation list). */
export function findAllocationWithDocument(db: Db, id: string) {
  return db
    .selectFrom('finance.allocations as a')
    .innerJoin('finance.documents as d', 'd.id', 'a.document_id')
    .selectAll('a')
    .select(['d.number as document_number', 'd.currency'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}
