import { faker } from '@faker-js/faker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../../../platform/db/create-database.js';
import { payrollDemo } from './payroll.demo.js';

let a: DatabaseHandle;
let b: DatabaseHandle;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

/** What the employees demo would have made: a few employees, one already with a salary. */
async function employees(h: DatabaseHandle) {
  for (let i = 0; i < 4; i++) {
    const row = await h.db
      .insertInto('hr.employees')
      .values({
        first_name: `Demo${i}`,
        last_name: 'Person',
        work_email: `demo${i}@example.com`,
        personal_email: null,
        work_phone: null,
        personal_phone: null,
        birth_date: null,
        home_address: null,
        department_id: null,
        position_id: null,
        location_id: null,
        manager_id: null,
        start_date: '2024-03-01',
        end_date: null,
        termination_reason: null,
        user_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (i === 0)
      await h.db
        .insertInto('hr.compensations')
        .values({
          employee_id: row.id,
          effective_date: '2024-03-01',
          base_salary: '60000.00',
          currency: 'USD',
          pay_frequency: 'monthly',
          reason: null,
          created_by: null,
        })
        .execute();
  }
}

const snapshot = async (h: DatabaseHandle) => ({
  salaries: await h.db.selectFrom('hr.compensations').select(['base_salary']).orderBy('base_salary').execute(),
  runs: await h.db
    .selectFrom('hr.payroll_runs')
    .select(['period_start', 'status', 'total_gross', 'total_net', 'employee_count'])
    .orderBy('period_start')
    .execute(),
});

it('adds salaries and components, approves last month (posted to Finance) and drafts this month; deterministic; a rerun adds nothing', async () => {
  const log = () => undefined;
  await payrollDemo({ db: a.db, faker, size: 1, log }); // no employees yet: nothing happens
  expect(await a.db.selectFrom('hr.payroll_runs').select('id').execute()).toEqual([]);
  await Promise.all([employees(a), employees(b)]);
  faker.seed(5);
  await payrollDemo({ db: a.db, faker, size: 1, log });
  faker.seed(5);
  await payrollDemo({ db: b.db, faker, size: 1, log });
  const first = await snapshot(a);
  expect(first.salaries).toHaveLength(4);
  expect(first.runs.map((r) => [r.status, r.employee_count])).toEqual([
    ['approved', 4],
    ['draft', 0],
  ]);
  const run = await a.db
    .selectFrom('hr.payroll_runs')
    .select(['id', 'journal_entry_id'])
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  const entry = await a.db
    .selectFrom('finance.journal_entries')
    .select(['status', 'source_id'])
    .where('id', '=', run.journal_entry_id!)
    .executeTakeFirstOrThrow();
  expect(entry).toEqual({ status: 'posted', source_id: run.id });
  expect(await snapshot(b)).toEqual(first);
  await payrollDemo({ db: a.db, faker, size: 1, log });
  expect((await snapshot(a)).runs).toHaveLength(2);
});
