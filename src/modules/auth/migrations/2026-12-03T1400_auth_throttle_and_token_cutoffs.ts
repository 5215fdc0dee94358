import { sql, type Kysely } from 'kysely';

/**
 * Issue #24 (hardening).
 * - `tokens_valid_after` on users and roles: access tokens of that user (or carrying that role) issued
 *   at or before it are refused (docs/adr/0010). The partial index keeps "every cutoff of the last
 *   token lifetime" an index range scan over the few users who have one.
 * - `auth.throttle` replaces `auth.login_attempts` (one row per email, which let anyone lock any
 *   account): counters per sign-in source, per account, per (account, source) and per user changing
 *   a password (docs/security.md). Its rows are short-lived counters; the old ones carry nothing worth
 *   keeping.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('auth.users')
    .addColumn('tokens_valid_after', sql`timestamptz(3)`)
    .execute();
  await sql`create index users_tokens_valid_after on auth.users (tokens_valid_after)
            where tokens_valid_after is not null`.execute(db);
  await db.schema
    .alterTable('auth.roles')
    .addColumn('tokens_valid_after', sql`timestamptz(3)`)
    .execute();

  await db.schema
    .createTable('auth.throttle')
    // sign-in-source | sign-in-account | sign-in-pair | password-change
    .addColumn('scope', 'text', (c) => c.notNull())
    // the source key, the email, `<email>|<source key>`, or the user id
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('last_attempt_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('blocked_until', sql`timestamptz(3)`)
    .addPrimaryKeyConstraint('throttle_pk', ['scope', 'subject'])
    .execute();
  await sql`create index throttle_last_attempt on auth.throttle (last_attempt_at)`.execute(db);
  await db.schema.dropTable('auth.login_attempts').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auth.login_attempts')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .execute();
  await db.schema.dropTable('auth.throttle').execute();
  await db.schema.alterTable('auth.roles').dropColumn('tokens_valid_after').execute();
  await sql`drop index auth.users_tokens_valid_after`.execute(db);
  await db.schema.alterTable('auth.users').dropColumn('tokens_valid_after').execute();
}
