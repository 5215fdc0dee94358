import { sql, type Kysely } from 'kysely';

/**
 * Revaluation of open foreign-currency items (issue #23): a run per period (unique on the period's
 * first day), with the entry it posted and that entry's reversal, and one line per document or bank
 * account revalued. The unrealised gain / loss accounts are not created here: they are role accounts
 * (`fx-unrealised-gain` 4950, `fx-unrealised-loss` 6950) created on the first run, as the chart itself
 * is created on first use.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table finance.fx_revaluations (
      id uuid primary key default gen_random_uuid(),
      revaluation_date date not null,
      period_start date not null unique,
      reversal_date date not null check (reversal_date > revaluation_date),
      base_currency text not null,
      rates jsonb not null,
      journal_entry_id uuid references finance.journal_entries(id),
      reversal_entry_id uuid references finance.journal_entries(id),
      gain numeric(19, 4) not null default 0 check (gain >= 0),
      loss numeric(19, 4) not null default 0 check (loss >= 0),
      created_by uuid,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table finance.fx_revaluation_lines (
      revaluation_id uuid not null references finance.fx_revaluations(id) on delete cascade,
      line_no integer not null check (line_no >= 1),
      kind text not null check (kind in ('invoice', 'bill', 'credit-note', 'vendor-credit', 'bank-account')),
      document_id uuid references finance.documents(id),
      bank_account_id uuid references finance.bank_accounts(id),
      check ((document_id is null) <> (bank_account_id is null)),
      label text not null,
      account_id uuid not null references finance.accounts(id),
      currency text not null,
      open_amount numeric(19, 4) not null,
      rate numeric(20, 10) not null check (rate > 0),
      old_base numeric(19, 4) not null,
      new_base numeric(19, 4) not null,
      difference numeric(19, 4) not null,
      primary key (revaluation_id, line_no)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table finance.fx_revaluation_lines`.execute(db);
  await sql`drop table finance.fx_revaluations`.execute(db);
}
