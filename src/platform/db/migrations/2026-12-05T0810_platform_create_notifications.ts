import { sql, type Kysely } from 'kysely';

/**
 * In-app notifications (src/platform/notifications): one row per person told, written in the same
 * transaction as what it tells about. `dedupe_key` makes a redelivered event or a retried job tell
 * each person once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('platform.notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind ~ '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$'`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 300`))
    .addColumn('body', 'text', (c) => c.check(sql`length(body) <= 2000`))
    .addColumn('link', 'text', (c) => c.check(sql`link ~ '^/[^/]'`))
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`date_trunc('milliseconds', now())`))
    .addColumn('read_at', 'timestamptz')
    .execute();
  await sql`create index notifications_user on platform.notifications (user_id, created_at desc, id desc)`.execute(db);
  await sql`create index notifications_unread on platform.notifications (user_id) where read_at is null`.execute(db);
  await sql`create unique index notifications_dedupe on platform.notifications (user_id, dedupe_key)
            where dedupe_key is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('platform.notifications').execute();
}
