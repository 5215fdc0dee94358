import { sql, type Kysely } from 'kysely';

/**
 * Compliance policies: a policy and its published versions (each kept, numbered 1, 2, …; the highest
 * is current), each user's acknowledgement of a version (once: the primary key), and the reminders
 * sent (once per version and day: the primary key).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ts = (name: string) => sql.raw(`${name} timestamptz(3) not null default now()`);

  await sql`create table compliance.policies (
    id uuid primary key default gen_random_uuid(),
    title text not null check (length(title) between 1 and 200),
    current_number integer not null default 1 check (current_number >= 1),
    created_by uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);

  await sql`create table compliance.policy_versions (
    id uuid primary key default gen_random_uuid(),
    policy_id uuid not null references compliance.policies(id) on delete cascade,
    number integer not null check (number >= 1),
    title text not null check (length(title) between 1 and 200),
    body text not null check (length(body) <= 200000),
    notes text not null default '',
    published_by uuid,
    ${ts('published_at')},
    unique (policy_id, number)
  )`.execute(db);

  await sql`create table compliance.policy_acknowledgements (
    policy_version_id uuid not null references compliance.policy_versions(id) on delete cascade,
    user_id uuid not null,
    ${ts('acknowledged_at')},
    primary key (policy_version_id, user_id)
  )`.execute(db);
  await sql`create index policy_acknowledgements_user on compliance.policy_acknowledgements (user_id)`.execute(db);

  await sql`create table compliance.policy_reminders (
    policy_version_id uuid not null references compliance.policy_versions(id) on delete cascade,
    day date not null,
    recipients integer not null default 0,
    sent_by uuid,
    ${ts('sent_at')},
    primary key (policy_version_id, day)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table compliance.policy_reminders, compliance.policy_acknowledgements,
    compliance.policy_versions, compliance.policies`.execute(db);
}
