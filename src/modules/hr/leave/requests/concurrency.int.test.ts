import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/harness/test-app.js';
import { act, balanceOf, createLeaveType, createPerson, HR, requestLeave, type Person } from '../leave.test-support.js';

/** Runs on a real pool (several connections) on PostgreSQL; PGlite has one session. */
let t: TestApp;
let admin: Person;
let manager: Person;

beforeAll(async () => {
  t = await createTestApp({ poolMax: 6 });
  admin = await createPerson(t, { roles: ['hr-admin'] });
  manager = await createPerson(t, { roles: ['manager'] });
});
afterAll(() => t.close());

describe('concurrency', () => {
  it('two approvals at once of requests that together exceed the balance: exactly one succeeds', async () => {
    for (let round = 0; round < 3; round++) {
      const type = await createLeaveType(t, admin.token, { code: `race${round}`, yearlyAllowance: 12 });
      const staff = await createPerson(t, { managerId: manager.employeeId });
      const a = await requestLeave(t, staff.token, {
        leaveTypeId: type,
        startDate: '2030-03-04',
        endDate: '2030-03-11',
      });
      const b = await requestLeave(t, staff.token, {
        leaveTypeId: type,
        startDate: '2030-04-01',
        endDate: '2030-04-08',
      });
      expect([a.body.days, b.body.days, a.body.status, b.body.status]).toEqual([
        '6.0',
        '6.0',
        'submitted',
        'submitted',
      ]);
      // The allowance is cut after both were submitted: now only one of them fits.
      const cut = await t.request('PATCH', `${HR}/leave/types/${type}`, {
        token: admin.token,
        body: { version: 1, yearlyAllowance: 8 },
      });
      expect(cut.status).toBe(200);

      const results = await Promise.all([
        act(t, manager.token, a.body.id, 'approve', { version: 1 }),
        act(t, admin.token, b.body.id, 'approve', { version: 1 }),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 422]);
      expect(results.find((r) => r.status === 422)?.body.type).toMatch(/insufficient-balance$/);
      expect(await balanceOf(t, admin.token, staff.employeeId, 2030, `race${round}`)).toMatchObject({
        taken: '6.0',
        pending: '6.0',
      });
      const approved = await t.db
        .selectFrom('hr.leave_requests')
        .select('id')
        .where('employee_id', '=', staff.employeeId)
        .where('status', '=', 'approved')
        .execute();
      expect(approved).toHaveLength(1);
    }
  });

  it('concurrent submissions never book more than the balance, nor overlapping days', async () => {
    const type = await createLeaveType(t, admin.token, { code: 'burst', yearlyAllowance: 10 });
    const other = await createLeaveType(t, admin.token, { code: 'other', yearlyAllowance: 10 });
    const staff = await createPerson(t, { managerId: manager.employeeId });
    const weeks = ['2030-05-06', '2030-05-13', '2030-05-20', '2030-05-27', '2030-06-03'];
    const results = await Promise.all(
      weeks.map((monday) =>
        requestLeave(t, staff.token, {
          leaveTypeId: type,
          startDate: monday,
          endDate: monday.replace(/\d\d$/, (d) => String(Number(d) + 2).padStart(2, '0')),
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3); // 3 × 3 days of 10
    expect(results.filter((r) => r.status === 422).every((r) => /insufficient-balance$/.test(r.body.type))).toBe(true);
    expect((await balanceOf(t, staff.token, staff.employeeId, 2030, 'burst')).pending).toBe('9.0');

    const same = await Promise.all(
      [type, other, other].map((leaveTypeId) =>
        requestLeave(t, staff.token, { leaveTypeId, startDate: '2030-07-01', endDate: '2030-07-01' }),
      ),
    );
    expect(same.map((r) => r.status).sort()).toEqual([201, 422, 422]);
  });
});
