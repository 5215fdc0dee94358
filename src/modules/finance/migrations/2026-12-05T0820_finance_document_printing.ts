import { sql, type Kysely } from 'kysely';

/**
 * Documents customers receive (issue #22): the company's legal and payment details and the texts an
 * administrator edits (`finance.print_settings`, one row), and the log of documents and statements
 * sent by email (`finance.document_sends`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table finance.print_settings (
      id smallint primary key default 1 check (id = 1),
      company_name text not null default '',
      address text not null default '',
      tax_id text not null default '',
      registration text not null default '',
      email text not null default '',
      phone text not null default '',
      bank_name text not null default '',
      iban text not null default '',
      bic text not null default '',
      header_text text not null default '',
      footer_text text not null default '',
      payment_text text not null default '',
      email_subject text not null default '',
      email_body text not null default '',
      statement_email_subject text not null default '',
      statement_email_body text not null default '',
      logo_attachment_id uuid,
      logo_key text,
      logo_content_type text,
      version integer not null default 1,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table finance.document_sends (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('invoice', 'credit-note', 'bill', 'vendor-credit', 'statement')),
      document_id uuid references finance.documents(id) on delete cascade,
      party_id uuid not null references finance.parties(id) on delete cascade,
      period_from date,
      period_to date,
      recipients jsonb not null,
      subject text not null,
      file_name text not null,
      status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
      job_id uuid,
      mail_job_id uuid,
      file_key text,
      error text,
      sent_by uuid,
      sent_by_email text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((kind = 'statement') = (document_id is null))
    )`.execute(db);
  await sql`create index document_sends_document_idx on finance.document_sends (document_id, created_at)`.execute(db);
  await sql`create index document_sends_party_idx on finance.document_sends (party_id, created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table finance.document_sends`.execute(db);
  await sql`drop table finance.print_settings`.execute(db);
}
