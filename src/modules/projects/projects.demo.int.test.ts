import { faker } from '@faker-js/faker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { sql } from 'kysely';
import { projectsDemo } from './projects.demo.js';

let db: DatabaseHandle;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

it('makes a project of each billing method with tasks, dependencies, approved time and one invoiced period; a rerun adds nothing', async () => {
  const log = () => undefined;
  faker.seed(5);
  // Finance's demo makes the customers the web shop invoices (one, here, for speed).
  await sql`insert into finance.parties (kind, name) values ('customer', 'Demo client')`.execute(db.db);
  await projectsDemo.generate({ db: db.db, faker, size: 0.3, log });
  const projects = await db.db
    .selectFrom('projects.projects')
    .select(['code', 'billing_method'])
    .orderBy('code')
    .execute();
  expect(projects.map((p) => p.billing_method).sort()).toEqual(['fixed_price', 'non_billable', 'time_and_materials']);
  const count = async (
    table: 'projects.tasks' | 'projects.dependencies' | 'projects.time_entries' | 'projects.invoices',
  ) =>
    Number(
      (
        await db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  expect(await count('projects.tasks')).toBeGreaterThanOrEqual(30);
  expect(await count('projects.dependencies')).toBe(6);
  expect(await count('projects.invoices')).toBe(1);
  const invoiced = await db.db
    .selectFrom('projects.time_entries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('invoice_id', 'is not', null)
    .executeTakeFirstOrThrow();
  expect(Number(invoiced.n)).toBeGreaterThan(0);
  const before = await count('projects.time_entries');
  await projectsDemo.generate({ db: db.db, faker, size: 0.3, log });
  expect(await count('projects.time_entries')).toBe(before);
});
