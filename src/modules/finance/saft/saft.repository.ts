import { sql } from 'kysely';
import '../printing/printing.tables.js';
import '../taxes/taxes.tables.js';
import type { Db } from '../../../platform/db/database.js';

/** SQL of the SAF-T export (read only). Amounts come back as PostgreSQL's exact text. */

export function companyProfile(db: Db) {
  return db
    .selectFrom('finance.company_profile')
    .select(['legal_name', 'vat_id', 'registration', 'street', 'city', 'postal_zone', 'country_code', 'email', 'phone'])
    .executeTakeFirst();
}

/** Postable accounts with their base balance (debit − credit) before `from` and through `to`. */
export async function accountBalances(db: Db, from: string, to: string) {
  const rows = await sql<{ code: string; name: string; type: string; opening: string; closing: string }>`
    select a.code, a.name, a.type,
           coalesce(sum(l.base_debit - l.base_credit) filter (where e.entry_date < ${from}), 0)::text as opening,
           coalesce(sum(l.base_debit - l.base_credit) filter (where e.entry_date <= ${to}), 0)::text as closing
      from finance.accounts a
      left join finance.journal_lines l on l.account_id = a.id
      left join finance.journal_entries e on e.id = l.entry_id and e.status = 'posted'
     where not a.is_group
     group by a.id, a.code, a.name, a.type
     order by a.code`.execute(db);
  return rows.rows;
}

export function accountCodes(db: Db, ids: string[]) {
  return db.selectFrom('finance.accounts').select(['id', 'code']).where('id', 'in', ids).execute();
}

export function parties(db: Db) {
  return db
    .selectFrom('finance.parties')
    .select(['id', 'kind', 'name', 'email', 'tax_id'])
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function taxCodes(db: Db) {
  return db
    .selectFrom('finance.tax_codes')
    .select(['code', 'name', 'kind', 'rate', 'treatment'])
    .where('is_group', '=', false)
    .orderBy('kind')
    .orderBy('code')
    .execute();
}

/** Posted entries dated in the range, with their fiscal period, in date and number order. */
export async function entries(db: Db, from: string, to: string) {
  const rows = await sql<{
    id: string;
    number: string | null;
    entry_date: string;
    reference: string;
    memo: string;
    source_type: string;
    currency: string;
    exchange_rate: string;
    created_at: string;
    posted_at: string | null;
    period: number | null;
    year: number | null;
  }>`
    select e.id, e.number, e.entry_date::text as entry_date, e.reference, e.memo, e.source_type, e.currency,
           e.exchange_rate::text as exchange_rate, (e.created_at at time zone 'UTC')::date::text as created_at,
           (e.posted_at at time zone 'UTC')::date::text as posted_at, p.period, p.year
      from finance.journal_entries e
      left join finance.fiscal_periods p on e.entry_date between p.start_date and p.end_date
     where e.status = 'posted' and e.entry_date between ${from} and ${to}
     order by e.source_type, e.entry_date, e.number, e.id`.execute(db);
  return rows.rows;
}

export async function linesOf(db: Db, from: string, to: string) {
  const rows = await sql<{
    entry_id: string;
    line_no: number;
    code: string;
    description: string;
    debit: string;
    credit: string;
    base_debit: string;
    base_credit: string;
  }>`
    select l.entry_id, l.line_no, a.code, l.description, l.debit::text as debit, l.credit::text as credit,
           l.base_debit::text as base_debit, l.base_credit::text as base_credit
      from finance.journal_lines l
      join finance.journal_entries e on e.id = l.entry_id
      join finance.accounts a on a.id = l.account_id
     where e.status = 'posted' and e.entry_date between ${from} and ${to}
     order by l.entry_id, l.line_no`.execute(db);
  return rows.rows;
}

/** Issued invoices and credit notes dated in the range (not drafts; voided ones are left out). */
export async function salesDocuments(db: Db, from: string, to: string) {
  const docs = await sql<{
    id: string;
    kind: 'invoice' | 'credit-note';
    number: string;
    party_id: string;
    document_date: string;
    currency: string;
    exchange_rate: string;
    subtotal: string;
    tax_total: string;
    total: string;
    entry_number: string | null;
    period: number | null;
    year: number | null;
  }>`
    select d.id, d.kind, d.number, d.party_id, d.document_date::text as document_date, d.currency,
           d.exchange_rate::text as exchange_rate, d.subtotal::text as subtotal, d.tax_total::text as tax_total,
           d.total::text as total, e.number as entry_number, p.period, p.year
      from finance.documents d
      left join finance.journal_entries e on e.id = d.journal_entry_id
      left join finance.fiscal_periods p on d.document_date between p.start_date and p.end_date
     where d.kind in ('invoice', 'credit-note') and d.number is not null and not d.opening_balance
       and d.status in ('issued', 'partially-paid', 'paid')
       and d.document_date between ${from} and ${to}
     order by d.document_date, d.number`.execute(db);
  const ids = docs.rows.map((d) => d.id);
  const lines =
    ids.length === 0
      ? []
      : (
          await sql<{
            document_id: string;
            line_no: number;
            code: string;
            description: string;
            quantity: string;
            unit_price: string;
            net: string;
          }>`
            select l.document_id, l.line_no, a.code, l.description, l.quantity::text as quantity,
                   l.unit_price::text as unit_price, l.net::text as net
              from finance.document_lines l
              join finance.accounts a on a.id = l.account_id
             where l.document_id in (${sql.join(ids)})
             order by l.document_id, l.line_no`.execute(db)
        ).rows;
  return { docs: docs.rows, lines };
}
