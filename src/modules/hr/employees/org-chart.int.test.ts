import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { HR, createEmployee, hrWorld, type HrWorld } from './employees.test-support.js';

let t: TestApp;
let w: HrWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await hrWorld(t);
});
afterAll(() => t.close());

describe('org chart', () => {
  type Node = { id: string; directReports: number; reports: Node[] };
  it('nests reports to the requested depth, counting reports beyond it', async () => {
    const top = await createEmployee(t, w.admin.token, { managerId: w.ceo.id });
    const mid = await createEmployee(t, w.admin.token, { managerId: top.id });
    const leaf = await createEmployee(t, w.admin.token, { managerId: mid.id });
    const chart = (depth = '') =>
      t.request<{ items: Node[] }>('GET', `${HR}/employees/${top.id}/org-chart${depth}`, { token: w.other.token });
    const shallow = await chart('?depth=1');
    expect(shallow.status).toBe(200);
    expect(shallow.body.items.map((n) => n.id)).toEqual([top.id]);
    expect(shallow.body.items[0]?.reports).toMatchObject([{ id: mid.id, directReports: 1, reports: [] }]);
    const deep = await chart();
    expect(deep.body.items[0]?.reports[0]?.reports.map((n) => n.id)).toEqual([leaf.id]);
    expect((await chart('?depth=11')).status).toBe(422);
    const roots = await t.request<{ items: Node[] }>('GET', `${HR}/org-chart?depth=1`, { token: w.other.token });
    expect(roots.body.items.map((n) => n.id)).toContain(w.ceo.id);
    expect(roots.body.items.find((n) => n.id === w.ceo.id)?.reports.map((n) => n.id)).toEqual(
      expect.arrayContaining([w.mgr.id, w.payMgr.id, w.other.id]),
    );
  });
});
