import { sql, type Kysely } from 'kysely';

/**
 * The task list's saved views move to the platform's saved views (src/platform/views, list
 * `projects.tasks`, the filters as the view's query), as CRM's lists keep theirs, and the old table goes.
 * Names were unique per person with case; the platform's ignore case, so a second "backend"
 * next to "Backend" is kept as "backend (2)". Only flat string filters were ever accepted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`insert into platform.saved_views (id, user_id, list, name, query, created_at)
    select v.id, v.user_id, 'projects.tasks',
      case when v.n = 1 then v.name else left(v.name, 90) || ' (' || v.n || ')' end,
      v.filters, v.created_at
    from (
      select s.*, row_number() over (partition by s.user_id, lower(s.name) order by s.created_at, s.id) as n
      from projects.saved_views s where jsonb_typeof(s.filters) = 'object'
    ) v
    on conflict do nothing`.execute(db);
  await sql`drop table projects.saved_views`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create table projects.saved_views (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null,
    name text not null check (length(name) between 1 and 100),
    filters jsonb not null,
    version integer not null default 1,
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now(),
    unique (user_id, name)
  )`.execute(db);
  await sql`insert into projects.saved_views (id, user_id, name, filters, created_at)
    select id, user_id, name, query, created_at from platform.saved_views where list = 'projects.tasks'`.execute(db);
  await sql`delete from platform.saved_views where list = 'projects.tasks'`.execute(db);
}
