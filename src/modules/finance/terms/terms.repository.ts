import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db/database.js';

// SQL of payment terms and instalment schedules.

export function listTerms(db: Db) {
  return db.selectFrom('finance.payment_terms').selectAll().orderBy('name').execute();
}

export function findTerm(db: Db, id: string) {
  return db.selectFrom('finance.payment_terms').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockTerm(trx: Tx, id: string) {
  return trx.selectFrom('finance.payment_terms').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function termInstalments(db: Db, termIds: readonly string[]) {
  if (termIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('finance.payment_term_instalments')
    .selectAll()
    .where('term_id', 'in', termIds)
    .orderBy('term_id')
    .orderBy('seq')
    .execute();
}

export interface TermValues {
  name: string;
  description: string;
  discount_percent: string;
  discount_days: number | null;
  active: boolean;
}

export async function insertTerm(trx: Tx, values: TermValues) {
  return trx.insertInto('finance.payment_terms').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateTerm(trx: Tx, id: string, values: TermValues) {
  await trx
    .updateTable('finance.payment_terms')
    .set({ ...values, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function replaceTermInstalments(trx: Tx, termId: string, rows: { percent: string; days: number }[]) {
  await trx.deleteFrom('finance.payment_term_instalments').where('term_id', '=', termId).execute();
  await trx
    .insertInto('finance.payment_term_instalments')
    .values(rows.map((r, i) => ({ term_id: termId, seq: i + 1, percent: r.percent, days: r.days })))
    .execute();
}

export async function termInUse(db: Db, termId: string) {
  const row = await db
    .selectFrom('finance.documents')
    .select('id')
    .where('payment_term_id', '=', termId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteTerm(trx: Tx, id: string) {
  await trx.deleteFrom('finance.payment_terms').where('id', '=', id).execute();
}

export interface InstalmentRow {
  seq: number;
  due_date: string;
  percent: string;
  amount: string;
  discount_until: string | null;
  discount_amount: string;
}

export async function insertDocumentInstalments(trx: Tx, documentId: string, rows: InstalmentRow[]) {
  await trx
    .insertInto('finance.document_instalments')
    .values(rows.map((r) => ({ ...r, document_id: documentId })))
    .execute();
}

export function documentInstalments(db: Db, documentIds: readonly string[]) {
  if (documentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('finance.document_instalments')
    .selectAll()
    .where('document_id', 'in', documentIds)
    .orderBy('document_id')
    .orderBy('seq')
    .execute();
}

/** The fields of a document its schedule is built from. */
export function scheduleDocument(db: Db, id: string) {
  return db
    .selectFrom('finance.documents')
    .select([
      'id',
      'kind',
      'status',
      'document_date',
      'due_date',
      'currency',
      'total',
      'allocated',
      'payment_term_id',
      'number',
      'party_id',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Currency and total of documents (the aging rows carry neither). */
export function documentTotals(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('finance.documents').select(['id', 'currency', 'total']).where('id', 'in', ids).execute();
}

/** The first active customer by name (the demo's recurring invoice goes to it). */
export function firstActiveCustomer(db: Db) {
  return db
    .selectFrom('finance.parties')
    .select(['id', 'name'])
    .where('active', '=', true)
    .where('kind', 'in', ['customer', 'both'])
    .orderBy('name')
    .limit(1)
    .executeTakeFirst();
}

export async function anyPaymentTerm(db: Db) {
  return (await db.selectFrom('finance.payment_terms').select('id').limit(1).executeTakeFirst()) !== undefined;
}
