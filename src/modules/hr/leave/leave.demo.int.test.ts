import { faker } from '@faker-js/faker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../../../platform/db/create-database.js';
import { leaveDemo } from './leave.demo.js';

let a: DatabaseHandle;
let b: DatabaseHandle;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

/** A small organization, as the employees demo would leave it (some people without a user). */
async function organization(h: DatabaseHandle) {
  const location = await h.db
    .insertInto('hr.locations')
    .values({ name: 'Demo HQ', country_code: 'GB', address: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  let managerId: string | null = null;
  for (let i = 0; i < 8; i++) {
    const row: { id: string } = await h.db
      .insertInto('hr.employees')
      .values({
        first_name: `Demo${i}`,
        last_name: 'Person',
        work_email: `demo${i}@example.com`,
        home_address: null,
        start_date: '2020-01-01',
        location_id: location.id,
        manager_id: managerId,
        user_id: i % 2 === 0 ? `00000000-0000-4000-8000-00000000000${i}` : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (i === 0) managerId = row.id;
  }
}

const snapshot = async (h: DatabaseHandle) => ({
  types: await h.db.selectFrom('hr.leave_types').select(['code', 'yearly_allowance']).orderBy('code').execute(),
  holidays: await h.db.selectFrom('hr.public_holidays').select(['date', 'name']).orderBy('date').execute(),
  requests: await h.db
    .selectFrom('hr.leave_requests as r')
    .innerJoin('hr.employees as e', 'e.id', 'r.employee_id')
    .select(['e.first_name', 'r.start_date', 'r.end_date', 'r.days', 'r.status'])
    .orderBy('e.first_name')
    .orderBy('r.start_date')
    .execute(),
});

it('does nothing without employees; the same seed gives the same leave; a rerun adds nothing', async () => {
  const log = () => undefined;
  await leaveDemo({ db: a.db, faker, size: 1, log });
  expect((await snapshot(a)).types).toEqual([]);

  await Promise.all([organization(a), organization(b)]);
  faker.seed(5);
  await leaveDemo({ db: a.db, faker, size: 1, log });
  faker.seed(5);
  await leaveDemo({ db: b.db, faker, size: 1, log });
  const first = await snapshot(a);
  expect(first.types.map((t) => t.code)).toEqual(['annual', 'sick', 'unpaid']);
  expect(first.holidays).toHaveLength(8);
  expect(new Set(first.requests.map((r) => r.status))).toEqual(
    new Set(['draft', 'submitted', 'approved', 'rejected', 'cancelled']),
  );
  expect(await snapshot(b)).toEqual(first);
  await leaveDemo({ db: a.db, faker, size: 1, log });
  expect((await snapshot(a)).requests).toHaveLength(first.requests.length);
});
