import { sql, type Insertable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { AllocationsTable } from './documents.tables.js';

/**
 * Allocations to or from a document / of a payment, with the settled document's number and currency
 * (or the refund's, when a credit or payment was refunded), oldest first.
 */
export function listAllocations(db: Db, where: { documentId?: string; paymentId?: string }) {
  let q = db
    .selectFrom('finance.allocations as a')
    .leftJoin('finance.documents as d', 'd.id', 'a.document_id')
    .leftJoin('finance.payments as rp', 'rp.id', 'a.target_payment_id')
    .selectAll('a')
    .select((eb) => [
      eb.fn.coalesce('d.number', 'rp.number').as('document_number'),
      eb.fn.coalesce('d.currency', 'rp.currency').$notNull().as('currency'),
    ]);
  if (where.documentId) {
    const id = where.documentId;
    q = q.where((eb) => eb.or([eb('a.document_id', '=', id), eb('a.credit_document_id', '=', id)]));
  }
  if (where.paymentId) q = q.where('a.payment_id', '=', where.paymentId);
  return q.orderBy('a.created_at').orderBy('a.id').execute();
}

export type AllocationRow = Awaited<ReturnType<typeof listAllocations>>[number];

export async function insertAllocations(trx: Db, rows: Insertable<AllocationsTable>[]): Promise<void> {
  await trx.insertInto('finance.allocations').values(rows).execute();
}

/** Moves the documents to paid / partially-paid from their (trigger-maintained) allocated amount. */
export async function refreshSettlementStatus(trx: Db, documentIds: string[]): Promise<void> {
  await trx
    .updateTable('finance.documents')
    .set((eb) => ({
      status: sql<'paid' | 'partially-paid'>`case when allocated >= total then 'paid' else 'partially-paid' end`,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', 'in', documentIds)
    .execute();
}

/**
 * The base amount an entry booked on an account (|Σ base debit − base credit| of its lines there):
 * what a document or payment put on its control account.
 */
export async function bookedBase(trx: Db, entryId: string, accountId: string): Promise<string> {
  const row = await trx
    .selectFrom('finance.journal_lines')
    .select(sql<string>`coalesce(abs(sum(base_debit - base_credit)), 0)`.as('base'))
    .where('entry_id', '=', entryId)
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return row.base;
}

/**
 * What the allocations to and from a document or payment (`id`) have cleared of its booked base so
 * far: their stored base amounts on its side (a reversal without one: the negated amount of the
 * allocation it undoes; a row from before #21: round(amount × rate, scale)).
 */
export async function clearedBase(trx: Db, id: string, rate: string, scale: number): Promise<string> {
  const { rows } = await sql<{ base: string }>`
    select coalesce(sum(case when a.document_id = ${id} or a.target_payment_id = ${id}
                             then coalesce(a.base_amount, -o.base_amount, round(a.amount * ${rate}::numeric, ${scale}::int))
                             else coalesce(a.source_base_amount, -o.source_base_amount,
                                           round(a.amount * ${rate}::numeric, ${scale}::int)) end), 0) as base
      from finance.allocations a
      left join finance.allocations o on o.id = a.reverses_allocation_id
     where ${id} in (a.document_id, a.target_payment_id, a.payment_id, a.credit_document_id)`.execute(trx);
  return rows[0]!.base;
}

/** The journal entry that booked a document or a payment (`id` names either). */
export async function journalEntryOf(trx: Db, id: string): Promise<string | null> {
  const doc = await trx
    .selectFrom('finance.documents')
    .select('journal_entry_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (doc) return doc.journal_entry_id;
  const payment = await trx
    .selectFrom('finance.payments')
    .select('journal_entry_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return payment?.journal_entry_id ?? null;
}
