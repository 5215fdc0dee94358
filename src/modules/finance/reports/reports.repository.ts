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
  /** What was open on that date in the item's currency, and in the base currency. */
  open: string;
  open_base: string;
}

export interface AgingKinds {
  debt: string;
  credit: string;
  /** The control account (receivable / payable) the items are booked on. */
  control: string;
  /** Payments on this side: received (receivables) or made (payables); a refund goes the other way. */
  paymentDirection: 'received' | 'made';
  /** Decimals of the base currency (for allocations recorded before their base amounts were). */
  scale: number;
}

/**
 * The open items of one side at `date`: issued documents of the two kinds and posted payments (and
 * refunds) dated up to then, not yet voided on that date, with what was still open on them — in
 * their currency: total less the allocations to and from them made up to then; in the base
 * currency: what their entry booked on the control account less the base amounts those allocations
 * cleared (so that the items add up to the control account's balance to the cent).
 */
export async function agingDocuments(db: Db, kinds: AgingKinds, date: string) {
  const { debt, credit, control, paymentDirection, scale } = kinds;
  const refundDirection = paymentDirection === 'received' ? 'made' : 'received';
  const { rows } = await sql<AgingRow>`
    with settled as (
      select a.*, o.base_amount as o_base, o.source_base_amount as o_source_base
        from finance.allocations a
        left join finance.allocations o on o.id = a.reverses_allocation_id
       where a.allocation_date <= ${date}
    )
    select d.id, d.kind, d.number, d.party_id, p.name as party_name, d.due_date, d.exchange_rate,
           d.total
             - coalesce((select sum(a.amount) from settled a where a.document_id = d.id), 0)
             - coalesce((select sum(a.amount) from settled a where a.credit_document_id = d.id), 0) as open,
           coalesce((select abs(sum(l.base_debit - l.base_credit)) from finance.journal_lines l
                      where l.entry_id = d.journal_entry_id and l.account_id = ${control}), 0)
             - coalesce((select sum(coalesce(a.base_amount, -a.o_base, round(a.amount * d.exchange_rate, ${scale}::int)))
                           from settled a where a.document_id = d.id), 0)
             - coalesce((select sum(coalesce(a.source_base_amount, -a.o_source_base,
                                             round(a.amount * d.exchange_rate, ${scale}::int)))
                           from settled a where a.credit_document_id = d.id), 0) as open_base
      from finance.documents d
      join finance.parties p on p.id = d.party_id
      left join finance.journal_entries ve on ve.id = d.void_entry_id
     where d.kind in (${debt}, ${credit})
       and d.journal_entry_id is not null
       and (d.status in ('issued', 'partially-paid', 'paid') or (d.status = 'void' and ve.entry_date > ${date}))
       and d.document_date <= ${date}
    union all
    select y.id, case when y.direction = ${paymentDirection} then 'payment' else 'refund' end, y.number,
           y.party_id, p.name, y.payment_date, y.exchange_rate,
           y.amount
             - coalesce((select sum(a.amount) from settled a where a.payment_id = y.id), 0)
             - coalesce((select sum(a.amount) from settled a where a.target_payment_id = y.id), 0),
           coalesce((select abs(sum(l.base_debit - l.base_credit)) from finance.journal_lines l
                      where l.entry_id = y.journal_entry_id and l.account_id = ${control}), 0)
             - coalesce((select sum(coalesce(a.source_base_amount, -a.o_source_base,
                                             round(a.amount * y.exchange_rate, ${scale}::int)))
                           from settled a where a.payment_id = y.id), 0)
             - coalesce((select sum(coalesce(a.base_amount, -a.o_base, round(a.amount * y.exchange_rate, ${scale}::int)))
                           from settled a where a.target_payment_id = y.id), 0)
      from finance.payments y
      join finance.parties p on p.id = y.party_id
      left join finance.journal_entries ve on ve.id = y.void_entry_id
     where ((y.direction = ${paymentDirection} and y.kind = 'payment')
            or (y.direction = ${refundDirection} and y.kind = 'refund'))
       and (y.status = 'posted' or ve.entry_date > ${date})
       and y.payment_date <= ${date}`.execute(db);
  return rows;
}

/** Posted base debit − credit on one account up to and including `date`. */
export async function accountBalanceAt(db: Db, accountId: string, date: string): Promise<string> {
  const row = await db
    .selectFrom('finance.journal_lines')
    .select(sql<string>`coalesce(sum(base_debit - base_credit), 0)`.as('balance'))
    .where('account_id', '=', accountId)
    .where('posted_date', 'is not', null)
    .where('posted_date', '<=', date)
    .executeTakeFirstOrThrow();
  return row.balance;
}
