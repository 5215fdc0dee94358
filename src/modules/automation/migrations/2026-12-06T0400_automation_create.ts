import { sql, type Kysely } from 'kysely';

/**
 * Automation: flows (a draft and immutable published versions), executions (durable checkpoints: a
 * waiting one is a row with `resume_at`), their steps' input/output, approvals, and the idempotency
 * keys of module actions (docs/adr/0016).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists automation`.execute(db);
  const ts = (name: string) => sql.raw(`${name} timestamptz(3) not null default now()`);

  await sql`create table automation.flows (
    id uuid primary key default gen_random_uuid(),
    name text not null check (length(name) between 1 and 200),
    description text not null default '',
    run_as_user_id uuid not null,
    enabled boolean not null default true,
    draft jsonb not null,
    published_version integer,
    trigger_kind text check (trigger_kind in ('event', 'schedule', 'manual')),
    trigger_event text,
    created_by uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  // The event subscriber's lookup: published, enabled flows triggered by one event type.
  await sql`create index flows_trigger_event on automation.flows (trigger_event)
    where enabled and published_version is not null`.execute(db);
  await sql`create index flows_scheduled on automation.flows (trigger_kind)
    where enabled and published_version is not null and trigger_kind = 'schedule'`.execute(db);

  await sql`create table automation.flow_versions (
    flow_id uuid not null references automation.flows(id) on delete cascade,
    version integer not null check (version > 0),
    definition jsonb not null,
    published_by uuid,
    ${ts('published_at')},
    primary key (flow_id, version)
  )`.execute(db);

  await sql`create table automation.executions (
    id uuid primary key default gen_random_uuid(),
    flow_id uuid not null references automation.flows(id) on delete cascade,
    version integer not null,
    status text not null check (status in ('running', 'waiting', 'succeeded', 'failed', 'cancelled')),
    trigger jsonb not null,
    state jsonb not null default '{"vars": {}, "steps": {}}',
    next_step text,
    next_seq integer not null default 1,
    step_attempts integer not null default 0,
    resume_at timestamptz(3),
    run_as_user_id uuid not null,
    trigger_key text,
    retry_of uuid references automation.executions(id),
    started_by uuid,
    error text,
    ${ts('created_at')}, ${ts('updated_at')},
    finished_at timestamptz(3),
    foreign key (flow_id, version) references automation.flow_versions(flow_id, version)
  )`.execute(db);
  // One execution per trigger occurrence (an event id, a schedule slot): a repeated delivery starts none.
  await sql`create unique index executions_trigger_key on automation.executions (flow_id, trigger_key)
    where trigger_key is not null`.execute(db);
  // The resume scan reads only due rows: its cost does not grow with waits that are not due.
  await sql`create index executions_resume_at on automation.executions (resume_at)
    where status = 'waiting' and resume_at is not null`.execute(db);
  await sql`create index executions_flow on automation.executions (flow_id, created_at desc, id desc)`.execute(db);

  await sql`create table automation.execution_steps (
    execution_id uuid not null references automation.executions(id) on delete cascade,
    seq integer not null,
    step_id text not null,
    kind text not null,
    status text not null check (status in ('succeeded', 'failed', 'waiting', 'copied')),
    input jsonb,
    output jsonb,
    error text,
    attempts integer not null default 1,
    ${ts('started_at')},
    finished_at timestamptz(3),
    primary key (execution_id, seq)
  )`.execute(db);

  await sql`create table automation.approvals (
    id uuid primary key default gen_random_uuid(),
    execution_id uuid not null references automation.executions(id) on delete cascade,
    step_id text not null,
    title text not null,
    description text not null default '',
    assignee_user_id uuid,
    assignee_role text,
    form jsonb not null default '[]',
    status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'cancelled')),
    decided_by uuid,
    decided_at timestamptz(3),
    "values" jsonb,
    comment text,
    ${ts('created_at')},
    check ((assignee_user_id is null) <> (assignee_role is null)),
    unique (execution_id, step_id)
  )`.execute(db);
  await sql`create index approvals_pending_user on automation.approvals (assignee_user_id, created_at)
    where status = 'pending'`.execute(db);
  await sql`create index approvals_pending_role on automation.approvals (assignee_role, created_at)
    where status = 'pending'`.execute(db);

  await sql`create table automation.action_keys (
    key text primary key,
    action text not null,
    execution_id uuid,
    result jsonb,
    ${ts('created_at')}
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema if exists automation cascade`.execute(db);
}
