import { sql, type Kysely } from 'kysely';

/**
 * Automation, issue #17 continued: the credentials vault (secrets encrypted at rest, AES-256-GCM),
 * outbound webhook endpoints with their deliveries and each delivery attempt (the delivery log), and
 * the `webhook` trigger kind (an inbound, signed POST starts a run).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ts = (name: string) => sql.raw(`${name} timestamptz(3) not null default now()`);

  await sql`create table automation.credentials (
    id uuid primary key default gen_random_uuid(),
    name text not null unique check (length(name) between 1 and 200),
    type text not null check (type in ('bearer', 'basic', 'header', 'hmac')),
    secret_encrypted text not null,
    hint text not null,
    created_by uuid,
    updated_by uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);

  await sql`create table automation.webhook_endpoints (
    id uuid primary key default gen_random_uuid(),
    name text not null check (length(name) between 1 and 200),
    url text not null check (length(url) between 1 and 2000),
    event_types jsonb not null,
    credential_id uuid not null references automation.credentials(id),
    enabled boolean not null default true,
    disabled_reason text,
    consecutive_failures integer not null default 0,
    failing_since timestamptz(3),
    created_by uuid,
    version integer not null default 1,
    ${ts('created_at')}, ${ts('updated_at')}
  )`.execute(db);
  await sql`create index webhook_endpoints_enabled on automation.webhook_endpoints (id) where enabled`.execute(db);

  await sql`create table automation.webhook_deliveries (
    id uuid primary key default gen_random_uuid(),
    endpoint_id uuid not null references automation.webhook_endpoints(id) on delete cascade,
    message_id text not null unique,
    event_id uuid,
    event_type text not null,
    body text not null,
    status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
    attempts integer not null default 0,
    next_attempt_at timestamptz(3),
    last_status integer,
    last_error text,
    ${ts('created_at')}, ${ts('updated_at')},
    finished_at timestamptz(3)
  )`.execute(db);
  // One delivery per event per endpoint: a redelivered event adds none.
  await sql`create unique index webhook_deliveries_event on automation.webhook_deliveries (endpoint_id, event_id)
    where event_id is not null`.execute(db);
  await sql`create index webhook_deliveries_endpoint on automation.webhook_deliveries
    (endpoint_id, created_at desc, id desc)`.execute(db);

  await sql`create table automation.webhook_attempts (
    delivery_id uuid not null references automation.webhook_deliveries(id) on delete cascade,
    attempt integer not null check (attempt > 0),
    url text not null,
    request_headers jsonb not null,
    response_status integer,
    response_body text,
    duration_ms integer not null,
    error text,
    ${ts('attempted_at')},
    primary key (delivery_id, attempt)
  )`.execute(db);

  await sql`alter table automation.flows drop constraint if exists flows_trigger_kind_check`.execute(db);
  await sql`alter table automation.flows add constraint flows_trigger_kind_check
    check (trigger_kind in ('event', 'schedule', 'manual', 'webhook'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists automation.webhook_attempts, automation.webhook_deliveries,
    automation.webhook_endpoints, automation.credentials`.execute(db);
  await sql`alter table automation.flows drop constraint if exists flows_trigger_kind_check`.execute(db);
  await sql`alter table automation.flows add constraint flows_trigger_kind_check
    check (trigger_kind in ('event', 'schedule', 'manual'))`.execute(db);
}
