import { sql, type Kysely } from 'kysely';

/**
 * Automation's engine, second part (docs/adr/0016, "Engine additions"): sub-flows (a child execution
 * links to its parent), waits for an event (indexed by event type), approval reminders, escalation and
 * deadlines (one due time per pending approval, found by the tick), per-flow concurrency limits (a
 * `queued` status) and retention (per flow, in days).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table automation.flows
    add column max_concurrent_runs integer check (max_concurrent_runs between 1 and 1000),
    add column retention_days integer check (retention_days between 1 and 3650)`.execute(db);

  await sql`alter table automation.executions
    add column parent_execution_id uuid references automation.executions(id) on delete set null,
    add column parent_step_id text,
    add column depth integer not null default 0,
    add column wait_event text`.execute(db);
  await sql`alter table automation.executions drop constraint executions_status_check`.execute(db);
  await sql`alter table automation.executions add constraint executions_status_check
    check (status in ('queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'))`.execute(db);
  // The catch-all subscriber's lookup: the runs waiting for one event type (not a scan of every wait).
  await sql`create index executions_wait_event on automation.executions (wait_event)
    where status = 'waiting' and wait_event is not null`.execute(db);
  // Concurrency: the active runs of a flow are counted, and its queued ones started oldest first.
  await sql`create index executions_active on automation.executions (flow_id)
    where status in ('running', 'waiting')`.execute(db);
  await sql`create index executions_queued on automation.executions (flow_id, created_at)
    where status = 'queued'`.execute(db);
  await sql`create index executions_parent on automation.executions (parent_execution_id)
    where parent_execution_id is not null`.execute(db);
  // A parent's step starts one child (a repeated step finds it).
  await sql`create unique index executions_parent_step on automation.executions (parent_execution_id, parent_step_id)
    where parent_execution_id is not null`.execute(db);

  await sql`alter table automation.approvals
    add column requested_at timestamptz(3),
    add column due_at timestamptz(3),
    add column reminded_at timestamptz(3),
    add column escalated_at timestamptz(3)`.execute(db);
  await sql`alter table automation.approvals drop constraint approvals_status_check`.execute(db);
  await sql`alter table automation.approvals add constraint approvals_status_check
    check (status in ('pending', 'approved', 'rejected', 'cancelled', 'expired'))`.execute(db);
  // The tick's lookup: pending approvals whose reminder, escalation or deadline has come.
  await sql`create index approvals_due on automation.approvals (due_at)
    where status = 'pending' and due_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index automation.approvals_due`.execute(db);
  await sql`alter table automation.approvals drop constraint approvals_status_check`.execute(db);
  await sql`alter table automation.approvals add constraint approvals_status_check
    check (status in ('pending', 'approved', 'rejected', 'cancelled'))`.execute(db);
  await sql`alter table automation.approvals drop column requested_at, drop column due_at, drop column reminded_at, drop column escalated_at`.execute(
    db,
  );
  for (const index of [
    'executions_wait_event',
    'executions_active',
    'executions_queued',
    'executions_parent',
    'executions_parent_step',
  ])
    await sql`drop index ${sql.raw(`automation.${index}`)}`.execute(db);
  await sql`alter table automation.executions drop constraint executions_status_check`.execute(db);
  await sql`alter table automation.executions add constraint executions_status_check
    check (status in ('running', 'waiting', 'succeeded', 'failed', 'cancelled'))`.execute(db);
  await sql`alter table automation.executions drop column parent_execution_id, drop column parent_step_id,
    drop column depth, drop column wait_event`.execute(db);
  await sql`alter table automation.flows drop column max_concurrent_runs, drop column retention_days`.execute(db);
}
