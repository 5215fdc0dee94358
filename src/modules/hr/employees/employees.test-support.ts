import type { TestApp } from '../../../../test/harness/test-app.js';

export const HR = '/api/v1/hr';

export interface Person {
  id: string;
  token: string;
}
/**
 * A small organization for the HR tests. Reporting lines:
 *   ceo ─┬─ mgr ── emp ── sub          (mgr: role manager; emp: role employee)
 *        ├─ payMgr ── payReport        (payMgr: manager + hr:compensation)
 *        └─ other                      (role employee)
 * `outsider` has no hr permission at all; `admin` has hr-admin. Every employee has a salary.
 */
export interface HrWorld {
  admin: Person;
  outsider: Person;
  ceo: Person;
  mgr: Person;
  emp: Person;
  payMgr: Person;
  other: Person;
  sub: { id: string };
  payReport: { id: string };
  departmentId: string;
  positionId: string;
  locationId: string;
}

let seq = 0;
export async function createEmployee(
  t: TestApp,
  token: string,
  body: Record<string, unknown>,
): Promise<{ id: string; version: number }> {
  seq += 1;
  const res = await t.request<{ id: string; version: number }>('POST', `${HR}/employees`, {
    token,
    body: {
      firstName: `First${seq}`,
      lastName: `Last${seq}`,
      workEmail: `person${seq}-${Date.now()}@work.example`,
      startDate: '2024-01-15',
      personalEmail: `home${seq}@mail.example`,
      birthDate: '1990-05-01',
      ...body,
    },
  });
  if (res.status !== 201) throw new Error(`employee: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function created(t: TestApp, token: string, path: string, body: unknown): Promise<string> {
  const res = await t.request<{ id: string }>('POST', `${HR}${path}`, { token, body });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function hrWorld(t: TestApp): Promise<HrWorld> {
  const root = await t.userWithRoles(['admin']);
  const role = await t.request('POST', '/api/v1/auth/roles', {
    token: root.token,
    body: { name: 'pay-viewer', description: 'Sees salaries', permissions: ['hr:compensation'] },
  });
  if (role.status !== 201) throw new Error(`role: ${role.status} ${JSON.stringify(role.body)}`);
  const admin = await t.userWithRoles(['hr-admin']);
  const outsider = await t.userWithRoles(['auditor']);
  const users = {
    ceo: await t.userWithRoles(['manager']),
    mgr: await t.userWithRoles(['manager']),
    emp: await t.userWithRoles(['employee']),
    payMgr: await t.userWithRoles(['manager', 'pay-viewer']),
    other: await t.userWithRoles(['employee']),
  };
  const locationId = await created(t, admin.token, '/locations', {
    name: 'HQ',
    countryCode: 'fr',
    timezone: 'Europe/Paris',
  });
  const departmentId = await created(t, admin.token, '/departments', { name: 'Engineering', code: 'ENG' });
  const positionId = await created(t, admin.token, '/positions', { title: 'Engineer', departmentId });
  const placed = { departmentId, positionId, locationId };
  const ceo = await createEmployee(t, admin.token, {
    ...placed,
    firstName: 'Cora',
    lastName: 'Chief',
    userId: users.ceo.id,
  });
  const mgr = await createEmployee(t, admin.token, {
    ...placed,
    firstName: 'Max',
    lastName: 'Manager',
    managerId: ceo.id,
    userId: users.mgr.id,
  });
  const emp = await createEmployee(t, admin.token, {
    ...placed,
    firstName: 'Eve',
    lastName: 'Employee',
    managerId: mgr.id,
    userId: users.emp.id,
  });
  const sub = await createEmployee(t, admin.token, { ...placed, firstName: 'Sam', lastName: 'Sub', managerId: emp.id });
  const payMgr = await createEmployee(t, admin.token, {
    firstName: 'Pat',
    lastName: 'Paymgr',
    managerId: ceo.id,
    userId: users.payMgr.id,
  });
  const payReport = await createEmployee(t, admin.token, {
    firstName: 'Ray',
    lastName: 'Report',
    managerId: payMgr.id,
  });
  const other = await createEmployee(t, admin.token, {
    firstName: 'Otto',
    lastName: 'Other',
    managerId: ceo.id,
    userId: users.other.id,
  });
  const all = [ceo, mgr, emp, sub, payMgr, payReport, other];
  await t.db
    .insertInto('hr.compensations')
    .values(
      all.map((e, i) => ({
        employee_id: e.id,
        effective_date: '2024-01-15',
        base_salary: `${50000 + i * 1000}.00`,
        currency: 'EUR',
        pay_frequency: 'monthly' as const,
      })),
    )
    .execute();
  const person = (e: { id: string }, u: { token: string }) => ({ id: e.id, token: u.token });
  return {
    admin: { id: admin.id, token: admin.token },
    outsider: { id: outsider.id, token: outsider.token },
    ceo: person(ceo, users.ceo),
    mgr: person(mgr, users.mgr),
    emp: person(emp, users.emp),
    payMgr: person(payMgr, users.payMgr),
    other: person(other, users.other),
    sub: { id: sub.id },
    payReport: { id: payReport.id },
    departmentId,
    positionId,
    locationId,
  };
}
