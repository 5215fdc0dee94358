import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

export interface StatementEntryRow {
  entry_id: string;
  posted_date: string;
  item: 'invoice' | 'credit-note' | 'payment' | 'refund' | 'exchange-difference';
  event: 'issue' | 'void' | 'fx';
  item_id: string;
  number: string | null;
  reference: string | null;
  due_date: string | null;
  debit: string;
  credit: string;
}

/**
 * Every posting on the receivable control account that belongs to the party, up to `to`: its
 * invoices and credit notes (and their voids), its received payments and the refunds made to it
 * (and their voids), and the exchange differences of their allocations — one row per entry, in
 * the base currency, in date order. The ledger keeps no party on a journal line; the documents and
 * payments name the entries they posted, which is what ties a statement to the ledger.
 */
export async function statementEntries(db: Db, partyId: string, control: string, to: string) {
  const { rows } = await sql<StatementEntryRow>`
    with src as (
      select d.journal_entry_id as entry_id, d.kind as item, 'issue' as event, d.id as item_id, d.number,
             d.reference, d.due_date::text as due_date
        from finance.documents d
       where d.party_id = ${partyId} and d.kind in ('invoice', 'credit-note') and d.journal_entry_id is not null
      union all
      select d.void_entry_id, d.kind, 'void', d.id, d.number, d.reference, null
        from finance.documents d
       where d.party_id = ${partyId} and d.kind in ('invoice', 'credit-note') and d.void_entry_id is not null
      union all
      select y.journal_entry_id, case when y.kind = 'refund' then 'refund' else 'payment' end, 'issue', y.id,
             y.number, y.reference, null
        from finance.payments y
       where y.party_id = ${partyId}
      union all
      select y.void_entry_id, case when y.kind = 'refund' then 'refund' else 'payment' end, 'void', y.id,
             y.number, y.reference, null
        from finance.payments y
       where y.party_id = ${partyId} and y.void_entry_id is not null
      union all
      select a.fx_entry_id, 'exchange-difference', 'fx', a.id, coalesce(d.number, c.number, y.number, t.number), null, null
        from finance.allocations a
        left join finance.documents d on d.id = a.document_id
        left join finance.documents c on c.id = a.credit_document_id
        left join finance.payments y on y.id = a.payment_id
        left join finance.payments t on t.id = a.target_payment_id
       where a.fx_entry_id is not null
         and ${partyId} in (d.party_id, c.party_id, y.party_id, t.party_id)
    )
    select s.entry_id, min(l.posted_date)::text as posted_date, s.item, s.event, s.item_id, s.number, s.reference,
           s.due_date, coalesce(sum(l.base_debit), 0)::text as debit, coalesce(sum(l.base_credit), 0)::text as credit
      from src s
      join finance.journal_lines l on l.entry_id = s.entry_id and l.account_id = ${control}
     where l.posted_date is not null and l.posted_date <= ${to}
     group by s.entry_id, s.item, s.event, s.item_id, s.number, s.reference, s.due_date
     order by min(l.posted_date), min(l.id)`.execute(db);
  return rows;
}
