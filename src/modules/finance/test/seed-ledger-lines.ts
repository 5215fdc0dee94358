import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';

/**
 * Tests and benchmarks only: posts `entries` journal entries of `linesPerEntry` debit lines on
 * `debitAccountId` and one balancing credit line on `creditAccountId`, spread over `year`, in one
 * transaction of set-based SQL (so a million lines take seconds, not hours). Descriptions carry
 * commas, quotes and a formula-like cell, so CSV escaping is exercised. Entry numbers are
 * `<prefix>-<n>`. The chart (and the finance settings) must exist already.
 */
export async function seedLedgerLines(
  db: Db,
  options: {
    debitAccountId: string;
    creditAccountId: string;
    entries: number;
    linesPerEntry: number;
    year?: number;
    prefix?: string;
  },
): Promise<{ lines: number }> {
  const prefix = options.prefix ?? 'SEED';
  const year = options.year ?? 2026;
  await inTransaction(db, async (trx) => {
    const { base_currency: currency } = await trx
      .selectFrom('finance.settings')
      .select('base_currency')
      .executeTakeFirstOrThrow();
    await sql`
      insert into finance.journal_entries (id, number, entry_date, reference, memo, currency, status)
      select gen_random_uuid(), ${prefix} || '-' || lpad(g::text, 8, '0'),
             make_date(${year}::int, 1, 1) + ((g * 7) % 365), 'REF ' || g, 'Seeded, "entry" ' || g, ${currency}, 'draft'
        from generate_series(1, ${options.entries}::int) g`.execute(trx);
    await sql`
      insert into finance.journal_lines
        (entry_id, line_no, account_id, description, debit, credit, base_debit, base_credit, posted_date)
      select e.id, k, ${options.debitAccountId}::uuid,
             case when k % 5 = 0 then '=SUM(A1)' else 'Line ' || k || ', of ' || e.number end,
             (k % 97 + 1) * 1.25, 0, (k % 97 + 1) * 1.25, 0, e.entry_date
        from finance.journal_entries e cross join generate_series(1, ${options.linesPerEntry}::int) k
       where e.number like ${prefix + '-%'} and e.status = 'draft'
       order by e.entry_date, e.number, k`.execute(trx);
    await sql`
      insert into finance.journal_lines
        (entry_id, line_no, account_id, description, debit, credit, base_debit, base_credit, posted_date)
      select e.id, ${options.linesPerEntry + 1}::int, ${options.creditAccountId}::uuid, 'Balance', 0, s.total, 0, s.total, e.entry_date
        from finance.journal_entries e
        join (select entry_id, sum(base_debit) as total from finance.journal_lines group by entry_id) s on s.entry_id = e.id
       where e.number like ${prefix + '-%'} and e.status = 'draft'`.execute(trx);
    await sql`update finance.journal_entries set status = 'posted', posted_at = now()
               where number like ${prefix + '-%'} and status = 'draft'`.execute(trx);
  });
  return { lines: options.entries * options.linesPerEntry };
}
