import { faker } from '@faker-js/faker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import { workRegistry } from '../../app/jobs.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { drainJobs } from '../../platform/jobs/local-worker.js';
import { actorOf, createUser } from '../auth/index.js';
import { createProject, CreateProjectBody } from '../projects/index.js';
import { automationDemo } from './automation.demo.js';

let db: DatabaseHandle;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

it('publishes the demo flows as the Projects and CRM demo people, and the purchase request waits for a manager; a rerun adds nothing', async () => {
  const log = () => undefined;
  const system = { actor: null, requestId: 'test' };
  // The people the Projects and CRM demos make (only those the flows run as, here).
  const pm = await createUser(db.db, system, {
    email: 'project-manager@demo.test',
    name: 'Pat Manager',
    password: 'demo-password-2026',
    roles: ['project-manager', 'manager', 'employee'],
  });
  await createUser(db.db, system, {
    email: 'sales-manager@demo.test',
    name: 'Sam Sales',
    password: 'demo-password-2026',
    roles: ['sales-manager', 'manager', 'employee'],
  });
  await createUser(db.db, system, {
    email: 'finance@demo.test',
    name: 'Fin Ance',
    password: 'demo-password-2026',
    roles: ['finance-admin', 'employee'],
  });
  await createUser(db.db, system, {
    email: 'hr@demo.test',
    name: 'Hana Resources',
    password: 'demo-password-2026',
    roles: ['hr-admin', 'employee'],
  });
  const pmCtx = { actor: (await actorOf(db.db, pm.id))!, requestId: 'test' };
  const project = await createProject(
    db.db,
    pmCtx,
    CreateProjectBody.parse({ code: 'DELIV', name: 'Delivery', status: 'active' }),
  );
  await automationDemo.generate({ db: db.db, faker, size: 0.3, log });

  const flows = await db.db
    .selectFrom('automation.flows')
    .select(['name', 'published_version', 'enabled'])
    .orderBy('name')
    .execute();
  expect(flows).toEqual([
    { name: 'Deal over 10,000 won: kick-off task and tell finance', published_version: 1, enabled: true },
    { name: 'Leave longer than 10 days needs HR approval too', published_version: 1, enabled: true },
    { name: 'Log a follow-up on an organization', published_version: 1, enabled: true },
    { name: 'Milestone reached: approve the next phase', published_version: 1, enabled: true },
    { name: 'Purchase request', published_version: 1, enabled: true },
    { name: 'Weekly: follow up stale opportunities', published_version: 1, enabled: true },
  ]);

  // The purchase request's run: 1,450 EUR is above 1,000, so it waits at the manager's approval.
  await drainJobs(db.db, workRegistry);
  // The deal flow's kick-off task goes to the project manager's project; finance is emailed.
  const dealFlow = await db.db
    .selectFrom('automation.flows as f')
    .innerJoin('automation.flow_versions as v', (j) => j.onRef('v.flow_id', '=', 'f.id'))
    .select('v.definition')
    .where('f.name', '=', 'Deal over 10,000 won: kick-off task and tell finance')
    .executeTakeFirstOrThrow();
  expect(JSON.stringify(dealFlow.definition)).toContain(project.id);
  expect(JSON.stringify(dealFlow.definition)).toContain('finance@demo.test');
  const runs = await db.db.selectFrom('automation.executions').select(['status', 'next_step', 'error']).execute();
  expect(runs).toEqual([{ status: 'waiting', next_step: 'approve', error: null }]);
  const approvals = await db.db
    .selectFrom('automation.approvals')
    .select(['assignee_role', 'status', 'title'])
    .execute();
  expect(approvals).toEqual([
    { assignee_role: 'manager', status: 'pending', title: 'Purchase request over 1,000 EUR' },
  ]);

  await automationDemo.generate({ db: db.db, faker, size: 0.3, log });
  expect(await db.db.selectFrom('automation.flows').select('id').execute()).toHaveLength(6);
  // The organization flow is offered on organizations' pages.
  expect(
    await db.db
      .selectFrom('automation.flows')
      .select('name')
      .where('trigger_record', '=', 'crm.organization')
      .execute(),
  ).toEqual([{ name: 'Log a follow-up on an organization' }]);
  expect(await db.db.selectFrom('automation.webhook_endpoints').select(['name', 'enabled']).execute()).toEqual([
    { name: 'Finance system (demo)', enabled: false },
  ]);
});
