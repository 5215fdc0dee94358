import type { TestApp } from '../../../../test/harness/test-app.js';

/**
 * Test set-up for leave: employees inserted straight into hr.employees (the employees API is built
 * elsewhere), each linked to a user made with `userWithRoles`.
 */
export const HR = '/api/v1/hr';

export interface Person {
  employeeId: string;
  userId: string;
  token: string;
}

let seq = 0;

export async function createLocation(t: TestApp, name = `Office ${++seq}-${Date.now()}`): Promise<string> {
  const row = await t.db
    .insertInto('hr.locations')
    .values({ name, country_code: 'GB', address: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createDepartment(t: TestApp, name: string): Promise<string> {
  const row = await t.db.insertInto('hr.departments').values({ name }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface PersonOptions {
  roles?: string[];
  managerId?: string | null;
  locationId?: string | null;
  departmentId?: string | null;
  startDate?: string;
  endDate?: string | null;
  linked?: boolean;
}

/** An employee (and, unless linked: false, a signed-in user linked to it). */
export async function createPerson(t: TestApp, options: PersonOptions = {}): Promise<Person> {
  const n = ++seq;
  let userId = '';
  let token = '';
  if (options.linked !== false) {
    const user = await t.userWithRoles(options.roles ?? ['employee']);
    userId = user.id;
    token = user.token;
  }
  const row = await t.db
    .insertInto('hr.employees')
    .values({
      first_name: `First${n}`,
      last_name: `Last${String(n).padStart(4, '0')}`,
      work_email: `person${n}-${Date.now()}@example.com`,
      home_address: null,
      start_date: options.startDate ?? '2020-01-01',
      end_date: options.endDate ?? null,
      status: options.endDate ? 'terminated' : 'active',
      manager_id: options.managerId ?? null,
      location_id: options.locationId ?? null,
      department_id: options.departmentId ?? null,
      user_id: userId || null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { employeeId: row.id, userId, token };
}

export interface LeaveTypeBody {
  code: string;
  name?: string;
  yearlyAllowance: number | string;
  allowNegative?: boolean;
  requiresApproval?: boolean;
  paid?: boolean;
  carryOverMax?: number | string;
  carryOverExpiryMonth?: number | null;
}

export async function createLeaveType(t: TestApp, adminToken: string, body: LeaveTypeBody): Promise<string> {
  const res = await t.request<{ id: string }>('POST', `${HR}/leave/types`, {
    token: adminToken,
    body: { name: body.code, ...body },
  });
  if (res.status !== 201) throw new Error(`leave type: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export interface LeaveRequestBody {
  employeeId?: string;
  leaveTypeId: string;
  startDate: string;
  endDate: string;
  startPortion?: 'full' | 'pm';
  endPortion?: 'full' | 'am';
  reason?: string;
  submit?: boolean;
}

export interface RequestView {
  id: string;
  status: string;
  days: string;
  version: number;
  employee: { id: string };
  decisionComment: string | null;
  decidedBy: string | null;
  approver?: { kind: 'manager'; employeeId: string; name: string } | { kind: 'hr' } | null;
}

export interface Problem {
  type: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

export const requestLeave = (t: TestApp, token: string, body: LeaveRequestBody) =>
  t.request<RequestView & Problem>('POST', `${HR}/leave/requests`, { token, body });

export const act = (t: TestApp, token: string, id: string, action: string, body: Record<string, unknown>) =>
  t.request<RequestView & Problem>('POST', `${HR}/leave/requests/${id}/${action}`, { token, body });

export interface BalanceView {
  leaveType: { code: string };
  entitlement: string;
  carriedOver: string;
  carriedOverExpiresOn: string | null;
  expired: string;
  taken: string;
  pending: string;
  available: string;
}

export async function balanceOf(t: TestApp, token: string, employeeId: string, year: number, code: string) {
  const res = await t.request<{ items: BalanceView[] }>(
    'GET',
    `${HR}/employees/${employeeId}/leave-balances?year=${year}`,
    { token },
  );
  if (res.status !== 200) throw new Error(`balances: ${res.status} ${JSON.stringify(res.body)}`);
  const found = res.body.items.find((b) => b.leaveType.code === code);
  if (!found) throw new Error(`no balance for ${code}`);
  return found;
}
