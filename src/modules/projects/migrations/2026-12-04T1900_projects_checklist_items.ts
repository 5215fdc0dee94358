import { sql, type Kysely } from 'kysely';

/**
 * Checklist items as rows (text, done, position, version) instead of a JSON array on the task: each item
 * can be added, changed, ticked, removed and reordered on its own, with its own version, so two people
 * ticking different items of one task do not overwrite each other. The existing arrays are copied over.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table projects.checklist_items (
    id uuid primary key default gen_random_uuid(),
    task_id uuid not null references projects.tasks(id) on delete cascade,
    text text not null check (length(text) between 1 and 300),
    done boolean not null default false,
    position integer not null check (position >= 0),
    version integer not null default 1,
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now()
  )`.execute(db);
  await sql`create index checklist_items_task on projects.checklist_items (task_id, position)`.execute(db);
  await sql`insert into projects.checklist_items (task_id, text, done, position)
    select t.id, left(coalesce(nullif(trim(i.item->>'text'), ''), '-'), 300),
      coalesce((i.item->>'done')::boolean, false), (i.n - 1)::integer
    from projects.tasks t, jsonb_array_elements(t.checklist) with ordinality as i(item, n)
    where jsonb_typeof(t.checklist) = 'array'`.execute(db);
  await sql`alter table projects.tasks drop column checklist`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table projects.tasks add column checklist jsonb not null default '[]'`.execute(db);
  await sql`update projects.tasks t set checklist = c.items
    from (select task_id, jsonb_agg(jsonb_build_object('text', text, 'done', done) order by position) as items
          from projects.checklist_items group by task_id) c
    where c.task_id = t.id`.execute(db);
  await sql`drop table if exists projects.checklist_items`.execute(db);
}
