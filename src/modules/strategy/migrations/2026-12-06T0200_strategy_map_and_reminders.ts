import { sql, type Kysely } from 'kysely';

/**
 * The strategy map and check-in reminders: cause-and-effect links between objectives of one cycle
 * (apart from the parent tree), each cycle's check-in interval (days; null: no reminders), and the
 * reminders sent, one per key result and due week (the unique key makes the weekly job idempotent).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table strategy.cycles
    add column check_in_days integer default 7 check (check_in_days between 1 and 90)`.execute(db);

  await sql`create table strategy.objective_links (
    id uuid primary key default gen_random_uuid(),
    cycle_id uuid not null references strategy.cycles(id),
    from_id uuid not null references strategy.objectives(id),
    to_id uuid not null references strategy.objectives(id),
    created_by uuid,
    created_at timestamptz(3) not null default now(),
    check (from_id <> to_id),
    unique (from_id, to_id)
  )`.execute(db);
  await sql`create index objective_links_cycle on strategy.objective_links (cycle_id)`.execute(db);
  await sql`create index objective_links_to on strategy.objective_links (to_id)`.execute(db);

  await sql`create table strategy.check_in_reminders (
    id uuid primary key default gen_random_uuid(),
    key_result_id uuid not null references strategy.key_results(id),
    owner_id uuid not null,
    due_week date not null,
    sent_at timestamptz(3) not null default now(),
    unique (key_result_id, due_week)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table strategy.check_in_reminders`.execute(db);
  await sql`drop table strategy.objective_links`.execute(db);
  await sql`alter table strategy.cycles drop column check_in_days`.execute(db);
}
