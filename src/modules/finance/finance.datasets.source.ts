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
