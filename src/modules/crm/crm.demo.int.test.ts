import { faker } from '@faker-js/faker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { crmDemo } from './crm.demo.js';

let a: DatabaseHandle;
let b: DatabaseHandle;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

const snapshot = async (h: DatabaseHandle) => ({
  orgs: await h.db.selectFrom('crm.organizations').select(['name', 'domain']).orderBy('domain').execute(),
  opps: await h.db.selectFrom('crm.opportunities').select(['name', 'amount', 'status']).orderBy('name').execute(),
  leads: await h.db.selectFrom('crm.leads').select(['name', 'status']).orderBy('email').execute(),
});

it('the same seed and size give the same CRM; a rerun adds nothing', async () => {
  const log = () => undefined;
  faker.seed(11);
  await crmDemo.generate({ db: a.db, faker, size: 0.4, log });
  faker.seed(11);
  await crmDemo.generate({ db: b.db, faker, size: 0.4, log });
  const first = await snapshot(a);
  expect(first.orgs.length).toBeGreaterThanOrEqual(5);
  expect(first.opps.length).toBeGreaterThanOrEqual(5);
  expect(await snapshot(b)).toEqual(first);
  await crmDemo.generate({ db: a.db, faker, size: 0.4, log });
  expect((await snapshot(a)).orgs).toHaveLength(first.orgs.length);
});
