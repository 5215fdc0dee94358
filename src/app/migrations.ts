import type { Migration } from 'kysely';
import { authMigrations } from '../modules/auth/index.js';
import { crmMigrations } from '../modules/crm/index.js';
import { financeMigrations } from '../modules/finance/index.js';
import { hrMigrations } from '../modules/hr/index.js';
import type { Db } from '../platform/db/database.js';
import { platformMigrations } from '../platform/db/migrations/index.js';
import { migrateToLatest } from '../platform/db/migrator.js';

/** Every migration of the platform and the modules, gathered statically so a bundle can carry them. */
export const allMigrations: Record<string, Migration> = {
  ...platformMigrations,
  ...authMigrations,
  ...financeMigrations,
  ...crmMigrations,
  ...hrMigrations,
};

export function migrate(db: Db) {
  return migrateToLatest(db, allMigrations);
}
