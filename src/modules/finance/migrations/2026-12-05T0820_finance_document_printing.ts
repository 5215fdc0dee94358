import { sql, type Kysely } from 'kysely';

/**
 * Documents customers receive (issue #22):
 *
 * - `finance.company_profile` (one row, id 1): the company's one profile in Finance — who it is
 *   (legal name, VAT id, registration, structured postal address with its ISO 3166 country, email,
 *   phone), how it is paid (bank, IBAN, BIC), its Peppol endpoint (EAS scheme + id), the texts an
 *   administrator edits and the logo. The PDFs' letterhead and payment block and the UBL e-invoices
 *   (export and the buyer check on import) all read this row.
 * - `finance.document_sends`: the log of documents and statements sent by email.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table finance.company_profile (
      id smallint primary key default 1 check (id = 1),
      legal_name text not null default '' check (length(legal_name) <= 200),
      vat_id text not null default '' check (length(vat_id) <= 50),
      registration text not null default '' check (length(registration) <= 200),
      street text not null default '' check (length(street) <= 200),
      city text not null default '' check (length(city) <= 100),
      postal_zone text not null default '' check (length(postal_zone) <= 20),
      country_code text not null default '' check (country_code = '' or country_code ~ '^[A-Z]{2}$'),
      email text not null default '',
      phone text not null default '',
      bank_name text not null default '',
      iban text not null default '' check (length(iban) <= 34),
      bic text not null default '' check (length(bic) <= 11),
      endpoint_scheme text not null default '' check (endpoint_scheme = '' or endpoint_scheme ~ '^[0-9]{4}$'),
      endpoint_id text not null default '' check (length(endpoint_id) <= 100),
      check ((endpoint_scheme = '') = (endpoint_id = '')),
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
  await sql`insert into finance.company_profile (id) values (1)`.execute(db);
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
  await sql`drop table finance.company_profile`.execute(db);
}
