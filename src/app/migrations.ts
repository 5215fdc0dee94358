import type { Migration } from 'kysely';
import { syncBuiltinRoles, type RoleSyncResult } from '../modules/auth/index.js';
import type { Db } from '../platform/db/database.js';
import { platformMigrations } from '../platform/db/migrations/index.js';
import { migrateToLatest, type MigrationOutcome } from '../platform/db/migrator.js';
import { roleDefinitions } from './catalog.js';
import { modules } from './modules.js';

/** Every migration of the platform and the modules (each module's list loaded on demand). */
export async function allMigrations(): Promise<Record<string, Migration>> {
  const lists = await Promise.all(
    modules.map(async (m): Promise<Record<string, Migration>> => (m.migrations ? m.migrations() : {})),
  );
  const all: Record<string, Migration> = { ...platformMigrations };
  for (const list of lists) {
    for (const [name, migration] of Object.entries(list)) {
      if (name in all) throw new Error(`Migration ${name} is declared twice`);
      all[name] = migration;
    }
  }
  return all;
}

/** Applies every pending migration, then brings the built-in roles up to what the modules declare. */
export async function migrate(db: Db): Promise<MigrationOutcome & { roles: RoleSyncResult }> {
  const outcome = await migrateToLatest(db, await allMigrations());
  const roles = await syncBuiltinRoles(db, roleDefinitions);
  return { ...outcome, roles };
}
