import { sql, type Insertable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { AllocationsTable } from './documents.tables.js';

/** Allocations to or from a document / of a payment, with the document's number and currency, oldest first. */
export function listAllocations(db: Db, where: { documentId?: string; paymentId?: string }) {
  let q = db
    .selectFrom('finance.allocations as a')
    .innerJoin('finance.documents as d', 'd.id', 'a.document_id')
    .selectAll('a')
    .select(['d.number as document_number', 'd.currency']);
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
