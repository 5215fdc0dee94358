import type { z } from '@hono/zod-openapi';
import type { Db } from '../../../platform/db/database.js';
import { exportCsv } from '../../../platform/http/csv-export.js';
import { DocumentExportQuery } from '../documents/documents.schemas.js';
import * as documents from '../documents/documents.service.js';
import type { DocumentKind } from '../documents/documents.tables.js';
import { PartyExportQuery } from '../documents/parties.schemas.js';
import * as parties from '../documents/parties.service.js';
import { PaymentExportQuery } from '../documents/payments.schemas.js';
import * as payments from '../documents/payments.service.js';
import { JournalExportQuery } from '../ledger/journal.schemas.js';
import * as journal from '../ledger/journal.service.js';
import type { FinanceExportList } from './list-exports.js';

type Cell = string | number | boolean | null;
type Page<T> = { items: T[]; nextCursor: string | null };
type Load<T> = (page: { limit: number; cursor?: string | undefined }) => Promise<Page<T>>;

/**
 * One exportable list, its row type put away: the export schema that parses the filter as the
 * list's `…/export.csv` route does, the reader (the list's own service function), and its columns.
 * The header and cells are the synchronous routes' (`…/export.csv`, which stop at
 * EXPORT_MAX_ROWS); `list-exports.int.test.ts` checks the files are equal for every list.
 */
export interface FinanceListCsv {
  fileName: string;
  filter: z.ZodType;
  header: readonly string[];
  load: (db: Db, filter: unknown) => Load<unknown>;
  row: (item: unknown) => Cell[];
}

function listCsv<F, T>(definition: {
  fileName: string;
  filter: z.ZodType<F>;
  header: readonly string[];
  load: (db: Db, filter: F) => Load<T>;
  row: (item: T) => Cell[];
}): FinanceListCsv {
  return definition as unknown as FinanceListCsv;
}

const JOURNAL_HEADER = [
  'number',
  'date',
  'status',
  'reference',
  'memo',
  'currency',
  'exchange_rate',
  'total_debit',
  'total_credit',
  'source_type',
  'source_id',
  'reverses_entry_id',
  'reversed_by_entry_id',
  'posted_at',
  'id',
  'created_at',
];
const DOCUMENT_HEADER = [
  'number',
  'status',
  'party',
  'party_id',
  'date',
  'due_date',
  'currency',
  'exchange_rate',
  'subtotal',
  'tax_total',
  'total',
  'allocated',
  'open',
  'overdue',
  'reference',
  'memo',
  'id',
  'created_at',
];
const PARTY_HEADER = [
  'name',
  'kind',
  'email',
  'tax_id',
  'currency',
  'payment_terms_days',
  'active',
  'crm_organization_id',
  'id',
  'created_at',
];
const PAYMENT_HEADER = [
  'number',
  'direction',
  'status',
  'party',
  'party_id',
  'date',
  'currency',
  'exchange_rate',
  'amount',
  'allocated',
  'unallocated',
  'account_id',
  'reference',
  'memo',
  'id',
  'created_at',
];

const journalCsv = listCsv({
  fileName: 'journal-entries.csv',
  filter: JournalExportQuery,
  header: JOURNAL_HEADER,
  load: (db, f) => (page) => journal.listEntries(db, { ...f, ...page }),
  row: (e) => [
    e.number,
    e.date,
    e.status,
    e.reference,
    e.memo,
    e.currency,
    e.exchangeRate,
    e.totalDebit,
    e.totalCredit,
    e.sourceType,
    e.sourceId,
    e.reversesEntryId,
    e.reversedByEntryId,
    e.postedAt,
    e.id,
    e.createdAt,
  ],
});

const documentCsv = (kind: DocumentKind, path: string) =>
  listCsv({
    fileName: `${path}.csv`,
    filter: DocumentExportQuery,
    header: DOCUMENT_HEADER,
    load: (db, f) => (page) => documents.listDocuments(db, kind, { ...f, ...page }),
    row: (d) => [
      d.number,
      d.status,
      d.partyName,
      d.partyId,
      d.date,
      d.dueDate,
      d.currency,
      d.exchangeRate,
      d.subtotal,
      d.taxTotal,
      d.total,
      d.allocated,
      d.open,
      d.overdue,
      d.reference,
      d.memo,
      d.id,
      d.createdAt,
    ],
  });

const partyCsv = listCsv({
  fileName: 'parties.csv',
  filter: PartyExportQuery,
  header: PARTY_HEADER,
  load: (db, f) => (page) => parties.listParties(db, { ...f, ...page }),
  row: (p) => [
    p.name,
    p.kind,
    p.email,
    p.taxId,
    p.currency,
    p.paymentTermsDays,
    p.active,
    p.crmOrganizationId,
    p.id,
    p.createdAt,
  ],
});

const paymentCsv = listCsv({
  fileName: 'payments.csv',
  filter: PaymentExportQuery,
  header: PAYMENT_HEADER,
  load: (db, f) => (page) => payments.listPayments(db, { ...f, ...page }),
  row: (p) => [
    p.number,
    p.direction,
    p.status,
    p.partyName,
    p.partyId,
    p.date,
    p.currency,
    p.exchangeRate,
    p.amount,
    p.allocated,
    p.unallocated,
    p.accountId,
    p.reference,
    p.memo,
    p.id,
    p.createdAt,
  ],
});

/** Each exportable list: the same rows, order and columns as its `…/export.csv` route. */
export const financeExportLists: Record<FinanceExportList, FinanceListCsv> = {
  'journal-entries': journalCsv,
  invoices: documentCsv('invoice', 'invoices'),
  bills: documentCsv('bill', 'bills'),
  'credit-notes': documentCsv('credit-note', 'credit-notes'),
  'vendor-credits': documentCsv('vendor-credit', 'vendor-credits'),
  parties: partyCsv,
  payments: paymentCsv,
};

/**
 * A list's CSV for its synchronous `…/export.csv` route (up to EXPORT_MAX_ROWS; larger lists go to
 * `POST /exports`): the same columns and rows as the export job's file, from one definition.
 */
export function financeListCsv(db: Db, list: FinanceExportList, filter: unknown): Promise<string> {
  const definition = financeExportLists[list];
  return exportCsv(definition.load(db, filter), [...definition.header], definition.row);
}
