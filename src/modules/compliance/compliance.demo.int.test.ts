import { faker } from '@faker-js/faker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { complianceDemo } from './compliance.demo.js';
import { COLLECTORS } from './compliance.module.js';

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
  ]).toEqual([5, 4, 3, 4, COLLECTORS.length]);
  const results = await db.db.selectFrom('compliance.assessment_results').select('status').execute();
  expect(results).toHaveLength(5);
  expect(await db.db.selectFrom('compliance.findings').select('status').execute()).toEqual([{ status: 'open' }]);
  const runs = await db.db
    .selectFrom('compliance.collector_runs')
    .select(['collector', 'status'])
    .orderBy('collector')
    .execute();
  expect(runs.every((r) => r.status === 'passed')).toBe(true);

  // Two policies, one linked to a control; acknowledged in part (here, without HR's demo: by the officer).
  const policies = await db.db.selectFrom('compliance.policies').select(['id', 'title']).orderBy('title').execute();
  expect(policies.map((p) => p.title)).toEqual(['Acceptable use policy', 'Information security policy']);
  const links = await db.db
    .selectFrom('compliance.control_policies as cp')
    .innerJoin('compliance.controls as c', 'c.id', 'cp.control_id')
    .select(['c.name', 'cp.policy_id'])
    .execute();
  expect(links).toEqual([{ name: 'Access review and least privilege', policy_id: policies[1]!.id }]);
  const acks = await db.db
    .selectFrom('compliance.policy_acknowledgements as a')
    .innerJoin('compliance.policy_versions as v', 'v.id', 'a.policy_version_id')
    .select(['v.policy_id'])
    .execute();
  expect(acks).toEqual([{ policy_id: policies[0]!.id }]);

  await complianceDemo.generate({ db: db.db, faker, size: 0.2, log: (l) => lines.push(l) });
  expect(await count('compliance.controls')).toBe(5);
  expect(
    Number(
      (
        await db.db
          .selectFrom('compliance.policies')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  ).toBe(2);
  expect(lines.at(-1)).toContain('skipped');
});
