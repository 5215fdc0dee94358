import { parseArgs } from 'node:util';
import { faker } from '@faker-js/faker';
import { describeDatabase, openDatabase } from '../app/database.js';
import { demoGenerators } from '../app/demo.js';
import { migrate } from '../app/migrations.js';
import { createRuntime } from '../app/runtime.js';
import { sealAuditLog } from '../platform/audit/audit-sealer.js';
import { loadConfig } from '../platform/config/config.js';

/**
 * `npm run demo [-- --size 2 --seed 42]`: loads a sample organization into the local database (each
 * module's generator, deterministic for a seed). Runs migrations first; skips what is already there.
 */
const { values } = parseArgs({
  options: { size: { type: 'string', default: '1' }, seed: { type: 'string', default: '2026' } },
});
const size = Number(values.size);
const seed = Number(values.seed);
if (!Number.isFinite(size) || size <= 0 || size > 1000) throw new Error('--size must be a number in (0, 1000]');
if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');

const config = loadConfig();
const handle = await openDatabase(config);
try {
  await migrate(handle.db);
  faker.seed(seed);
  const files = await createRuntime(config, handle).getFileStore();
  console.log(`Loading demo data (size ${size}, seed ${seed}) into ${describeDatabase(config)} …`);
  for (const generator of await demoGenerators()) {
    await generator.generate({ db: handle.db, faker, size, files, log: (line) => console.log(`  ${line}`) });
  }
  await sealAuditLog(handle.db, { wait: true });
  console.log('Done. Start MOMS with `npm start` and sign in as one of the people above.');
} finally {
  await handle.close();
}
