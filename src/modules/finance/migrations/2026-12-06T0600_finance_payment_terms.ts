import { sql, type Kysely } from 'kysely';

/**
 * Payment terms, reminders (dunning) and recurring documents (issue #23):
 *
 * - `finance.payment_terms` and `finance.payment_term_instalments`: templates with instalments
 *   (percent of the total, days after the document date; percents sum to 100, checked by the
 *   service) and an optional early-payment discount.
 * - `finance.documents.payment_term_id` and `finance.document_instalments`: the term an invoice or
 *   bill names, and the schedule it carries once issued (amounts sum exactly to its total).
 * - `finance.dunning_levels` and `finance.reminders`: reminder levels and the reminders proposed
 *   for overdue invoices (one per invoice and level: the unique key makes the daily job idempotent).
 * - `finance.recurring_templates` and `finance.recurring_runs`: recurring invoices / bills and the
 *   periods issued (one per template and period: a schedule running twice issues once).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table finance.payment_terms (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 100),
      description text not null default '' check (length(description) <= 500),
      discount_percent numeric(7, 4) not null default 0 check (discount_percent >= 0 and discount_percent < 100),
      discount_days integer check (discount_days between 0 and 3650),
      check ((discount_percent = 0) = (discount_days is null)),
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index payment_terms_name_idx on finance.payment_terms (lower(name))`.execute(db);
  await sql`
    create table finance.payment_term_instalments (
      term_id uuid not null references finance.payment_terms(id) on delete cascade,
      seq integer not null check (seq between 1 and 24),
      percent numeric(7, 4) not null check (percent > 0 and percent <= 100),
      days integer not null check (days between 0 and 3650),
      primary key (term_id, seq)
    )`.execute(db);
  await sql`alter table finance.documents add column payment_term_id uuid references finance.payment_terms(id)`.execute(
    db,
  );
  await sql`
    create table finance.document_instalments (
      document_id uuid not null references finance.documents(id) on delete cascade,
      seq integer not null check (seq >= 1),
      due_date date not null,
      percent numeric(7, 4) not null,
      amount numeric(19, 4) not null check (amount >= 0),
      discount_until date,
      discount_amount numeric(19, 4) not null default 0,
      primary key (document_id, seq)
    )`.execute(db);
  await sql`
    create table finance.dunning_levels (
      id uuid primary key default gen_random_uuid(),
      level integer not null unique check (level between 1 and 9),
      name text not null check (length(name) between 1 and 100),
      delay_days integer not null check (delay_days between 0 and 3650),
      subject text not null check (length(subject) between 1 and 200),
      body text not null check (length(body) between 1 and 4000),
      fee numeric(19, 4) not null default 0 check (fee >= 0),
      fee_account_id uuid references finance.accounts(id),
      check (fee = 0 or fee_account_id is not null),
      auto_send boolean not null default false,
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table finance.reminders (
      id uuid primary key default gen_random_uuid(),
      document_id uuid not null references finance.documents(id) on delete cascade,
      level_id uuid not null references finance.dunning_levels(id),
      level integer not null,
      instalment_seq integer not null,
      due_date date not null,
      days_overdue integer not null,
      open_amount numeric(19, 4) not null,
      status text not null default 'proposed' check (status in ('proposed', 'sent', 'dismissed', 'superseded')),
      send_id uuid references finance.document_sends(id) on delete set null,
      fee_document_id uuid references finance.documents(id),
      proposed_on date not null,
      sent_at timestamptz,
      sent_by uuid,
      created_at timestamptz not null default now(),
      unique (document_id, level_id)
    )`.execute(db);
  await sql`create index reminders_status_idx on finance.reminders (status, proposed_on)`.execute(db);
  await sql`
    create table finance.recurring_templates (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('invoice', 'bill')),
      name text not null check (length(name) between 1 and 100),
      party_id uuid not null references finance.parties(id),
      document jsonb not null,
      frequency text not null check (frequency in ('monthly', 'quarterly', 'yearly')),
      day_of_month integer not null check (day_of_month between 1 and 31),
      start_date date not null,
      end_date date,
      check (end_date is null or end_date >= start_date),
      email_on_issue boolean not null default false,
      active boolean not null default true,
      last_error text,
      version integer not null default 1,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table finance.recurring_runs (
      template_id uuid not null references finance.recurring_templates(id) on delete cascade,
      period text not null,
      issue_date date not null,
      document_id uuid not null references finance.documents(id),
      send_id uuid references finance.document_sends(id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (template_id, period)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table finance.recurring_runs`.execute(db);
  await sql`drop table finance.recurring_templates`.execute(db);
  await sql`drop table finance.reminders`.execute(db);
  await sql`drop table finance.dunning_levels`.execute(db);
  await sql`drop table finance.document_instalments`.execute(db);
  await sql`alter table finance.documents drop column payment_term_id`.execute(db);
  await sql`drop table finance.payment_term_instalments`.execute(db);
  await sql`drop table finance.payment_terms`.execute(db);
}
