import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { amountTerm } from './search-terms.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { DocumentFilter } from './documents.schemas.js';
import type { DocumentKind, DocumentLinesTable, DocumentsTable } from './documents.tables.js';

export type DocumentRow = Selectable<DocumentsTable>;
export type DocumentLineRow = Selectable<DocumentLinesTable>;

export function lockDocument(trx: Db, id: string) {
  return trx.selectFrom('finance.documents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Locks several documents in id order, so that concurrent lockers never deadlock. */
export async function lockDocuments(trx: Db, ids: string[]): Promise<Map<string, DocumentRow>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('finance.documents')
    .selectAll()
    .where('id', 'in', [...new Set(ids)].sort())
    .orderBy('id')
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export function findDocument(db: Db, id: string) {
  return db.selectFrom('finance.documents').selectAll().where('id', '=', id).executeTakeFirst();
}

function withParty(db: Db) {
  return db
    .selectFrom('finance.documents as d')
    .innerJoin('finance.parties as p', 'p.id', 'd.party_id')
    .selectAll('d')
    .select('p.name as party_name');
}

/** A document with its party's name (of this kind, when given). */
export function findDocumentWithParty(db: Db, id: string, kind?: DocumentKind) {
  let q = withParty(db).where('d.id', '=', id);
  if (kind) q = q.where('d.kind', '=', kind);
  return q.executeTakeFirst();
}

export function linesOf(db: Db, documentId: string) {
  return db
    .selectFrom('finance.document_lines')
    .selectAll()
    .where('document_id', '=', documentId)
    .orderBy('line_no')
    .execute();
}

/** What a document posts per line: account, dimensions, net and tax, in line order. */
export function postingLinesOf(trx: Db, documentId: string) {
  return trx
    .selectFrom('finance.document_lines')
    .select(['account_id', 'department', 'project_id', 'net', 'tax'])
    .where('document_id', '=', documentId)
    .orderBy('line_no')
    .execute();
}

const OPEN_STATUSES = ['issued', 'partially-paid'] as const;

/** A page of documents of one kind with their party's name; "overdue" is relative to `asOf`. */
export function listDocuments(db: Db, kind: DocumentKind, filter: DocumentFilter, asOf: string) {
  let q = withParty(db)
    .select(['d.document_date as date', 'd.due_date as dueDate', 'd.created_at as createdAt'])
    .where('d.kind', '=', kind);
  if (filter.status) q = q.where('d.status', 'in', filter.status);
  if (filter.open === true) q = q.where('d.status', 'in', OPEN_STATUSES).whereRef('d.allocated', '<', 'd.total');
  else if (filter.open === false)
    q = q.where((eb) => eb.or([eb('d.status', 'not in', OPEN_STATUSES), eb('d.allocated', '>=', eb.ref('d.total'))]));
  if (filter.partyId) q = q.where('d.party_id', '=', filter.partyId);
  if (filter.from) q = q.where('d.document_date', '>=', filter.from);
  if (filter.to) q = q.where('d.document_date', '<=', filter.to);
  if (filter.overdue === true) {
    q = q.where('d.status', 'in', OPEN_STATUSES).where('d.due_date', '<', asOf);
  } else if (filter.overdue === false) {
    q = q.where((eb) => eb.or([eb('d.status', 'not in', OPEN_STATUSES), eb('d.due_date', '>=', asOf)]));
  }
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    const amount = amountTerm(filter.q);
    q = q.where((eb) =>
      eb.or([
        eb('d.number', 'ilike', pattern),
        eb('d.reference', 'ilike', pattern),
        eb('d.memo', 'ilike', pattern),
        eb('p.name', 'ilike', pattern),
        ...(amount ? [eb('d.total', '=', amount)] : []),
      ]),
    );
  }
  return paginate(q, filter, {
    sort: {
      date: 'd.document_date',
      dueDate: 'd.due_date',
      number: 'd.number',
      total: 'd.total',
      createdAt: 'd.created_at',
    },
    id: 'd.id',
    idKey: 'id',
  });
}

export function insertDocument(trx: Db, values: Insertable<DocumentsTable>) {
  return trx.insertInto('finance.documents').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function insertLines(trx: Db, lines: Insertable<DocumentLinesTable>[]): Promise<void> {
  await trx.insertInto('finance.document_lines').values(lines).execute();
}

export async function deleteLines(trx: Db, documentId: string): Promise<void> {
  await trx.deleteFrom('finance.document_lines').where('document_id', '=', documentId).execute();
}

/** Sets the given columns, bumps the version and `updated_at`. */
export async function updateDocument(trx: Db, id: string, values: Updateable<DocumentsTable>): Promise<void> {
  await trx
    .updateTable('finance.documents')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .execute();
}

export async function deleteDocument(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom('finance.documents').where('id', '=', id).execute();
}

export async function markIssued(trx: Db, id: string, number: string, journalEntryId: string): Promise<void> {
  await trx
    .updateTable('finance.documents')
    .set((eb) => ({
      status: 'issued',
      number,
      journal_entry_id: journalEntryId,
      issued_at: new Date(),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .execute();
}

export async function markVoid(trx: Db, id: string, voidEntryId: string): Promise<void> {
  await trx
    .updateTable('finance.documents')
    .set((eb) => ({
      status: 'void',
      void_entry_id: voidEntryId,
      voided_at: new Date(),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .execute();
}

export function getDocumentTotal(db: Db, id: string) {
  return db.selectFrom('finance.documents').select('total').where('id', '=', id).executeTakeFirstOrThrow();
}
