import { faker } from '@faker-js/faker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import { analyticsDemo, EXECUTIVE_DASHBOARD } from './analytics.demo.js';
import { analyticsClient } from './analytics.test-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Results = { cards: { title: string; visualization: string; result: unknown; problem: unknown }[] };

it('makes the executive dashboard (revenue, pipeline, headcount, AR aging) that runs for an admin; a rerun adds nothing', async () => {
  const admin = await t.userWithRoles(['admin']);
  const log = () => undefined;
  await analyticsDemo.generate({ db: t.db, faker, size: 0.3, log });
  await analyticsDemo.generate({ db: t.db, faker, size: 0.3, log });
  const boards = await t.db
    .selectFrom('analytics.dashboards')
    .select('id')
    .where('name', '=', EXECUTIVE_DASHBOARD)
    .execute();
  expect(boards).toHaveLength(1);
  const analytics = analyticsClient(t);
  const res = await analytics<Results>('POST', `/dashboards/${boards[0]!.id}/results`, { token: admin.token });
  expect(res.status).toBe(200);
  expect(res.body.cards.map((c) => [c.title, c.visualization, c.problem])).toEqual([
    ['Revenue by month', 'line', null],
    ['Open pipeline by stage', 'bar', null],
    ['Headcount by department', 'bar', null],
    ['Receivables aging', 'bar', null],
  ]);
  // A manager (shared by role) runs it too: cards of datasets they may not query say why.
  const manager = await t.userWithRoles(['manager']);
  const seen = await analytics<Results>('POST', `/dashboards/${boards[0]!.id}/results`, { token: manager.token });
  expect(seen.status).toBe(200);
  expect(seen.body.cards).toHaveLength(4);
});
