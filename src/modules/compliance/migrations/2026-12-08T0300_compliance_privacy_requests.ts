import { sql, type Kysely } from 'kysely';

/**
 * Privacy requests (docs/adr/0025): an export or an erasure about one person (a CRM contact or an HR
 * employee), run as a job; the row keeps the subject by type and id only (no name: an erased person's
 * name must not survive here), the job, the report file in the file store and a summary of it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table compliance.privacy_requests (
    id uuid primary key default gen_random_uuid(),
    kind text not null check (kind in ('export', 'erasure')),
    subject_type text not null check (length(subject_type) between 3 and 100),
    subject_id uuid not null,
    reason text not null check (length(reason) between 1 and 2000),
    status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
    error text,
    job_id uuid,
    summary jsonb,
    file_key text,
    file_name text,
    file_size bigint,
    file_sha256 text,
    requested_by uuid,
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now(),
    finished_at timestamptz(3)
  )`.execute(db);
  await sql`create index privacy_requests_created on compliance.privacy_requests (created_at, id)`.execute(db);
  await sql`create index privacy_requests_subject on compliance.privacy_requests (subject_type, subject_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table compliance.privacy_requests`.execute(db);
}
