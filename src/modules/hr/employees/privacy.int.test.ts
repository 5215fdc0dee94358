import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { HR, hrWorld, type HrWorld } from './employees.test-support.js';

/** What only a full view may carry, and what only a compensation view may carry. */
const FULL_ONLY = [
  'personalEmail',
  'personalPhone',
  'birthDate',
  'homeAddress',
  'employmentType',
  'startDate',
  'endDate',
  'terminationReason',
  'userId',
  'version',
];
type Body = Record<string, unknown> & { access?: string; compensation?: { baseSalary: string } | null };

let t: TestApp;
let w: HrWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await hrWorld(t);
});
afterAll(() => t.close());

const get = (id: string, token: string) => t.request<Body>('GET', `${HR}/employees/${id}`, { token });

async function expectCard(id: string, token: string) {
  const res = await get(id, token);
  expect(res.status).toBe(200);
  expect(res.body.access).toBe('directory');
  expect(res.body.workEmail).toEqual(expect.any(String));
  for (const key of [...FULL_ONLY, 'compensation']) expect(res.body).not.toHaveProperty(key);
}
async function expectFull(id: string, token: string, salary: boolean) {
  const res = await get(id, token);
  expect(res.status).toBe(200);
  expect(res.body.access).toBe('full');
  expect(res.body.birthDate).toBe('1990-05-01');
  expect(res.body.personalEmail).toEqual(expect.any(String));
  if (salary)
    expect(res.body.compensation).toMatchObject({ baseSalary: expect.stringMatching(/^\d+\.00$/), currency: 'EUR' });
  else expect(res.body).not.toHaveProperty('compensation');
}

describe('GET /employees/{id}: who sees what', () => {
  it('an employee sees themselves in full with their salary, their own report in full without it, others as cards', async () => {
    await expectFull(w.emp.id, w.emp.token, true);
    await expectFull(w.sub.id, w.emp.token, false);
    await expectCard(w.mgr.id, w.emp.token);
    await expectCard(w.other.id, w.emp.token);
    await expectCard(w.payReport.id, w.emp.token);
  });

  it('a manager sees direct and indirect reports in full, never their salary; others as cards', async () => {
    await expectFull(w.mgr.id, w.mgr.token, true);
    await expectFull(w.emp.id, w.mgr.token, false);
    await expectFull(w.sub.id, w.mgr.token, false);
    await expectCard(w.other.id, w.mgr.token);
    await expectCard(w.ceo.id, w.mgr.token);
  });

  it('a manager with hr:compensation sees their reports’ salaries, not other people’s', async () => {
    await expectFull(w.payReport.id, w.payMgr.token, true);
    await expectCard(w.emp.id, w.payMgr.token);
    await expectCard(w.ceo.id, w.payMgr.token);
  });

  it('the top manager sees everyone in full, but salaries only of themselves', async () => {
    await expectFull(w.sub.id, w.ceo.token, false);
    await expectFull(w.payReport.id, w.ceo.token, false);
    await expectFull(w.ceo.id, w.ceo.token, true);
  });

  it('hr-admin sees everyone in full with salaries', async () => {
    for (const id of [w.ceo.id, w.emp.id, w.sub.id, w.payReport.id]) await expectFull(id, w.admin.token, true);
  });

  it('without hr:read: 403 everywhere; without a token: 401', async () => {
    for (const path of [
      `/employees/${w.emp.id}`,
      '/employees',
      '/employees/export.csv',
      `/employees/${w.emp.id}/history`,
      `/employees/${w.emp.id}/org-chart`,
      '/org-chart',
      '/departments',
      '/departments/tree',
      '/locations',
      '/positions',
    ]) {
      expect((await t.request('GET', `${HR}${path}`, { token: w.outsider.token })).status, path).toBe(403);
      expect((await t.request('GET', `${HR}${path}`)).status, path).toBe(401);
    }
  });
});

describe('lists, exports, history and org charts respect the same rules', () => {
  it('the directory list carries cards only, whoever asks', async () => {
    for (const token of [w.emp.token, w.mgr.token, w.admin.token]) {
      const res = await t.request<{ items: Body[] }>('GET', `${HR}/employees?limit=200`, { token });
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(7);
      for (const item of res.body.items) {
        expect(item.access).toBe('directory');
        for (const key of [...FULL_ONLY, 'compensation']) expect(item).not.toHaveProperty(key);
      }
    }
  });

  it('the CSV has full columns only on rows the caller sees in full, and never salaries', async () => {
    const csv = async (token: string) => {
      const res = await t.request<string>('GET', `${HR}/employees/export.csv?sort=lastName`, { token });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/csv/);
      const [header, ...rows] = res.body
        .trim()
        .split('\r\n')
        .map((l) => l.split(','));
      return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? '']))) };
    };
    const mine = await csv(w.mgr.token);
    expect(mine.header).toContain('birth_date');
    expect(mine.header.join()).not.toMatch(/salary/);
    const byName = (rows: Record<string, string>[], last: string) => rows.find((r) => r.last_name === last)!;
    expect(byName(mine.rows, 'Employee').birth_date).toBe('1990-05-01');
    expect(byName(mine.rows, 'Sub').birth_date).toBe('1990-05-01');
    expect(byName(mine.rows, 'Other').birth_date).toBe('');
    expect(byName(mine.rows, 'Other').personal_email).toBe('');
    expect(byName(mine.rows, 'Other').work_email).toMatch(/@work\.example$/);

    const noEmployee = await t.userWithRoles(['employee']);
    const plain = await csv(noEmployee.token);
    expect(plain.header).not.toContain('birth_date');
    expect(plain.rows).toHaveLength(7);

    const all = await csv(w.admin.token);
    expect(all.rows.every((r) => r.birth_date === '1990-05-01')).toBe(true);
  });

  it('history: full viewers only; compensation entries only for those who may see pay', async () => {
    type Page = { items: { type: string; baseSalary?: string }[] };
    const types = async (id: string, token: string) => {
      const res = await t.request<Page>('GET', `${HR}/employees/${id}/history`, { token });
      expect(res.status).toBe(200);
      return res.body.items.map((i) => i.type).sort();
    };
    expect(await types(w.emp.id, w.emp.token)).toEqual(['compensation', 'job']);
    expect(await types(w.emp.id, w.mgr.token)).toEqual(['job']);
    expect(await types(w.payReport.id, w.payMgr.token)).toEqual(['compensation', 'job']);
    expect(await types(w.sub.id, w.admin.token)).toEqual(['compensation', 'job']);
    const blocked = await t.request('GET', `${HR}/employees/${w.mgr.id}/history`, { token: w.emp.token });
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({ type: 'https://moms.dev/problems/employee-not-visible' });
    const missing = await t.request('GET', `${HR}/employees/00000000-0000-4000-8000-000000000000/history`, {
      token: w.admin.token,
    });
    expect(missing.status).toBe(404);
  });

  it('org charts carry directory fields only', async () => {
    const res = await t.request<{ items: Body[] }>('GET', `${HR}/org-chart?depth=10`, { token: w.emp.token });
    expect(res.status).toBe(200);
    const seen: Body[] = [];
    const walk = (nodes: Body[]) =>
      nodes.forEach((n) => {
        seen.push(n);
        walk(n.reports as Body[]);
      });
    walk(res.body.items);
    expect(seen).toHaveLength(7);
    for (const node of seen) for (const key of [...FULL_ONLY, 'compensation']) expect(node).not.toHaveProperty(key);
  });

  it('a PATCH answer shows a manager no salary of the report they changed', async () => {
    const before = await t.request<Body>('GET', `${HR}/employees/${w.sub.id}`, { token: w.admin.token });
    const res = await t.request<Body>('PATCH', `${HR}/employees/${w.sub.id}`, {
      token: w.mgr.token,
      body: { version: before.body.version, workPhone: '+33 1 23 45 67 89' },
    });
    expect(res.status).toBe(200);
    expect(res.body.access).toBe('full');
    expect(res.body).not.toHaveProperty('compensation');
  });
});
