import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/harness/test-app.js';
import {
  act,
  balanceOf,
  createLeaveType,
  createPerson,
  HR,
  requestLeave,
  type BalanceView,
  type Person,
} from '../leave.test-support.js';

let t: TestApp;
let admin: Person;
let manager: Person;
let staff: Person;
let peer: Person;
let annual: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createPerson(t, { roles: ['hr-admin'] });
  manager = await createPerson(t, { roles: ['manager'] });
  staff = await createPerson(t, { managerId: manager.employeeId, startDate: '2020-01-01' });
  peer = await createPerson(t, { managerId: manager.employeeId, startDate: '2020-01-01' });
  annual = await createLeaveType(t, admin.token, {
    code: 'annual',
    yearlyAllowance: 20,
    carryOverMax: 5,
    carryOverExpiryMonth: 3,
  });
  await createLeaveType(t, admin.token, { code: 'study', yearlyAllowance: 4 }); // no carry-over
});
afterAll(() => t.close());

const carry = (fromYear: number, token = admin.token) =>
  t.request<{ fromYear: number; toYear: number; employees: number; changed: number; totalDays: string }>(
    'POST',
    `${HR}/leave/carry-over`,
    { token, body: { fromYear } },
  );

describe('balances', () => {
  it('pro-rates the entitlement of someone who starts or leaves mid-year, to half days', async () => {
    const joiner = await createPerson(t, { startDate: '2030-07-01' });
    expect(await balanceOf(t, admin.token, joiner.employeeId, 2030, 'annual')).toMatchObject({
      entitlement: '10.0', // 184/365 × 20 = 10.08 → 10.0
      available: '10.0',
    });
    expect((await balanceOf(t, admin.token, joiner.employeeId, 2031, 'annual')).entitlement).toBe('20.0');
    expect((await balanceOf(t, admin.token, joiner.employeeId, 2029, 'annual')).entitlement).toBe('0.0');
    const leaver = await createPerson(t, { startDate: '2020-01-01', endDate: '2030-02-14' });
    expect((await balanceOf(t, admin.token, leaver.employeeId, 2030, 'annual')).entitlement).toBe('2.5'); // 45/365 × 20
  });

  it('shows a balance to the employee, their managers and hr:admin only', async () => {
    const url = `${HR}/employees/${staff.employeeId}/leave-balances?year=2030`;
    expect((await t.request('GET', url, { token: staff.token })).status).toBe(200);
    expect((await t.request('GET', url, { token: manager.token })).status).toBe(200);
    expect((await t.request('GET', url, { token: admin.token })).status).toBe(200);
    const other = await t.request<{ type: string }>('GET', url, { token: peer.token });
    expect(other.status).toBe(403);
    expect(other.body.type).toMatch(/leave-not-visible$/);
    const missing = await t.request('GET', `${HR}/employees/00000000-0000-4000-8000-000000000000/leave-balances`, {
      token: admin.token,
    });
    expect(missing.status).toBe(404);
    const mine = await t.request<{ employeeId: string; items: BalanceView[] }>(
      'GET',
      `${HR}/me/leave-balances?year=2030`,
      {
        token: peer.token,
      },
    );
    expect(mine.body.employeeId).toBe(peer.employeeId);
    expect(mine.body.items.map((b) => b.leaveType.code).sort()).toEqual(['annual', 'study']);
    expect((await t.request('GET', `${HR}/me/leave-balances?year=nope`, { token: peer.token })).status).toBe(422);
  });
});

describe('carry-over', () => {
  it("carries what is left, capped by the type's rule, idempotently; carried days lapse after their expiry month", async () => {
    // 2024: staff takes 12 of 20 (8 left → 5 carried); peer takes 18 (2 left → 2 carried).
    const a = await requestLeave(t, staff.token, {
      leaveTypeId: annual,
      startDate: '2024-06-03',
      endDate: '2024-06-18',
    });
    expect(a.body.days).toBe('12.0');
    await act(t, manager.token, a.body.id, 'approve', { version: 1 });
    const b = await requestLeave(t, peer.token, {
      leaveTypeId: annual,
      startDate: '2024-06-03',
      endDate: '2024-06-26',
    });
    expect(b.body.days).toBe('18.0');
    await act(t, manager.token, b.body.id, 'approve', { version: 1 });

    expect((await carry(2024, staff.token)).status).toBe(403);
    const first = await carry(2024);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ fromYear: 2024, toYear: 2025 });
    expect(await balanceOf(t, staff.token, staff.employeeId, 2025, 'annual')).toMatchObject({
      carriedOver: '5.0',
      carriedOverExpiresOn: '2025-03-31',
    });
    expect((await balanceOf(t, peer.token, peer.employeeId, 2025, 'annual')).carriedOver).toBe('2.0');
    expect((await balanceOf(t, peer.token, peer.employeeId, 2025, 'study')).carriedOver).toBe('0.0');

    const rows = () =>
      t.db.selectFrom('hr.leave_carry_overs').selectAll().where('year', '=', 2025).orderBy('id').execute();
    const before = await rows();
    const again = await carry(2024);
    expect(again.body.changed).toBe(0);
    expect(again.body.totalDays).toBe(first.body.totalDays);
    expect(await rows()).toEqual(before);

    // In 2025 staff books 3 days in February (before expiry): 2 of the 5 carried days lapse.
    const feb = await requestLeave(t, staff.token, {
      leaveTypeId: annual,
      startDate: '2025-02-03',
      endDate: '2025-02-05',
    });
    await act(t, manager.token, feb.body.id, 'approve', { version: 1 });
    expect(await balanceOf(t, staff.token, staff.employeeId, 2025, 'annual')).toMatchObject({
      entitlement: '20.0',
      carriedOver: '5.0',
      expired: '2.0',
      taken: '3.0',
      available: '20.0',
    });
    // Leave after the expiry date cannot use the lapsed days: 21 days in June is refused, 20 fit.
    const june = await requestLeave(t, staff.token, {
      leaveTypeId: annual,
      startDate: '2025-06-02',
      endDate: '2025-06-30',
    });
    expect(june.status).toBe(422);
    expect(june.body).toMatchObject({ requested: '21.0', available: '20.0' });

    // A late change to 2024 (cancelling leave there) is picked up by running it again.
    await act(t, admin.token, a.body.id, 'cancel', { version: 2 });
    await t.request('PATCH', `${HR}/leave/types/${annual}`, {
      token: admin.token,
      body: { version: 1, carryOverMax: 7.5 },
    });
    const rerun = await carry(2024);
    // staff (leave cancelled) and the three who took nothing in 2024 (the leaver, the manager, the
    // admin) now carry 7.5; peer still carries 2.
    expect(rerun.body.changed).toBe(4);
    expect((await balanceOf(t, staff.token, staff.employeeId, 2025, 'annual')).carriedOver).toBe('7.5');
    expect((await balanceOf(t, peer.token, peer.employeeId, 2025, 'annual')).carriedOver).toBe('2.0');
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_type', '=', 'hr.leave_carry_over')
      .execute();
    const count = (action: string) => audit.filter((x) => x.action === action).length;
    expect(count('leave_carry_over.created')).toBe(first.body.changed);
    expect(count('leave_carry_over.updated')).toBe(4);
    expect(
      (await t.request('POST', `${HR}/leave/carry-over`, { token: admin.token, body: { fromYear: '2024' } })).status,
    ).toBe(422);
  });
});
