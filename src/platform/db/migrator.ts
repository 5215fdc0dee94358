import { Migrator, type Migration, type MigrationResult } from 'kysely';
import type { Db } from './database.js';

export interface MigrationOutcome {
  applied: string[];
  results: MigrationResult[];
}

/**
 * Applies every pending migration, in name order (names start with a timestamp), and records them in
 * `platform.kysely_migration`. Safe to run twice or concurrently: Kysely holds a PostgreSQL advisory
 * lock for the whole run, and a second runner finds nothing left to do.
 */
export async function migrateToLatest(db: Db, migrations: Record<string, Migration>): Promise<MigrationOutcome> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: 'platform',
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    const message = failed ? `migration ${failed.migrationName} failed` : 'migration failed';
    throw new Error(`${message}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName), results };
}
