import type { Migration } from 'kysely';
import type { Db } from '../platform/db/database.js';
import { platformMigrations } from '../platform/db/migrations/index.js';
import { migrateToLatest, type MigrationOutcome } from '../platform/db/migrator.js';
import type { AdministratorRequest, SetupReport } from '../platform/modules/module.js';
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

/**
 * Applies every pending migration, then runs each module's setup in list order (auth: the built-in
 * roles the modules declare, and the first administrator when `administrator` is given and there is
 * none). Run on every deploy (the migrations function), by `npm start`, the demo and the tests.
 */
export async function migrate(
  db: Db,
  options: { administrator?: AdministratorRequest } = {},
): Promise<MigrationOutcome & SetupReport> {
  const outcome = await migrateToLatest(db, await allMigrations());
  let report: SetupReport = {};
  for (const module of modules) {
    if (!module.setup) continue;
    const setup = await module.setup();
    report = { ...report, ...(await setup(db, { roles: roleDefinitions, administrator: options.administrator })) };
  }
  return { ...outcome, ...report };
}
