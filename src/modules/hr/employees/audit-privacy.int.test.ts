import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { compensationRole, setSalary } from '../payroll/payroll.test-support.js';
import { createEmployee } from './employees.test-support.js';

/**
 * Issue #24: the audit log must not show more of HR than HR itself would. An auditor (audit:read)
 * sees that an employee and a salary were recorded, but not the private fields; hr:admin sees them;
 * the chain verifies either way (the stored record is whole).
 */
let t: TestApp;
let hrAdmin: { token: string };
let employeeId: string;
const records = (token: string, entityType: string, entityId: string) =>
  t.request<{
    items: {
      action: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown>;
      redacted: string[];
    }[];
  }>('GET', `/api/v1/audit/records?entityType=${entityType}&entityId=${entityId}`, { token });

beforeAll(async () => {
  t = await createTestApp();
  hrAdmin = await t.userWithRoles(['hr-admin']);
  const employee = await createEmployee(t, hrAdmin.token, {
    personalEmail: 'ada@home.example',
    personalPhone: '+44 20 7946 0000',
    birthDate: '1985-12-10',
    homeAddress: { street: '1 Secret Lane', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
  });
  employeeId = employee.id;
  await setSalary(t, hrAdmin.token, employeeId, { effectiveDate: '2026-01-01', baseSalary: '91000.00' });
});
afterAll(() => t?.close());

const PRIVATE = ['birth_date', 'home_address', 'personal_email', 'personal_phone'];

describe('the audit log and HR privacy, per role', () => {
  it('an auditor sees the employee record with personal fields redacted, and no salary', async () => {
    const auditor = await t.userWithRoles(['auditor']);
    const employee = await records(auditor.token, 'hr.employee', employeeId);
    expect(employee.status).toBe(200);
    const created = employee.body.items.find((r) => r.action === 'employee.created')!;
    expect(created.redacted).toEqual(PRIVATE);
    for (const field of PRIVATE) expect(created.after[field]).toBe('[redacted]');
    expect(created.after.work_email).toMatch(/@work\.example$/); // directory data stays
    expect(JSON.stringify(employee.body)).not.toMatch(/Secret Lane|ada@home|1985-12-10|7946/);

    const all = await t.request<{ items: { entityType: string; after: Record<string, unknown> }[] }>(
      'GET',
      '/api/v1/audit/records?entityType=hr.compensation',
      { token: auditor.token },
    );
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(all.body)).not.toContain('91000');
  });

  it('hr:compensation alone does not lift it (the audit log is not scoped by reporting line)', async () => {
    const role = await compensationRole(t, (await t.userWithRoles(['admin'])).token);
    const reader = await t.userWithRoles(['auditor', role]);
    const all = await t.request('GET', '/api/v1/audit/records?entityType=hr.compensation', { token: reader.token });
    expect(JSON.stringify(all.body)).not.toContain('91000');
  });

  it('hr:admin (with audit:read) and admin see the whole record', async () => {
    for (const roles of [['auditor', 'hr-admin'], ['admin']]) {
      const reader = await t.userWithRoles(roles);
      const employee = await records(reader.token, 'hr.employee', employeeId);
      const created = employee.body.items.find((r) => r.action === 'employee.created')!;
      expect(created.redacted, roles.join('+')).toEqual([]);
      expect(created.after.birth_date).toBe('1985-12-10');
      const pay = await t.request('GET', '/api/v1/audit/records?entityType=hr.compensation', { token: reader.token });
      expect(JSON.stringify(pay.body), roles.join('+')).toContain('91000');
    }
  });

  it('without audit:read there is nothing to read; the chain still verifies', async () => {
    const hrOnly = await records(hrAdmin.token, 'hr.employee', employeeId);
    expect(hrOnly.status).toBe(403);
    const auditor = await t.userWithRoles(['auditor']);
    const verify = await t.request<{ ok: boolean; checked: number }>('GET', '/api/v1/audit/verify', {
      token: auditor.token,
    });
    expect(verify.body.ok).toBe(true);
    expect(verify.body.checked).toBeGreaterThan(0);
  });
});
