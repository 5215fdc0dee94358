/**
 * Bank reconciliation: proposing matches for a statement of 5,000 lines against 50,000 open items
 * (invoices and bills) plus 1,000 unmatched payments, 5 rules and 2,000 parties — through the real app
 * (`GET /bank-statements/{id}/proposals`: Hono route → service → PostgreSQL → matching engine → JSON),
 * against the floor: the bare SQL lookups the proposals need (the statement's unmatched lines, the open
 * payments, the open items, the rules, the parties), timed in the same run, alternating.
 * Run: npm run bench:bank
 * Env: BENCH_LINES (5000), BENCH_ITEMS (50000), BENCH_RUNS (5); BENCH_PG_URL.
 * Aim: under 5 s for the whole statement.
 */
import './lib/quiet.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { migrate } from '../src/app/migrations.js';
import { createRuntime } from '../src/app/runtime.js';
import { createStandardApp } from '../src/app/standard-app.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createDatabase, type DatabaseHandle } from '../src/platform/db/create-database.js';
import { baseCurrency } from '../src/modules/finance/index.js';
import { createBenchDatabase } from './lib/bench-db.js';
import { median, ms, printTable, ratio } from './lib/stats.js';

const LINES = Number(process.env.BENCH_LINES ?? 5000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 50_000);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 5));
const PARTIES = 2000;
const PAYMENTS = 1000;
const LIMIT_MS = 5000;

setTimeout(() => {
  console.error('bank bench: gave up after 15 minutes');
  process.exit(2);
}, 900_000).unref();

async function seed(db: DatabaseHandle['db']) {
  await baseCurrency(db); // creates the ledger and its chart on first use
  const start = performance.now();
  await sql`insert into finance.parties (kind, name)
            select case when i % 2 = 0 then 'customer' else 'vendor' end, 'Party ' || lpad(i::text, 5, '0') || ' Ltd'
            from generate_series(1, ${PARTIES}) i`.execute(db);
  // Open invoices (even) and bills (odd), amounts 10.00–9,999.99, some partly paid.
  await sql`
    with p as (select id, row_number() over (order by name) as n from finance.parties)
    insert into finance.documents (kind, number, status, party_id, document_date, due_date, currency, reference,
                                   subtotal, tax_total, total, allocated)
    select case when i % 2 = 0 then 'invoice' else 'bill' end,
           case when i % 2 = 0 then 'INV-' else 'BILL-' end || '2026-' || lpad(i::text, 6, '0'),
           'issued', p.id, date '2026-01-01' + (i % 150), date '2026-02-01' + (i % 150), 'USD',
           case when i % 2 = 1 then 'V' || (100000 + i)::text else '' end,
           t.total, 0, t.total, 0
    from generate_series(1, ${ITEMS}) i
    cross join lateral (select (10 + (i * 7919) % 999000 / 100.0)::numeric(19, 4) as total) t
    join p on p.n = 1 + (i % ${PARTIES})`.execute(db);
  const entry = await sql<{ id: string }>`
    insert into finance.journal_entries (entry_date, currency, exchange_rate) values ('2026-06-01', 'USD', 1)
    returning id`.execute(db);
  const bankAccount = await sql<{ id: string }>`select id from finance.accounts where code = '1200'`.execute(db);
  const bankId = (
    await sql<{ id: string }>`
      insert into finance.bank_accounts (name, iban, currency, account_id)
      values ('Bench bank', 'DE89370400440532013000', 'USD', ${bankAccount.rows[0]!.id}) returning id`.execute(db)
  ).rows[0]!.id;
  await sql`
    with p as (select id, row_number() over (order by name) as n from finance.parties)
    insert into finance.payments (direction, number, party_id, payment_date, currency, amount, account_id,
                                  reference, journal_entry_id, bank_account_id)
    select case when i % 2 = 0 then 'received' else 'made' end, 'PAY-B-' || lpad(i::text, 6, '0'), p.id,
           date '2026-06-01' + (i % 28), 'USD', (20000 + i)::numeric / 100, ${bankAccount.rows[0]!.id},
           'ORD-' || i, ${entry.rows[0]!.id}, ${bankId}
    from generate_series(1, ${PAYMENTS}) i join p on p.n = 1 + (i % ${PARTIES})`.execute(db);
  const fees = await sql<{ id: string }>`select id from finance.accounts where code = '6800'`.execute(db);
  const income = await sql<{ id: string }>`select id from finance.accounts where code = '4900'`.execute(db);
  const someVendor = await sql<{ id: string }>`select id from finance.parties where kind = 'vendor' limit 1`.execute(
    db,
  );
  await sql`
    insert into finance.bank_matching_rules (name, priority, field, pattern, direction, account_id, party_id) values
      ('Fees', 10, 'description', '^(fee|charges?)\\b', 'out', ${fees.rows[0]!.id}, null),
      ('Interest', 20, 'description', 'interest', 'in', ${income.rows[0]!.id}, null),
      ('Card', 30, 'description', 'card [0-9]{4}', 'out', ${fees.rows[0]!.id}, null),
      ('Vendor', 40, 'counterparty', 'acme supplies', 'out', null, ${someVendor.rows[0]!.id}),
      ('Never', 50, 'reference', '^zzz', 'any', ${fees.rows[0]!.id}, null)`.execute(db);
  const statementId = (
    await sql<{ id: string }>`
      insert into finance.bank_statements (bank_account_id, format, start_date, end_date, opening_balance,
                                           closing_balance, line_count)
      values (${bankId}, 'camt053', '2026-06-01', '2026-06-30', 0, 0, ${LINES}) returning id`.execute(db)
  ).rows[0]!.id;
  // A realistic mix: 40 % name a document number at its amount, 20 % a party's name and one of its
  // amounts, 10 % fees, 10 % an existing payment, 20 % nothing that matches.
  await sql`
    with d as (select number, total, kind, party_id, row_number() over (order by number) as n from finance.documents),
         p as (select id, name from finance.parties),
         pay as (select number, amount, direction, row_number() over (order by number) as n from finance.payments)
    insert into finance.bank_statement_lines (statement_id, bank_account_id, line_no, booking_date, amount,
                                              description, reference, counterparty, fingerprint)
    select ${statementId}, ${bankId}, i, date '2026-06-01' + (i % 28),
           case
             when i % 10 < 4 then (select case when kind = 'invoice' then total else -total end from d where d.n = i * 7)
             when i % 10 < 6 then (select case when kind = 'invoice' then total else -total end from d where d.n = i * 7 + 1)
             when i % 10 = 6 then -(1 + (i % 9))::numeric
             when i % 10 = 7 then (select case when direction = 'received' then amount else -amount end from pay where pay.n = 1 + i % ${PAYMENTS})
             else (i % 500 + 0.37)::numeric
           end,
           case when i % 10 = 6 then 'Fee for account ' || i else 'Transfer ' || i end,
           case when i % 10 < 4 then (select number from d where d.n = i * 7) else '' end,
           case when i % 10 between 4 and 5
                then (select p.name from d join p on p.id = d.party_id where d.n = i * 7 + 1) else 'Someone ' || i end,
           md5(i::text)
    from generate_series(1, ${LINES}) i`.execute(db);
  await sql`analyze`.execute(db);
  return { statementId, seconds: (performance.now() - start) / 1000 };
}

async function measure(handle: DatabaseHandle, statementId: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'moms-bench-'));
  const config = loadConfig({ JWT_SECRET: 'bench-signing-key-that-is-long-enough-0123456789', MOMS_DATA_DIR: dataDir });
  const runtime = createRuntime(config, handle);
  const app = createStandardApp(runtime);
  const { token } = await (
    await runtime.getAccessTokens()
  ).sign({
    userId: '00000000-0000-4000-8000-00000000b0b0',
    email: 'bench@moms.local',
    roles: [],
    permissions: ['finance:read'],
  });
  const propose = async () => {
    const start = performance.now();
    const res = await app.request(`/api/v1/finance/bank-statements/${statementId}/proposals`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { items: { kind: string }[] };
    if (res.status !== 200) throw new Error(`proposals: ${res.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - start, body };
  };
  const bank = await sql<{ account_id: string; id: string }>`
    select b.id, b.account_id from finance.bank_accounts b join finance.bank_statements s on s.bank_account_id = b.id
    where s.id = ${statementId}`.execute(handle.db);
  const { id: bankId, account_id: accountId } = bank.rows[0]!;
  // The floor: the same five lookups as bare SQL (rows fetched, nothing computed).
  const floor = async () => {
    const start = performance.now();
    await sql`select * from finance.bank_statement_lines where statement_id = ${statementId} and status = 'unmatched'
              order by line_no`.execute(handle.db);
    await sql`select p.id, p.number, p.direction, p.amount, p.payment_date, p.reference, p.party_id, party.name
              from finance.payments p join finance.parties party on party.id = p.party_id
              where p.account_id = ${accountId} and p.currency = 'USD' and p.status = 'posted'
                and not exists (select 1 from finance.bank_statement_lines l where l.payment_id = p.id)`.execute(
      handle.db,
    );
    await sql`select d.id, d.kind, d.number, d.reference, d.party_id, d.document_date, d.total - d.allocated, party.name
              from finance.documents d join finance.parties party on party.id = d.party_id
              where d.kind in ('invoice', 'bill') and d.status in ('issued', 'partially-paid') and d.currency = 'USD'
                and d.allocated < d.total`.execute(handle.db);
    await sql`select r.*, a.code from finance.bank_matching_rules r left join finance.accounts a on a.id = r.account_id
              where r.active and (r.bank_account_id is null or r.bank_account_id = ${bankId})
              order by r.priority, r.name`.execute(handle.db);
    await sql`select id, name from finance.parties where active`.execute(handle.db);
    return performance.now() - start;
  };
  const warm = await propose();
  await floor();
  const floors: number[] = [];
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    floors.push(await floor());
    runs.push((await propose()).ms);
  }
  const kinds = new Map<string, number>();
  for (const p of warm.body.items) kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
  const f = median(floors);
  const r = median(runs);
  console.log(
    `\n${LINES.toLocaleString('en-US')} statement lines against ${ITEMS.toLocaleString('en-US')} open items and ` +
      `${PAYMENTS.toLocaleString('en-US')} payments — median of ${RUNS} runs (alternating floor/proposals)`,
  );
  printTable([
    ['', 'floor: bare SQL lookups', 'proposals (HTTP)', 'ratio', `< ${LIMIT_MS / 1000} s`],
    ['whole statement', ms(f), ms(r), ratio(r, f), r < LIMIT_MS ? 'yes' : 'NO'],
  ]);
  console.log(
    `proposals: ${warm.body.items.length.toLocaleString('en-US')} of ${LINES.toLocaleString('en-US')} lines (` +
      [...kinds].map(([k, n]) => `${k} ${n}`).join(', ') +
      ')',
  );
  rmSync(dataDir, { recursive: true, force: true });
}

async function main() {
  const database = await createBenchDatabase('moms_bench_bank');
  let handle: DatabaseHandle | undefined;
  try {
    handle = await createDatabase({
      kind: 'postgres',
      pool: {
        connectionString: database.url,
        max: 4,
        idleTimeoutMillis: 5_000,
        statementTimeoutMs: 600_000,
        connectRetryMs: 5_000,
      },
    });
    await migrate(handle.db);
    const { statementId, seconds } = await seed(handle.db);
    console.log(`seeded in ${seconds.toFixed(1)} s`);
    await measure(handle, statementId);
  } finally {
    await handle?.close();
    await database.drop();
  }
}

await main();
