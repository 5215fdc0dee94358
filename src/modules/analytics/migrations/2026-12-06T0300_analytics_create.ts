import { sql, type Kysely } from 'kysely';

/**
 * Analytics: saved questions (a JSON query over a dataset and a visualisation), dashboards (a grid
 * of cards, each a question, and filters applied to every card) and their shares with users or
 * roles. The data itself stays in the modules' schemas: analytics stores no copy of it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists analytics`.execute(db);
  const ts = (name: string) => sql.raw(`${name} timestamptz(3) not null default now()`);

  await sql`create table analytics.questions (
    id uuid primary key default gen_random_uuid(),
    name text not null check (length(name) between 1 and 200),
    description text not null default '',
    query jsonb not null,
    visualization text not null
      check (visualization in ('table', 'pivot', 'bar', 'line', 'area', 'pie', 'number', 'funnel')),
    owner_id uuid not null,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index questions_owner on analytics.questions (owner_id)`.execute(db);

  await sql`create table analytics.dashboards (
    id uuid primary key default gen_random_uuid(),
    name text not null check (length(name) between 1 and 200),
    description text not null default '',
    filters jsonb not null default '[]',
    owner_id uuid not null,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index dashboards_owner on analytics.dashboards (owner_id)`.execute(db);

  await sql`create table analytics.dashboard_cards (
    id uuid primary key default gen_random_uuid(),
    dashboard_id uuid not null references analytics.dashboards(id) on delete cascade,
    question_id uuid not null references analytics.questions(id),
    position integer not null,
    title text,
    x integer not null check (x between 0 and 23),
    y integer not null check (y >= 0),
    w integer not null check (w between 1 and 24),
    h integer not null check (h between 1 and 48),
    unique (dashboard_id, position)
  )`.execute(db);
  await sql`create index dashboard_cards_question on analytics.dashboard_cards (question_id)`.execute(db);

  await sql`create table analytics.shares (
    object_type text not null check (object_type in ('question', 'dashboard')),
    object_id uuid not null,
    grantee_type text not null check (grantee_type in ('user', 'role')),
    grantee text not null,
    primary key (object_type, object_id, grantee_type, grantee)
  )`.execute(db);
  await sql`create index shares_grantee on analytics.shares (grantee_type, grantee)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema analytics cascade`.execute(db);
}
