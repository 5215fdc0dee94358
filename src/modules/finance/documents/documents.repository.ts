import type { Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import { Money, formatDb } from '../money.js';
import type { AllocationDto, DocumentDto, DocumentFilter, DocumentSummaryDto } from './documents.schemas.js';
import type { DocumentKind, DocumentsTable } from './documents.tables.js';

export type DocumentRow = Selectable<DocumentsTable>;

export const today = () => new Date().toISOString().slice(0, 10);
/** Percentages and quantities without trailing zeros ("7.5", not "7.5000"). */
const plain = (v: string) => new Money(v).toString();

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

export function toSummary(d: DocumentRow & { party_name: string }, asOf = today()): DocumentSummaryDto {
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
    journalEntryId: d.journal_entry_id,
    voidEntryId: d.void_entry_id,
    issuedAt: d.issued_at?.toISOString() ?? null,
    version: d.version,
    createdAt: d.created_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
  };
}

function withParty(db: Db) {
  return db
    .selectFrom('finance.documents as d')
    .innerJoin('finance.parties as p', 'p.id', 'd.party_id')
    .selectAll('d')
    .select('p.name as party_name');
}

/** Allocations to or from documents / payments, oldest first. */
export async function allocationsOf(db: Db, where: { documentId?: string; paymentId?: string }) {
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
  const rows = await q.orderBy('a.created_at').orderBy('a.id').execute();
  return rows.map((a): AllocationDto => ({
    id: a.id,
    documentId: a.document_id,
    documentNumber: a.document_number,
    paymentId: a.payment_id,
    creditDocumentId: a.credit_document_id,
    amount: formatDb(a.amount, a.currency),
    date: a.allocation_date,
    fxEntryId: a.fx_entry_id,
    createdAt: a.created_at.toISOString(),
  }));
}

export async function getDocument(db: Db, id: string, kind?: DocumentKind): Promise<DocumentDto | undefined> {
  let q = withParty(db).where('d.id', '=', id);
  if (kind) q = q.where('d.kind', '=', kind);
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  const lines = await db
    .selectFrom('finance.document_lines')
    .selectAll()
    .where('document_id', '=', id)
    .orderBy('line_no')
    .execute();
  return {
    ...toSummary(row),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      description: l.description,
      quantity: plain(l.quantity),
      unitPrice: plain(l.unit_price),
      discountPercent: plain(l.discount_percent),
      taxRate: plain(l.tax_rate),
      accountId: l.account_id,
      net: formatDb(l.net, row.currency),
      tax: formatDb(l.tax, row.currency),
    })),
    allocations: await allocationsOf(db, { documentId: id }),
  };
}

const OPEN_STATUSES = ['issued', 'partially-paid'] as const;

export async function listDocuments(db: Db, kind: DocumentKind, filter: DocumentFilter) {
  const asOf = today();
  let q = withParty(db)
    .select(['d.document_date as date', 'd.due_date as dueDate', 'd.created_at as createdAt'])
    .where('d.kind', '=', kind);
  if (filter.status) q = q.where('d.status', 'in', filter.status);
  if (filter.open === 'true') q = q.where('d.status', 'in', OPEN_STATUSES).whereRef('d.allocated', '<', 'd.total');
  else if (filter.open === 'false')
    q = q.where((eb) => eb.or([eb('d.status', 'not in', OPEN_STATUSES), eb('d.allocated', '>=', eb.ref('d.total'))]));
  if (filter.partyId) q = q.where('d.party_id', '=', filter.partyId);
  if (filter.from) q = q.where('d.document_date', '>=', filter.from);
  if (filter.to) q = q.where('d.document_date', '<=', filter.to);
  if (filter.overdue === 'true') {
    q = q.where('d.status', 'in', OPEN_STATUSES).where('d.due_date', '<', asOf);
  } else if (filter.overdue === 'false') {
    q = q.where((eb) => eb.or([eb('d.status', 'not in', OPEN_STATUSES), eb('d.due_date', '>=', asOf)]));
  }
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    q = q.where((eb) =>
      eb.or([
        eb('d.number', 'ilike', pattern),
        eb('d.reference', 'ilike', pattern),
        eb('d.memo', 'ilike', pattern),
        eb('p.name', 'ilike', pattern),
      ]),
    );
  }
  const page = await paginate(q, filter, {
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
  return { items: page.items.map((d) => toSummary(d, asOf)), nextCursor: page.nextCursor };
}
