import { describeDatabase, openDatabase } from '../app/database.js';
import { migrate } from '../app/migrations.js';
import { loadConfig } from '../platform/config/config.js';

/** `npm run migrate`: applies pending migrations to the configured database and lists them. */
const config = loadConfig();
const handle = await openDatabase(config);
try {
  const { applied } = await migrate(handle.db);
  console.log(
    applied.length === 0
      ? `${describeDatabase(config)}: up to date`
      : `${describeDatabase(config)}: applied\n${applied.map((m) => `  ${m}`).join('\n')}`,
  );
} finally {
  await handle.close();
}
