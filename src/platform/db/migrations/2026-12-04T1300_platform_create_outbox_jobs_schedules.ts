import { sql, type Kysely } from 'kysely';

/** Async work (issue #12): the event outbox, its per-subscriber dedupe, the jobs table and schedule slots. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('platform.outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('relayed_at', 'timestamptz')
    .execute();
  await sql`create index outbox_pending on platform.outbox (occurred_at) where relayed_at is null`.execute(db);

  await db.schema
    .createTable('platform.processed_events')
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('subscriber', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('processed_events_pk', ['event_id', 'subscriber'])
    .execute();

  await db.schema
    .createTable('platform.jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`),
    )
    .addColumn('progress', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`progress between 0 and 100`),
    )
    .addColumn('progress_message', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().check(sql`max_attempts >= 1`))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('lease_token', 'uuid')
    .addColumn('lease_expires_at', 'timestamptz')
    .addColumn('checkpoint', 'jsonb')
    .addColumn('result', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('cancel_requested_at', 'timestamptz')
    .addColumn('created_by', 'uuid')
    .addColumn('dispatched_at', 'timestamptz')
    .addColumn('invocations', 'integer', (c) => c.notNull().defaultTo(0))
    // Milliseconds: the jobs list pages by (created_at, id), and its cursor carries an ISO time.
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`date_trunc('milliseconds', now())`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create index jobs_claimable on platform.jobs (next_attempt_at) where status = 'queued'`.execute(db);
  await sql`create index jobs_leased on platform.jobs (lease_expires_at) where status = 'running'`.execute(db);
  await sql`create index jobs_undispatched on platform.jobs (created_at) where status = 'queued' and dispatched_at is null`.execute(
    db,
  );
  await sql`create index jobs_created_by on platform.jobs (created_by, created_at desc, id)`.execute(db);
  await sql`create index jobs_created on platform.jobs (created_at desc, id)`.execute(db);

  await db.schema
    .createTable('platform.schedule_runs')
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('slot', 'timestamptz', (c) => c.notNull())
    .addColumn('job_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('schedule_runs_pk', ['schedule', 'slot'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['schedule_runs', 'jobs', 'processed_events', 'outbox'])
    await db.schema.dropTable(`platform.${table}`).execute();
}
