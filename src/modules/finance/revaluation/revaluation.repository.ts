import { sql, type Insertable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { paginate, type PageRequest } from '../../../platform/http/pagination.js';
import './revaluation.tables.js';
import type { FxRevaluationLinesTable, FxRevaluationsTable } from './revaluation.tables.js';

export interface OpenDocumentRow {
  id: string;
  kind: 'invoice' | 'bill' | 'credit-note' | 'vendor-credit';
  number: string | null;
  currency: string;
  /** What is still open in the document's currency at the date. */
  open: string;
  /** What its entry put on the control account, less the base amounts its allocations cleared. */
  open_base: string;
}

/**
 * Issued foreign-currency invoices, bills, credit notes and vendor credits with what they still had
 * open at `date`, in their currency and in the base currency (the carrying value), computed as
 * `../reports/reports.repository.ts` `agingDocuments` does, so the figures tie to the control accounts.
 */
export async function openForeignDocuments(
  db: Db,
  date: string,
  base: string,
  controls: { receivable: string; payable: string },
  scale: number,
): Promise<OpenDocumentRow[]> {
  const { rows } = await sql<OpenDocumentRow>`
    with settled as (
      select a.*, o.base_amount as o_base, o.source_base_amount as o_source_base
        from finance.allocations a
        left join finance.allocations o on o.id = a.reverses_allocation_id
       where a.allocation_date <= ${date}
    ),
    docs as (
      select d.id, d.kind, d.number, d.currency,
             d.total
               - coalesce((select sum(a.amount) from settled a where a.document_id = d.id), 0)
               - coalesce((select sum(a.amount) from settled a where a.credit_document_id = d.id), 0) as open,
             coalesce((select abs(sum(l.base_debit - l.base_credit)) from finance.journal_lines l
                        where l.entry_id = d.journal_entry_id
                          and l.account_id = case when d.kind in ('invoice', 'credit-note')
                                                  then ${controls.receivable}::uuid else ${controls.payable}::uuid end), 0)
               - coalesce((select sum(coalesce(a.base_amount, -a.o_base, round(a.amount * d.exchange_rate, ${scale}::int)))
                             from settled a where a.document_id = d.id), 0)
               - coalesce((select sum(coalesce(a.source_base_amount, -a.o_source_base,
                                               round(a.amount * d.exchange_rate, ${scale}::int)))
                             from settled a where a.credit_document_id = d.id), 0) as open_base
        from finance.documents d
        left join finance.journal_entries ve on ve.id = d.void_entry_id
       where d.currency <> ${base}
         and d.journal_entry_id is not null
         and (d.status in ('issued', 'partially-paid', 'paid') or (d.status = 'void' and ve.entry_date > ${date}))
         and d.document_date <= ${date}
    )
    select * from docs where open <> 0 order by kind, number, id`.execute(db);
  return rows;
}

export interface ForeignBankRow {
  id: string;
  name: string;
  currency: string;
  account_id: string;
  /** The ledger account's balance in the bank's currency: lines of entries in that currency. */
  balance: string;
  /** The ledger account's base balance (every posted line). */
  base_balance: string;
}

/** Bank accounts in a currency other than the base currency, with their ledger balances at `date`. */
export async function foreignBankBalances(db: Db, date: string, base: string): Promise<ForeignBankRow[]> {
  const { rows } = await sql<ForeignBankRow>`
    select b.id, b.name, b.currency, b.account_id,
           coalesce((select sum(l.debit - l.credit) from finance.journal_lines l
                       join finance.journal_entries e on e.id = l.entry_id
                      where l.account_id = b.account_id and l.posted_date is not null
                        and l.posted_date <= ${date} and e.currency = b.currency), 0) as balance,
           coalesce((select sum(l.base_debit - l.base_credit) from finance.journal_lines l
                      where l.account_id = b.account_id and l.posted_date is not null
                        and l.posted_date <= ${date}), 0) as base_balance
      from finance.bank_accounts b
     where b.currency <> ${base}
     order by b.name, b.id`.execute(db);
  return rows;
}

export function findRunForPeriod(db: Db, periodStart: string) {
  return db
    .selectFrom('finance.fx_revaluations')
    .select(['id', 'revaluation_date'])
    .where('period_start', '=', periodStart)
    .executeTakeFirst();
}

export function insertRun(trx: Db, row: Insertable<FxRevaluationsTable>) {
  return trx.insertInto('finance.fx_revaluations').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertLines(trx: Db, rows: Insertable<FxRevaluationLinesTable>[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('finance.fx_revaluation_lines')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export function setEntries(trx: Db, id: string, journalEntryId: string, reversalEntryId: string) {
  return trx
    .updateTable('finance.fx_revaluations')
    .set({ journal_entry_id: journalEntryId, reversal_entry_id: reversalEntryId })
    .where('id', '=', id)
    .execute();
}

function runs(db: Db) {
  return db
    .selectFrom('finance.fx_revaluations as r')
    .leftJoin('finance.journal_entries as e', 'e.id', 'r.journal_entry_id')
    .leftJoin('finance.journal_entries as v', 'v.id', 'r.reversal_entry_id')
    .selectAll('r')
    .select([
      'e.number as entry_number',
      'v.number as reversal_number',
      sql<number>`(select count(*) from finance.fx_revaluation_lines l where l.revaluation_id = r.id)::int`.as(
        'line_count',
      ),
    ]);
}
export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

export function findRun(db: Db, id: string) {
  return runs(db).where('r.id', '=', id).executeTakeFirst();
}

export function listRuns(db: Db, filter: PageRequest) {
  return paginate(runs(db), filter, {
    sort: { date: 'r.revaluation_date', createdAt: 'r.created_at' },
    id: 'r.id',
    idKey: 'id',
  });
}

export function linesOf(db: Db, id: string) {
  return db
    .selectFrom('finance.fx_revaluation_lines as l')
    .innerJoin('finance.accounts as a', 'a.id', 'l.account_id')
    .selectAll('l')
    .select(['a.code as account_code'])
    .where('l.revaluation_id', '=', id)
    .orderBy('l.line_no')
    .execute();
}
