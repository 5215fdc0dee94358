import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

/**
 * The reports' SQL: aggregates over posted journal lines (`posted_date is not null`) in the base
 * currency, and the documents' open amounts for the aging. Each function is one statement; the
 * figures are built from the rows in the report's own file.
 */

/** The whole chart (a few hundred rows at most). */
export function listChartAccounts(db: Db) {
  return db.selectFrom('finance.accounts').select(['id', 'code', 'name', 'type', 'parent_id as parentId']).execute();
}

export interface MovementRange {
  from: string;
  to: string;
  department?: string | undefined;
}

/** Posted base debits and credits per account in [from, to], of one department when given. */
export function movementSums(db: Db, range: MovementRange) {
  let q = db
    .selectFrom('finance.journal_lines')
    .select(['account_id', sql<string>`sum(base_debit)`.as('debit'), sql<string>`sum(base_credit)`.as('credit')])
    .where('posted_date', 'is not', null)
    .where('posted_date', '>=', range.from)
    .where('posted_date', '<=', range.to)
    .groupBy('account_id');
  if (range.department !== undefined) q = q.where('department', '=', range.department);
  return q.execute();
}

/** The same sums, of the year-end closing entries only (few lines, found through their entry id). */
export function closingSums(db: Db, range: MovementRange) {
  let q = db
    .selectFrom('finance.journal_lines')
    .select(['account_id', sql<string>`sum(base_debit)`.as('debit'), sql<string>`sum(base_credit)`.as('credit')])
    .where('entry_id', 'in', (eb) =>
      eb
        .selectFrom('finance.fiscal_years')
        .select(sql<string>`closing_entry_id`.as('id'))
        .where('closing_entry_id', 'is not', null),
    )
    .where('posted_date', '>=', range.from)
    .where('posted_date', '<=', range.to)
    .groupBy('account_id');
  if (range.department !== undefined) q = q.where('department', '=', range.department);
  return q.execute();
}

/** Posted base debits and credits per account up to and including `date`. */
export function trialBalanceSums(db: Db, date: string) {
  return db
    .selectFrom('finance.journal_lines')
    .select(['account_id', sql<string>`sum(base_debit)`.as('debit'), sql<string>`sum(base_credit)`.as('credit')])
    .where('posted_date', 'is not', null)
    .where('posted_date', '<=', date)
    .groupBy('account_id')
    .execute();
}

export function listTrialBalanceAccounts(db: Db) {
  return db.selectFrom('finance.accounts').select(['id', 'code', 'name', 'type']).execute();
}

/** Per account: the posted net (debit − credit) up to `date`, and the part since `yearStart`. */
export function balanceSheetSums(db: Db, date: string, yearStart: string) {
  return db
    .selectFrom('finance.journal_lines')
    .select([
      'account_id',
      sql<string>`sum(base_debit - base_credit)`.as('net'),
      sql<string>`coalesce(sum(base_debit - base_credit) filter (where posted_date >= ${yearStart}), 0)`.as('year_net'),
    ])
    .where('posted_date', 'is not', null)
    .where('posted_date', '<=', date)
    .groupBy('account_id')
    .execute();
}

export interface AgingRow {
  id: string;
  kind: string;
  number: string;
  party_id: string;
  party_name: string;
  due_date: string;
  exchange_rate: string;
  open: string;
}

/**
 * Issued documents of the two kinds dated up to `date`, with what was still open on them on that
 * date (total less the allocations to and from them made up to then).
 */
export async function agingDocuments(db: Db, kinds: { debt: string; credit: string }, date: string) {
  const { rows } = await sql<AgingRow>`
    select d.id, d.kind, d.number, d.party_id, p.name as party_name, d.due_date, d.exchange_rate,
           d.total
             - coalesce((select sum(a.amount) from finance.allocations a
                          where a.document_id = d.id and a.allocation_date <= ${date}), 0)
             - coalesce((select sum(a.amount) from finance.allocations a
                          where a.credit_document_id = d.id and a.allocation_date <= ${date}), 0) as open
      from finance.documents d
      join finance.parties p on p.id = d.party_id
     where d.kind in (${kinds.debt}, ${kinds.credit})
       and d.status in ('issued', 'partially-paid', 'paid')
       and d.document_date <= ${date}`.execute(db);
  return rows;
}
