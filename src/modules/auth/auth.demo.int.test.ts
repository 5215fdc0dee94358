import { faker } from '@faker-js/faker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { authDemo } from './auth.demo.js';

let a: DatabaseHandle;
let b: DatabaseHandle;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

async function people(db: DatabaseHandle) {
  const rows = await db.db.selectFrom('auth.users').select(['email', 'name']).orderBy('email').execute();
  return rows;
}

it('the same seed and size give the same people; the size knob scales them; a rerun adds nothing', async () => {
  const log = () => undefined;
  faker.seed(7);
  await authDemo.generate({ db: a.db, faker, size: 1, log });
  faker.seed(7);
  await authDemo.generate({ db: b.db, faker, size: 1, log });
  const first = await people(a);
  expect(first).toHaveLength(25);
  expect(await people(b)).toEqual(first);

  await authDemo.generate({ db: a.db, faker, size: 1, log });
  expect(await people(a)).toHaveLength(25);

  const roles = await a.db.selectFrom('auth.user_roles').select('role').where('role', '=', 'manager').execute();
  expect(roles.length).toBeGreaterThanOrEqual(1);
});
