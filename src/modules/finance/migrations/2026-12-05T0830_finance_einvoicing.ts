import { sql, type Kysely } from 'kysely';

/**
 * E-invoicing, UBL 2.1 / Peppol BIS Billing 3.0 (issue #22):
 *
 * - The company as seller and buyer is Finance's one company profile (`finance.company_profile`,
 *   created by 2026-12-05T0820_finance_document_printing): no table of its own here.
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
}
