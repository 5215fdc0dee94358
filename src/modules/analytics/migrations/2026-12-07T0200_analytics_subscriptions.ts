import { sql, type Kysely } from 'kysely';

/**
 * Subscriptions and alerts (issue #16): a question's or dashboard's file mailed on a schedule, or
 * a mail when a question's number crosses a threshold. Each recipient is checked and queried as
 * themselves at send time; `last_period` makes a second run in the same period send nothing, and
 * each recipient's `past` (was the number past the threshold at the last check) makes an alert
 * fire once per crossing. `next_run_at` is when the self-queued due job next looks (no standing
 * schedule).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ts = (name: string) => sql.raw(`${name} timestamptz(3) not null default now()`);
  await sql`create table analytics.subscriptions (
    id uuid primary key default gen_random_uuid(),
    kind text not null check (kind in ('report', 'alert')),
    name text not null check (length(name) between 1 and 200),
    owner_id uuid not null,
    target_type text not null check (target_type in ('question', 'dashboard')),
    target_id uuid not null,
    format text check (format in ('pdf', 'xlsx')),
    filters jsonb not null default '[]',
    frequency text not null check (frequency in ('hourly', 'daily', 'weekly', 'monthly')),
    hour integer not null default 7 check (hour between 0 and 23),
    weekday integer check (weekday between 1 and 7),
    day_of_month integer check (day_of_month between 1 and 28),
    time_zone text not null,
    measure text,
    condition text check (condition in ('above', 'below')),
    threshold numeric,
    active boolean not null default true,
    next_run_at timestamptz(3),
    last_period text,
    last_run_at timestamptz(3),
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')},
    check ((kind = 'report') = (format is not null)),
    check ((kind = 'alert') = (condition is not null and threshold is not null and measure is not null)),
    check (kind = 'alert' or target_type = 'dashboard' or target_type = 'question'),
    check (kind = 'report' or target_type = 'question'),
    check (frequency <> 'hourly' or kind = 'alert')
  )`.execute(db);
  await sql`create index subscriptions_owner on analytics.subscriptions (owner_id)`.execute(db);
  await sql`create index subscriptions_target on analytics.subscriptions (target_type, target_id)`.execute(db);
  await sql`create index subscriptions_due on analytics.subscriptions (next_run_at) where active`.execute(db);

  await sql`create table analytics.subscription_recipients (
    subscription_id uuid not null references analytics.subscriptions(id) on delete cascade,
    user_id uuid not null,
    past boolean,
    last_value text,
    last_sent_at timestamptz(3),
    primary key (subscription_id, user_id)
  )`.execute(db);
  await sql`create index subscription_recipients_user on analytics.subscription_recipients (user_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table analytics.subscription_recipients`.execute(db);
  await sql`drop table analytics.subscriptions`.execute(db);
}
