import { sql, type Kysely } from 'kysely';

/**
 * Attachments on records, and the presigned uploads that create them (docs/files.md). The bytes live
 * in the file store (S3 or `.moms/files`); these rows say what they are and whose record they belong to.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('platform.file_uploads')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('object_key', 'text', (c) => c.notNull().unique())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'uuid', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('sha256', 'text', (c) => c.check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'completed')`),
    )
    .addColumn('attachment_id', 'uuid')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`date_trunc('milliseconds', now())`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index file_uploads_pending on platform.file_uploads (expires_at) where status = 'pending'`.execute(
    db,
  );

  await db.schema
    .createTable('platform.attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'uuid', (c) => c.notNull())
    .addColumn('object_key', 'text', (c) => c.notNull().unique())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`date_trunc('milliseconds', now())`))
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('deleted_by', 'uuid')
    .execute();
  await sql`create index attachments_record on platform.attachments (record_type, record_id, created_at, id) where deleted_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('platform.attachments').execute();
  await db.schema.dropTable('platform.file_uploads').execute();
}
