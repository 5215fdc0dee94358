import { faker } from '@faker-js/faker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { complianceDemo } from './compliance.demo.js';

let db: DatabaseHandle;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

it('imports NIST CSF 2.0 and GDPR, makes controls, evidence, risks and one run of each collector; a rerun adds nothing', async () => {
  const lines: string[] = [];
  faker.seed(7);
  await complianceDemo.generate({ db: db.db, faker, size: 0.2, log: (l) => lines.push(l) });
  const frameworks = await db.db
    .selectFrom('compliance.frameworks')
    .select(['key', 'requirement_count'])
    .orderBy('key')
    .execute();
  expect(frameworks).toEqual([
    { key: 'gdpr', requirement_count: 110 },
    { key: 'nist-csf', requirement_count: 134 },
  ]);
  const count = async (
    table:
      | 'compliance.controls'
      | 'compliance.risks'
      | 'compliance.evidence'
      | 'compliance.requirement_mappings'
      | 'compliance.collector_runs',
  ) =>
    Number(
      (
        await db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  expect([
    await count('compliance.controls'),
    await count('compliance.risks'),
    await count('compliance.evidence'),
    await count('compliance.requirement_mappings'),
    await count('compliance.collector_runs'),
  ]).toEqual([5, 4, 3, 4, 5]);
  const results = await db.db.selectFrom('compliance.assessment_results').select('status').execute();
  expect(results).toHaveLength(5);
  expect(await db.db.selectFrom('compliance.findings').select('status').execute()).toEqual([{ status: 'open' }]);
  const runs = await db.db
    .selectFrom('compliance.collector_runs')
    .select(['collector', 'status'])
    .orderBy('collector')
    .execute();
  expect(runs.every((r) => r.status === 'passed')).toBe(true);

  await complianceDemo.generate({ db: db.db, faker, size: 0.2, log: (l) => lines.push(l) });
  expect(await count('compliance.controls')).toBe(5);
  expect(lines.at(-1)).toContain('skipped');
});
