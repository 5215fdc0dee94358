import { sql, type Kysely } from 'kysely';

/**
 * Indexed search: a stored generated `search_vector` (tsvector, names weighted above emails above the
 * rest) with a GIN index on contacts, organizations and leads, a GIN expression index on opportunity
 * names, and an index for win rate / sales cycle over closed opportunities. Queries match every word
 * as a prefix (`crm.search_query`); no extension is needed (PGlite, PostgreSQL and Aurora alike).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Punctuation becomes a word break, so "ada@initech.example" gives ada, initech, example and
  // "+44 20 7946-0101" gives 44, 20, 7946, 0101. The 'simple' configuration: no stemming, no stop
  // words (names are not English prose).
  await sql`create function crm.search_document(t text) returns tsvector
    language sql immutable parallel safe strict
    as $$ select to_tsvector('simple', regexp_replace(t, '[[:punct:]]+', ' ', 'g')) $$`.execute(db);
  // The same words as a query, every one required: as prefixes ("mar" finds Mario) or exactly. NULL
  // when the text has no word (matches nothing).
  await sql`create function crm.search_query(q text, prefix boolean) returns tsquery
    language sql immutable parallel safe strict
    as $$ select to_tsquery('simple', string_agg(quote_literal(lexeme) || case when prefix then ':*' else '' end, ' & '))
          from unnest(crm.search_document(q)) $$`.execute(db);
  // array_to_string is only STABLE; for text[] it is immutable in fact, which a generated column needs.
  await sql`create function crm.text_list(items text[]) returns text
    language sql immutable parallel safe strict
    as $$ select array_to_string(items, ' ') $$`.execute(db);
  // '+44 20 7946-0101' → '442079460101': a phone is found typed with or without separators.
  await sql`create function crm.phone_digits(phones text[]) returns text
    language sql immutable parallel safe strict
    as $$ select coalesce(string_agg(regexp_replace(p, '[^0-9]', '', 'g'), ' '), '') from unnest(phones) p $$`.execute(
    db,
  );

  await sql`alter table crm.contacts add column search_vector tsvector not null generated always as (
    setweight(crm.search_document(first_name || ' ' || last_name), 'A')
    || setweight(crm.search_document(crm.text_list(emails)), 'B')
    || setweight(crm.search_document(crm.text_list(phones) || ' ' || crm.phone_digits(phones) || ' ' || coalesce(title, '')), 'C')
  ) stored`.execute(db);
  await sql`alter table crm.organizations add column search_vector tsvector not null generated always as (
    setweight(crm.search_document(name), 'A')
    || setweight(crm.search_document(coalesce(domain, '')), 'B')
    || setweight(crm.search_document(coalesce(industry, '')), 'C')
  ) stored`.execute(db);
  await sql`alter table crm.leads add column search_vector tsvector not null generated always as (
    setweight(crm.search_document(name), 'A')
    || setweight(crm.search_document(coalesce(company, '') || ' ' || coalesce(email, '')), 'B')
  ) stored`.execute(db);

  await sql`create index contacts_search on crm.contacts using gin (search_vector)`.execute(db);
  await sql`create index organizations_search on crm.organizations using gin (search_vector)`.execute(db);
  await sql`create index leads_search on crm.leads using gin (search_vector)`.execute(db);
  await sql`create index opportunities_search on crm.opportunities using gin (crm.search_document(name))`.execute(db);

  await sql`create index opportunities_closed on crm.opportunities (pipeline_id, closed_at)
    where status <> 'open'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists crm.opportunities_closed`.execute(db);
  await sql`drop index if exists crm.opportunities_search`.execute(db);
  for (const table of ['contacts', 'organizations', 'leads']) {
    await sql`alter table ${sql.raw(`crm.${table}`)} drop column if exists search_vector`.execute(db);
  }
  for (const fn of [
    'phone_digits(text[])',
    'text_list(text[])',
    'search_query(text, boolean)',
    'search_document(text)',
  ]) {
    await sql`drop function if exists ${sql.raw(`crm.${fn}`)}`.execute(db);
  }
}
