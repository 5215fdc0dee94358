import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/harness/test-db.js';
import type { DatabaseHandle } from '../platform/db/create-database.js';
import { createMigrationsHandler } from './migrations.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it('applies pending migrations (none on a migrated database) and creates the initial administrator once', async () => {
  const handler = createMigrationsHandler({
    runtime: { getDb: async () => database.db },
    readAdmin: async () => ({ email: 'ops@example.com', password: 'a generated password 123' }),
  });
  expect(await handler()).toEqual({ applied: [], administratorCreated: true });
  expect(await handler()).toEqual({ applied: [], administratorCreated: false });
  const admins = await database.db
    .selectFrom('auth.users as u')
    .innerJoin('auth.user_roles as r', 'r.user_id', 'u.id')
    .select(['u.email', 'r.role'])
    .where('r.role', '=', 'admin')
    .execute();
  expect(admins).toEqual([{ email: 'ops@example.com', role: 'admin' }]);
});
