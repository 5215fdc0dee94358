import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the housekeeping schedules (docs/adr/0012): each prunes rows older than a retention
 * in batches, and without these every batch would scan its whole table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index outbox_relayed on platform.outbox (relayed_at) where relayed_at is not null`.execute(db);
  await sql`create index processed_events_at on platform.processed_events (processed_at)`.execute(db);
  await sql`create index jobs_finished on platform.jobs (finished_at) where finished_at is not null`.execute(db);
  await sql`create index schedule_runs_created on platform.schedule_runs (created_at)`.execute(db);
  await sql`create index file_uploads_created on platform.file_uploads (created_at) where status = 'pending'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'outbox_relayed',
    'processed_events_at',
    'jobs_finished',
    'schedule_runs_created',
    'file_uploads_created',
  ])
    await sql`drop index if exists ${sql.id('platform', index)}`.execute(db);
}
