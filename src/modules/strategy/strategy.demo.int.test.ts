import { faker } from '@faker-js/faker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { strategyDemo } from './strategy.demo.js';

let db: DatabaseHandle;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const count = async (
  table:
    'strategy.objectives' | 'strategy.snapshots' | 'strategy.kpis' | 'strategy.check_ins' | 'strategy.objective_links',
) =>
  Number(
    (
      await db.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

it('makes a company cycle with metric-bound objectives, cascades, check-ins, KPIs and map links; a rerun adds nothing', async () => {
  const lines: string[] = [];
  faker.seed(3);
  await strategyDemo.generate({ db: db.db, faker, size: 0.3, log: (l) => lines.push(l) });
  const cycles = await db.db.selectFrom('strategy.cycles').selectAll().execute();
  expect(cycles).toHaveLength(1);
  expect(cycles[0]!.name).toMatch(/^Company \d{4} Q[1-4]$/);
  expect(await count('strategy.objectives')).toBe(6);
  const bound = await db.db
    .selectFrom('strategy.key_results')
    .select('metric_key')
    .where('kind', '=', 'metric')
    .execute();
  expect(bound.map((b) => b.metric_key!.split('.')[0]).sort()).toEqual([
    'crm',
    'crm',
    'finance',
    'finance',
    'hr',
    'hr',
  ]);
  expect(await count('strategy.snapshots')).toBe(6);
  expect(await count('strategy.kpis')).toBe(6);
  expect(await count('strategy.objective_links')).toBe(2);
  expect(await count('strategy.check_ins')).toBe(2);
  const levels = await db.db
    .selectFrom('strategy.objectives')
    .select('level')
    .where('parent_id', 'is not', null)
    .execute();
  expect(levels.map((l) => l.level).sort()).toEqual(['department', 'department', 'person']);

  await strategyDemo.generate({ db: db.db, faker, size: 0.3, log: (l) => lines.push(l) });
  expect(await count('strategy.objectives')).toBe(6);
  expect(lines.at(-1)).toMatch(/skipped/);
});
