import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../../../test/harness/test-app.js';

export const HR = '/api/v1/hr';

export interface TestEmployee {
  id: string;
  employeeNumber: string;
  /** The signed-in user linked to the employee (when made with roles). */
  userId: string | null;
  token: string;
}

/**
 * An employee inserted straight into hr.employees (the employees API is another part's work),
 * linked to a new user with these roles when `roles` is given.
 */
export async function hrEmployee(
  t: TestApp,
  options: {
    roles?: string[];
    managerId?: string | null;
    startDate?: string;
    endDate?: string | null;
    firstName?: string;
    lastName?: string;
  } = {},
): Promise<TestEmployee> {
  const user = options.roles ? await t.userWithRoles(options.roles) : null;
  const tag = randomUUID().slice(0, 8);
  const row = await t.db
    .insertInto('hr.employees')
    .values({
      first_name: options.firstName ?? 'Test',
      last_name: options.lastName ?? `Person ${tag}`,
      work_email: `emp-${tag}@example.com`,
      personal_email: null,
      work_phone: null,
      personal_phone: null,
      birth_date: null,
      home_address: null,
      department_id: null,
      position_id: null,
      location_id: null,
      manager_id: options.managerId ?? null,
      start_date: options.startDate ?? '2020-01-01',
      end_date: options.endDate ?? null,
      status: options.endDate ? 'terminated' : 'active',
      termination_reason: null,
      user_id: user?.id ?? null,
    })
    .returning(['id', 'employee_number'])
    .executeTakeFirstOrThrow();
  return { id: row.id, employeeNumber: row.employee_number, userId: user?.id ?? null, token: user?.token ?? '' };
}

/** A custom role holding only hr:compensation (combine it with `manager` in tests). */
export async function compensationRole(t: TestApp, adminToken: string): Promise<string> {
  const name = 'comp-reader';
  const res = await t.request('POST', '/api/v1/auth/roles', {
    token: adminToken,
    body: { name, description: 'Sees salaries of the people they see in full', permissions: ['hr:compensation'] },
  });
  if (res.status !== 201 && res.status !== 409) throw new Error(`role: ${res.status} ${JSON.stringify(res.body)}`);
  return name;
}

export async function setSalary(
  t: TestApp,
  token: string,
  employeeId: string,
  body: { effectiveDate: string; baseSalary: string; currency?: string; payFrequency?: string; reason?: string },
) {
  const res = await t.request('POST', `${HR}/employees/${employeeId}/compensation`, {
    token,
    body: { currency: 'USD', payFrequency: 'monthly', ...body },
  });
  if (res.status !== 201) throw new Error(`compensation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function addComponent(t: TestApp, token: string, employeeId: string, body: Record<string, unknown>) {
  const res = await t.request<{ id: string; version: number }>('POST', `${HR}/employees/${employeeId}/pay-components`, {
    token,
    body,
  });
  if (res.status !== 201) throw new Error(`component: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface RunBody {
  id: string;
  status: string;
  version: number;
  totals: { employees: number; gross: string; deductions: string; net: string } | null;
  excluded?: { employeeId: string; reason: string; detail: string }[];
  journalEntryId: string | null;
  exchangeRate: string | null;
}

/** Creates a run and moves it to `until` (calculated or reviewed). */
export async function runUntil(
  t: TestApp,
  token: string,
  body: { periodStart: string; periodEnd: string; payDate?: string; currency?: string; payFrequency?: string },
  until: 'draft' | 'calculated' | 'reviewed' = 'reviewed',
): Promise<RunBody> {
  const step = async (path: string, b: unknown, status = 200) => {
    const res = await t.request<RunBody>('POST', path, { token, body: b });
    if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  let run = await step(`${HR}/payroll/runs`, { currency: 'USD', payDate: body.periodEnd, ...body }, 201);
  if (until === 'draft') return run;
  run = await step(`${HR}/payroll/runs/${run.id}/calculate`, { version: run.version });
  if (until === 'calculated') return run;
  return step(`${HR}/payroll/runs/${run.id}/review`, { version: run.version });
}
