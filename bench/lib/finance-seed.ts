import { sql } from 'kysely';
import { baseCurrency } from '../../src/modules/finance/index.js';
import type { Db } from '../../src/platform/db/database.js';

/** Twelve more leaf accounts, so the postings spread over 40 accounts (28 of the default chart + these). */
const EXTRA_ACCOUNTS: [code: string, name: string, type: string, parent: string][] = [
  ['1210', 'Savings account', 'asset', '1000'],
  ['1220', 'Payment provider', 'asset', '1000'],
  ['2110', 'Credit cards', 'liability', '2000'],
  ['4110', 'Sales – online', 'income', '4000'],
  ['4120', 'Sales – retail', 'income', '4000'],
  ['5200', 'Freight in', 'expense', '5000'],
  ['6110', 'Bonuses', 'expense', '6000'],
  ['6120', 'Social charges', 'expense', '6000'],
  ['6210', 'Warehouse rent', 'expense', '6000'],
  ['6410', 'Software subscriptions', 'expense', '6000'],
  ['6510', 'Meals', 'expense', '6000'],
  ['6610', 'Legal fees', 'expense', '6000'],
];

/**
 * Typical transactions (debit account, credit account, tagged with a department), repeated by how
 * often they happen: sales and receipts most, then purchases, payroll and overheads.
 */
const TEMPLATES: [debit: string, credit: string, department: boolean, weight: number][] = [
  ['1300', '4100', true, 5],
  ['1300', '4110', true, 3],
  ['1220', '4120', true, 3],
  ['1200', '1300', false, 6],
  ['1200', '1220', false, 2],
  ['5100', '1400', true, 4],
  ['5200', '2100', false, 1],
  ['1400', '2100', false, 3],
  ['1350', '2100', false, 1],
  ['2100', '1200', false, 4],
  ['6100', '2300', true, 3],
  ['6110', '2300', true, 1],
  ['6120', '2300', true, 1],
  ['2300', '1200', false, 3],
  ['6200', '1200', false, 1],
  ['6210', '1200', false, 1],
  ['6300', '1200', false, 1],
  ['6400', '2110', true, 1],
  ['6410', '2110', false, 1],
  ['2110', '1200', false, 1],
  ['6500', '1100', true, 1],
  ['6510', '1100', true, 1],
  ['6600', '2400', false, 1],
  ['6610', '2400', false, 1],
  ['2400', '1200', false, 1],
  ['6700', '1650', false, 1],
  ['6800', '1200', false, 1],
  ['6900', '1200', false, 1],
  ['1200', '4200', true, 2],
  ['1200', '4900', false, 1],
  ['2200', '1200', false, 1],
  ['1500', '1200', false, 1],
  ['1600', '1200', false, 1],
  ['1210', '1200', false, 1],
  ['1200', '2500', false, 1],
  ['1200', '3100', false, 1],
];

export interface SeedResult {
  entries: number;
  lines: number;
  accounts: number;
  seconds: { entries: number; lines: number; post: number; analyze: number };
}

const entryId = (g: string) => sql.raw(`('00000000-0000-4000-8000-' || lpad(to_hex(${g}), 12, '0'))::uuid`);
const entryDate = (g: string) => sql.raw(`(date '2025-01-01' + ((${g}::bigint * 7919) % 730)::int)`);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

/**
 * `lines` posted journal lines over 2025–2026 (four per entry: two balanced debit/credit pairs),
 * written with set-based INSERT … SELECT generate_series: entries go in as drafts, then their lines
 * (posted_date already set; the line guard would only refuse lines of *posted* entries), then one
 * UPDATE posts every entry, and the deferred balance trigger checks every entry before commit.
 */
export async function seedLedger(db: Db, lines: number): Promise<SeedResult> {
  await baseCurrency(db); // creates the ledger (settings + default chart) on first use: ensureLedger
  await sql`insert into finance.accounts (code, name, type, parent_id)
            select x.code, x.name, x.type, p.id
              from (values ${sql.join(EXTRA_ACCOUNTS.map(([c, n, t, p]) => sql`(${c}, ${n}, ${t}, ${p})`))})
                   as x(code, name, type, parent)
              join finance.accounts p on p.code = x.parent`.execute(db);
  for (const year of [2025, 2026]) {
    await sql`insert into finance.fiscal_years (year, start_date, end_date)
              values (${year}, make_date(${year}, 1, 1), make_date(${year}, 12, 31))`.execute(db);
    await sql`insert into finance.fiscal_periods (year, period, start_date, end_date)
              select ${year}, m, make_date(${year}, m, 1), (make_date(${year}, m, 1) + interval '1 month - 1 day')::date
                from generate_series(1, 12) m`.execute(db);
  }
  const templates = TEMPLATES.flatMap(([d, c, dept, weight]) =>
    Array<[string, string, boolean]>(weight).fill([d, c, dept]),
  );
  const entries = Math.floor(lines / 4);
  const seconds = { entries: 0, lines: 0, post: 0, analyze: 0 };
  await db.transaction().execute(async (trx) => {
    seconds.entries = await timed(() =>
      sql`insert into finance.journal_entries (id, entry_date, reference, memo, source_type, status, currency, exchange_rate)
          select ${entryId('g')}, ${entryDate('g')}, 'B' || g, 'bench entry ' || g, 'bench', 'draft', 'USD', 1
            from generate_series(1, ${entries}::int) g`.execute(trx),
    );
    // Row triggers cost half of this INSERT (line guard + two foreign-key checks, 3 lookups a row), and
    // here they have nothing to refuse: every entry is a draft, every id comes from a join. So this one
    // statement runs as a replica (no row triggers), scoped to the transaction; references are checked
    // in one pass below, and the posting UPDATE runs with every trigger on again.
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`set local jit = off`.execute(trx);
    seconds.lines = await timed(() =>
      sql`with t as (
            select x.n, d.id as debit_id, c.id as credit_id, x.dept
              from (values ${sql.join(templates.map(([d, c, dept], n) => sql`(${n}::int, ${d}, ${c}, ${dept}::boolean)`))})
                   as x(n, debit, credit, dept)
              join finance.accounts d on d.code = x.debit
              join finance.accounts c on c.code = x.credit),
          l as (
            select g, k, side, (1 + ((g::bigint * 104729 + k * 7919) % 500000) / 100.0)::numeric(19, 2) as amount,
                   ((g::bigint * 31 + k * 17) % ${templates.length}::int)::int as n
              from generate_series(1, ${entries}::int) g, (values (0), (1)) p(k), (values (1), (2)) s(side))
          insert into finance.journal_lines
                 (entry_id, line_no, account_id, description, debit, credit, base_debit, base_credit, department, posted_date)
          select ${entryId('l.g')}, l.k * 2 + l.side,
                 case when l.side = 1 then t.debit_id else t.credit_id end, '',
                 case when l.side = 1 then l.amount else 0 end, case when l.side = 2 then l.amount else 0 end,
                 case when l.side = 1 then l.amount else 0 end, case when l.side = 2 then l.amount else 0 end,
                 case when t.dept then (array['north', 'south', 'west'])[1 + (l.g % 3)::int] end,
                 ${entryDate('l.g')}
            from l join t on t.n = l.n`.execute(trx),
    );
    await sql`set local session_replication_role = origin`.execute(trx);
    const orphans = await sql<{ n: string }>`
      select count(*) as n from finance.journal_lines l
       where not exists (select 1 from finance.journal_entries e where e.id = l.entry_id)
          or not exists (select 1 from finance.accounts a where a.id = l.account_id)`.execute(trx);
    if (orphans.rows[0]!.n !== '0') throw new Error(`seed: ${orphans.rows[0]!.n} lines with a dangling reference`);
    seconds.post = await timed(async () => {
      await sql`update finance.journal_entries
                   set status = 'posted', number = 'JE-' || reference, posted_at = now()
                 where source_type = 'bench'`.execute(trx);
      await sql`set constraints all immediate`.execute(trx); // run the deferred balance checks now, timed
    });
  });
  seconds.analyze = await timed(async () => {
    // VACUUM sets the visibility map, so the covering indexes serve index-only scans (the steady state).
    await sql`vacuum (analyze) finance.journal_lines`.execute(db);
    await sql`vacuum (analyze) finance.journal_entries`.execute(db);
    await sql`analyze finance.accounts`.execute(db);
  });
  const count = await sql<{ n: string }>`select count(*) as n from finance.journal_lines`.execute(db);
  const accounts = await sql<{ n: string }>`select count(distinct account_id) as n from finance.journal_lines`.execute(
    db,
  );
  return { entries, lines: Number(count.rows[0]!.n), accounts: Number(accounts.rows[0]!.n), seconds };
}
