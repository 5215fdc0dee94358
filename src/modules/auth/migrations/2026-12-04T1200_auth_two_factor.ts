import { sql, type Kysely } from 'kysely';

/**
 * Issue #24 item 9: two-factor authentication (TOTP, RFC 6238) with recovery codes (docs/security.md).
 * - `auth.two_factor`: one row per user who started enrolling; `enabled_at` is set once a code
 *   confirmed it. The secret is stored encrypted (AES-256-GCM, `two-factor/keys.ts`), never in clear.
 *   `last_used_step` is the last accepted TOTP time step: a code is accepted only for a later step,
 *   so no code works twice.
 * - `auth.recovery_codes`: keyed hashes (HMAC-SHA-256) of the one-time recovery codes.
 * - `auth.roles.require_two_factor`: holders of such a role must enrol before they get tokens.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auth.two_factor')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('auth.users.id').onDelete('cascade'))
    .addColumn('secret_encrypted', 'text', (c) => c.notNull())
    .addColumn('enabled_at', sql`timestamptz(3)`)
    .addColumn('last_used_step', 'integer')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('auth.recovery_codes')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('auth.users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', sql`timestamptz(3)`)
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_hash'])
    .execute();

  await db.schema
    .alterTable('auth.roles')
    .addColumn('require_two_factor', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('auth.roles').dropColumn('require_two_factor').execute();
  await db.schema.dropTable('auth.recovery_codes').execute();
  await db.schema.dropTable('auth.two_factor').execute();
}
