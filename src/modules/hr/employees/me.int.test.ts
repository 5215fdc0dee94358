import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { HR, hrWorld, type HrWorld } from './employees.test-support.js';

type Body = Record<string, unknown> & {
  id?: string;
  access?: string;
  userId?: string | null;
  compensation?: { baseSalary: string; currency: string } | null;
  type?: string;
  detail?: string;
};

let t: TestApp;
let w: HrWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await hrWorld(t);
});
afterAll(() => t.close());

const me = (token?: string) => t.request<Body>('GET', `${HR}/me`, token ? { token } : {});
const userIdOf = async (employeeId: string) =>
  (await t.db.selectFrom('hr.employees').select('user_id').where('id', '=', employeeId).executeTakeFirstOrThrow())
    .user_id;

describe('GET /me: your own employee record', () => {
  it('an employee gets their full record with their salary and user link, as GET /employees/{id} gives it', async () => {
    const res = await me(w.emp.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: w.emp.id, access: 'full', birthDate: '1990-05-01' });
    expect(res.body.userId).toBe(await userIdOf(w.emp.id));
    expect(res.body.compensation).toMatchObject({ baseSalary: expect.stringMatching(/^\d+\.00$/), currency: 'EUR' });
    const byId = await t.request<Body>('GET', `${HR}/employees/${w.emp.id}`, { token: w.emp.token });
    expect(res.body).toEqual(byId.body);
  });

  it('a manager without hr:compensation still sees their own salary (and only their own record)', async () => {
    const res = await me(w.mgr.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: w.mgr.id, access: 'full' });
    expect(res.body.compensation).toMatchObject({ currency: 'EUR' });
    expect(res.body.userId).toBe(await userIdOf(w.mgr.id));
  });

  it('a user with hr:read but no linked employee record: 404 problem+json saying so', async () => {
    for (const token of [(await t.userWithRoles(['employee'])).token, w.admin.token]) {
      const res = await me(token);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.type).toBe('https://moms.dev/problems/no-employee-record');
      expect(res.body.detail).toMatch(/Your user is not linked to an employee record/);
    }
  });

  it('without hr:read: 403; without a token: 401', async () => {
    expect((await me(w.outsider.token)).status).toBe(403);
    expect((await me()).status).toBe(401);
  });

  it('the directory card never carries the user link; the full view does', async () => {
    const card = await t.request<Body>('GET', `${HR}/employees/${w.other.id}`, { token: w.emp.token });
    expect(card.body.access).toBe('directory');
    expect(card.body).not.toHaveProperty('userId');
    const full = await t.request<Body>('GET', `${HR}/employees/${w.other.id}`, { token: w.admin.token });
    expect(full.body.userId).toBe(await userIdOf(w.other.id));
  });
});

describe('GET /payroll/settings', () => {
  it("gives hr:admin and hr:compensation holders Finance's base currency", async () => {
    for (const token of [w.admin.token, w.payMgr.token]) {
      const res = await t.request<{ baseCurrency: string }>('GET', `${HR}/payroll/settings`, { token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ baseCurrency: expect.stringMatching(/^[A-Z]{3}$/) });
    }
    const base = await t.db.selectFrom('finance.settings').select('base_currency').executeTakeFirstOrThrow();
    const res = await t.request<{ baseCurrency: string }>('GET', `${HR}/payroll/settings`, { token: w.admin.token });
    expect(res.body.baseCurrency).toBe(base.base_currency);
  });

  it('an employee, a manager without hr:compensation and someone without hr:read get 403', async () => {
    for (const token of [w.emp.token, w.mgr.token, w.outsider.token]) {
      const res = await t.request<Body>('GET', `${HR}/payroll/settings`, { token });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
  });
});
