import { faker } from '@faker-js/faker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../../../platform/db/create-database.js';
import { employeesDemo } from './employees.demo.js';

let a: DatabaseHandle;
let b: DatabaseHandle;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

const snapshot = async (h: DatabaseHandle) => ({
  employees: await h.db
    .selectFrom('hr.employees as e')
    .leftJoin('hr.employees as m', 'm.id', 'e.manager_id')
    .select(['e.work_email', 'e.start_date', 'm.work_email as manager'])
    .orderBy('e.work_email')
    .execute(),
  salaries: await h.db
    .selectFrom('hr.compensations')
    .select(['base_salary', 'effective_date'])
    .orderBy('base_salary')
    .orderBy('effective_date')
    .execute(),
  changes: await h.db
    .selectFrom('hr.job_changes')
    .select(['effective_date', 'reason'])
    .orderBy('effective_date')
    .orderBy('reason')
    .execute(),
});

it('the same seed and size give the same organization; a rerun adds nothing', async () => {
  const log = () => undefined;
  faker.seed(5);
  await employeesDemo({ db: a.db, faker, size: 0.6, log });
  faker.seed(5);
  await employeesDemo({ db: b.db, faker, size: 0.6, log });
  const first = await snapshot(a);
  expect(first.employees.length).toBe(15);
  expect(first.salaries).toHaveLength(15);
  expect(first.employees.filter((e) => e.manager === null)).toHaveLength(1);
  expect(await snapshot(b)).toEqual(first);
  await employeesDemo({ db: a.db, faker, size: 0.6, log });
  expect((await snapshot(a)).employees).toHaveLength(15);
  // Each demo user's name is the name on their employee record (issue #25, item 13).
  const linked = await a.db
    .selectFrom('hr.employees as e')
    .innerJoin('auth.users as u', 'u.id', 'e.user_id')
    .select(['e.first_name', 'e.last_name', 'u.name'])
    .execute();
  expect(linked).toHaveLength(3);
  for (const l of linked) expect(l.name).toBe(`${l.first_name} ${l.last_name}`);
});
