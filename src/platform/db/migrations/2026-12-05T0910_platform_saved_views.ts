import { sql, type Kysely } from 'kysely';

/**
 * Saved views (src/platform/views): a person's named filters and sort of one list (`crm.organizations`),
 * a flat map of the list's query parameters. Names are unique per person and list, ignoring case.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('platform.saved_views')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('list', 'text', (c) => c.notNull().check(sql`list ~ '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$'`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
    .addColumn('query', 'jsonb', (c) =>
      c.notNull().check(sql`jsonb_typeof(query) = 'object' and length(query::text) <= 8000`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`date_trunc('milliseconds', now())`))
    .execute();
  await sql`create unique index saved_views_name on platform.saved_views (user_id, list, lower(name))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('platform.saved_views').execute();
}
