import { sql, type Kysely } from 'kysely';

const money = sql`numeric(19, 4)`;
const ts = sql`timestamptz(3)`;

/**
 * Banking (issue #23): bank accounts, imported statements and their lines, matching rules.
 *
 * - `bank_accounts`: one per ledger account (a cash/bank asset account), with the CSV column mapping
 *   saved for its statements. Payments may name one (`payments.bank_account_id`).
 * - `bank_statements` / `bank_statement_lines`: a line's `fingerprint` (bank account + booking date +
 *   amount + bank transaction id or reference, and its occurrence among identical keys in its file) is
 *   unique per bank account, so the same line is never imported twice. A reconciled line names what it
 *   was matched to: an existing payment, a payment it created (with allocations), or an entry it posted.
 * - `bank_matching_rules`: a regex on a line's description, counterparty or reference that proposes a
 *   party (match its open items) or an account (a new entry: fees, interest).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table finance.bank_accounts (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 100),
      iban text not null default '' check (iban = '' or iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
      account_number text not null default '' check (length(account_number) <= 34),
      bic text not null default '' check (length(bic) <= 11),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      account_id uuid not null unique references finance.accounts(id),
      opening_balance ${money} not null default 0,
      csv_mapping jsonb,
      active boolean not null default true,
      version integer not null default 1,
      created_at ${ts} not null default now(),
      updated_at ${ts} not null default now(),
      check (iban <> '' or account_number <> '')
    )`.execute(db);

  await sql`
    create table finance.bank_statements (
      id uuid primary key default gen_random_uuid(),
      bank_account_id uuid not null references finance.bank_accounts(id),
      format text not null check (format in ('csv', 'camt053', 'ofx')),
      statement_ref text not null default '',
      file_name text not null default '',
      start_date date not null,
      end_date date not null,
      opening_balance ${money} not null,
      closing_balance ${money} not null,
      line_count integer not null,
      status text not null default 'open' check (status in ('open', 'finished')),
      imported_by uuid,
      finished_at ${ts},
      version integer not null default 1,
      created_at ${ts} not null default now(),
      updated_at ${ts} not null default now(),
      check (start_date <= end_date)
    )`.execute(db);
  await sql`create index bank_statements_account on finance.bank_statements (bank_account_id, end_date)`.execute(db);

  await sql`
    create table finance.bank_statement_lines (
      id uuid primary key default gen_random_uuid(),
      statement_id uuid not null references finance.bank_statements(id),
      bank_account_id uuid not null references finance.bank_accounts(id),
      line_no integer not null,
      booking_date date not null,
      value_date date,
      amount ${money} not null check (amount <> 0),
      description text not null default '',
      reference text not null default '',
      counterparty text not null default '',
      counterparty_account text not null default '',
      bank_ref text not null default '',
      fingerprint text not null,
      status text not null default 'unmatched' check (status in ('unmatched', 'reconciled')),
      match_kind text check (match_kind in ('payment', 'documents', 'entry')),
      payment_id uuid references finance.payments(id),
      journal_entry_id uuid references finance.journal_entries(id),
      rule_id uuid,
      reconciled_by uuid,
      reconciled_at ${ts},
      version integer not null default 1,
      unique (statement_id, line_no),
      unique (bank_account_id, fingerprint),
      check ((status = 'reconciled') = (match_kind is not null)),
      check (match_kind is null or (match_kind = 'entry') = (journal_entry_id is not null)),
      check (match_kind is null or (match_kind in ('payment', 'documents')) = (payment_id is not null))
    )`.execute(db);
  await sql`create index bank_statement_lines_open on finance.bank_statement_lines (statement_id, status)`.execute(db);
  // A payment settles one statement line at most (two bookkeepers cannot both match it).
  await sql`create unique index bank_statement_lines_payment on finance.bank_statement_lines (payment_id)
            where payment_id is not null`.execute(db);

  await sql`
    create table finance.bank_matching_rules (
      id uuid primary key default gen_random_uuid(),
      bank_account_id uuid references finance.bank_accounts(id),
      name text not null check (length(name) between 1 and 100),
      priority integer not null default 100,
      field text not null check (field in ('description', 'counterparty', 'reference')),
      pattern text not null check (length(pattern) between 1 and 200),
      direction text not null default 'any' check (direction in ('any', 'in', 'out')),
      party_id uuid references finance.parties(id),
      account_id uuid references finance.accounts(id),
      active boolean not null default true,
      version integer not null default 1,
      created_at ${ts} not null default now(),
      updated_at ${ts} not null default now(),
      check ((party_id is null) <> (account_id is null))
    )`.execute(db);

  await sql`alter table finance.payments add column bank_account_id uuid references finance.bank_accounts(id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table finance.payments drop column bank_account_id`.execute(db);
  await sql`drop table finance.bank_matching_rules`.execute(db);
  await sql`drop table finance.bank_statement_lines`.execute(db);
  await sql`drop table finance.bank_statements`.execute(db);
  await sql`drop table finance.bank_accounts`.execute(db);
}
