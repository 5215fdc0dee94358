import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/**
 * The `finance.journal-lines` dataset's rows: every posted line (posted_date is set when its entry
 * is posted), in the base currency, columns named as finance.datasets.ts declares. The account is a
 * left join on its key, so PostgreSQL drops it when a question does not use it; the currency is the
 * settings' base currency, read once per query.
 */
export function journalLineDatasetSource(db: Db) {
  return db
    .selectFrom('finance.journal_lines as l')
    .leftJoin('finance.accounts as a', 'a.id', 'l.account_id')
    .where('l.posted_date', 'is not', null)
    .select([
      'l.posted_date as date',
      'a.code as accountCode',
      'a.name as accountName',
      'a.type as accountType',
      'l.department as department',
      sql<string>`l.base_debit - l.base_credit`.as('amount'),
      'l.base_debit as debit',
      'l.base_credit as credit',
      sql<string>`(select s.base_currency from finance.settings s limit 1)`.as('currency'),
    ]);
}

/**
 * The `finance.documents` dataset's rows: every invoice, bill, credit note and vendor credit (as the
 * documents lists show them to `finance:read`), in the document's currency, with what is still open
 * (total − allocated, for issued and partially paid documents; 0 otherwise) and its aging bucket
 * against today's date in UTC (by days past the due date). The party is a left join on its key.
 */
export function documentDatasetSource(db: Db) {
  const open = sql<string>`case when d.status in ('issued', 'partially-paid') then d.total - d.allocated else 0 end`;
  const overdue = sql<number>`((now() at time zone 'UTC')::date - d.due_date)`;
  return db
    .selectFrom('finance.documents as d')
    .leftJoin('finance.parties as p', 'p.id', 'd.party_id')
    .select([
      'd.kind as kind',
      'd.number as number',
      'd.status as status',
      'p.name as party',
      'd.document_date as documentDate',
      'd.due_date as dueDate',
      'd.currency as currency',
      'd.total as total',
      open.as('amountOpen'),
      sql<number | null>`case when ${open} <> 0 then greatest(${overdue}, 0) end`.as('daysOverdue'),
      sql<string | null>`case when ${open} = 0 then null
        when ${overdue} <= 0 then 'current'
        when ${overdue} <= 30 then '1-30'
        when ${overdue} <= 60 then '31-60'
        when ${overdue} <= 90 then '61-90'
        else '90+' end`.as('agingBucket'),
    ]);
}
