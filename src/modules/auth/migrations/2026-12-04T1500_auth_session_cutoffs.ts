import { sql, type Kysely } from 'kysely';

/**
 * Issue #24: signing out ends the session's access tokens too (docs/adr/0010). The API functions'
 * revocation check loads, every few seconds, the sessions revoked within the last token lifetime; this
 * partial index keeps that a range scan over revoked rows, however many refresh tokens were ever issued.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index refresh_tokens_revoked_at on auth.refresh_tokens (revoked_at)
            where revoked_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index auth.refresh_tokens_revoked_at`.execute(db);
}
