import { sql, type Kysely } from 'kysely';

/**
 * E-invoicing, UBL 2.1 / Peppol BIS Billing 3.0 (issue #22):
 *
 * - `einvoice_profile`: the company as a seller and buyer on e-invoices (one row): legal name, VAT
 *   id, legal registration id, its Peppol endpoint (scheme + id), postal address with the ISO 3166
 *   country, and the bank account (IBAN, BIC) printed as the payment means.
 * - `party_einvoice`: a party's Peppol endpoint and postal address with its country (its VAT id is
 *   the party's `tax_id`). Looked up by endpoint when a supplier's invoice is imported.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const address = sql.raw(`street text not null default '' check (length(street) <= 200),
      city text not null default '' check (length(city) <= 100),
      postal_zone text not null default '' check (length(postal_zone) <= 20),
      country_code text not null default '' check (country_code = '' or country_code ~ '^[A-Z]{2}$'),
      endpoint_scheme text not null default '' check (endpoint_scheme = '' or endpoint_scheme ~ '^[0-9]{4}$'),
      endpoint_id text not null default '' check (length(endpoint_id) <= 100)`);
  await sql`
    create table finance.einvoice_profile (
      id boolean primary key default true check (id),
      legal_name text not null default '' check (length(legal_name) <= 200),
      vat_id text not null default '' check (length(vat_id) <= 50),
      company_id text not null default '' check (length(company_id) <= 50),
      ${address},
      iban text not null default '' check (length(iban) <= 34),
      bic text not null default '' check (length(bic) <= 11),
      version integer not null default 1,
      updated_at timestamptz(3) not null default now()
    )`.execute(db);
  await sql`insert into finance.einvoice_profile (id) values (true)`.execute(db);
  await sql`
    create table finance.party_einvoice (
      party_id uuid primary key references finance.parties(id) on delete cascade,
      ${address},
      updated_at timestamptz(3) not null default now()
    )`.execute(db);
  await sql`create index party_einvoice_endpoint on finance.party_einvoice (endpoint_scheme, endpoint_id)
            where endpoint_id <> ''`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table finance.party_einvoice`.execute(db);
  await sql`drop table finance.einvoice_profile`.execute(db);
}
