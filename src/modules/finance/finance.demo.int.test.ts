import { faker } from '@faker-js/faker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { financeDemo } from './finance.demo.js';
import { trialBalance } from './reports/trial-balance.js';

let db: DatabaseHandle;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

it('posts two years of balanced demo books, deterministic for a seed, and only once', async () => {
  const lines: string[] = [];
  faker.seed(11);
  await financeDemo.generate({ db: db.db, faker, size: 0.2, log: (l) => lines.push(l) });
  const count = async () =>
    Number(
      (
        await db.db
          .selectFrom('finance.journal_entries')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('status', '=', 'posted')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const first = await count();
  expect(first).toBeGreaterThan(100);
  const tb = await trialBalance(db.db, '2999-12-31');
  expect(tb.balanced).toBe(true);
  expect(tb.rows.find((r) => r.code === '3100')?.balance).toBe('-50000.00');
  await financeDemo.generate({ db: db.db, faker, size: 0.2, log: (l) => lines.push(l) });
  expect(await count()).toBe(first);
  expect(lines.at(-1)).toContain('skipped');
});
