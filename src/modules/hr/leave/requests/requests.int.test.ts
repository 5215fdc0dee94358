import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/harness/test-app.js';
import {
  act,
  balanceOf,
  createLeaveType,
  createLocation,
  createPerson,
  HR,
  requestLeave,
  type Person,
  type RequestView,
} from '../leave.test-support.js';

let t: TestApp;
let admin: Person;
let manager: Person;
let alice: Person;
let bob: Person;
let otherManager: Person;
let annual: string;
let unpaid: string;
let location: string;

beforeAll(async () => {
  t = await createTestApp();
  location = await createLocation(t);
  admin = await createPerson(t, { roles: ['hr-admin'] });
  manager = await createPerson(t, { roles: ['manager'], locationId: location });
  otherManager = await createPerson(t, { roles: ['manager'], locationId: location });
  alice = await createPerson(t, { managerId: manager.employeeId, locationId: location });
  bob = await createPerson(t, { managerId: manager.employeeId, locationId: location });
  annual = await createLeaveType(t, admin.token, { code: 'annual', yearlyAllowance: 10 });
  unpaid = await createLeaveType(t, admin.token, {
    code: 'unpaid',
    yearlyAllowance: 0,
    allowNegative: true,
    paid: false,
  });
  const holidays = await t.request('POST', `${HR}/leave/holidays/bulk`, {
    token: admin.token,
    body: { locationId: location, year: 2030, holidays: [{ date: '2030-03-06', name: 'Spring day' }] },
  });
  expect(holidays.status).toBe(201);
});
afterAll(() => t.close());

describe('counting working days', () => {
  it.each<[string, string, string, 'full' | 'pm', 'full' | 'am', string]>([
    ['a Monday-to-Friday week with a holiday on Wednesday', '2030-03-04', '2030-03-08', 'full', 'full', '4.0'],
    ['Friday to Monday across a weekend', '2030-03-08', '2030-03-11', 'full', 'full', '2.0'],
    ['from Monday afternoon to Tuesday morning', '2030-03-11', '2030-03-12', 'pm', 'am', '1.0'],
    ['one afternoon', '2030-03-13', '2030-03-13', 'pm', 'full', '0.5'],
  ])('%s', async (_, startDate, endDate, startPortion, endPortion, expected) => {
    const res = await requestLeave(t, bob.token, {
      leaveTypeId: unpaid,
      startDate,
      endDate,
      startPortion,
      endPortion,
      submit: false,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ days: expected, status: 'draft', employee: { id: bob.employeeId } });
  });

  it('refuses a request of only weekend and holiday days, and bad dates, with the field named', async () => {
    const weekend = await requestLeave(t, bob.token, {
      leaveTypeId: annual,
      startDate: '2030-03-09',
      endDate: '2030-03-10',
    });
    expect(weekend.status).toBe(422);
    expect(weekend.body.type).toMatch(/zero-working-days$/);
    const holiday = await requestLeave(t, bob.token, {
      leaveTypeId: annual,
      startDate: '2030-03-06',
      endDate: '2030-03-06',
    });
    expect(holiday.body.type).toMatch(/zero-working-days$/);

    const backwards = await requestLeave(t, bob.token, {
      leaveTypeId: annual,
      startDate: '2030-03-08',
      endDate: '2030-03-04',
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors?.map((e) => e.path)).toEqual(['endDate']);
    const crossYear = await requestLeave(t, bob.token, {
      leaveTypeId: annual,
      startDate: '2030-12-30',
      endDate: '2031-01-02',
    });
    expect(crossYear.status).toBe(422);
    expect(crossYear.body.errors?.[0]?.message).toMatch(/one calendar year/);
    const nothing = await requestLeave(t, bob.token, {
      leaveTypeId: annual,
      startDate: '2030-03-04',
      endDate: '2030-03-04',
      startPortion: 'pm',
      endPortion: 'am',
    });
    expect(nothing.body.errors?.map((e) => e.path)).toEqual(['endPortion']);
    const junk = await t.request<{ errors: { path: string }[] }>('POST', `${HR}/leave/requests`, {
      token: bob.token,
      body: { leaveTypeId: 'x', startDate: '2030-02-30', endDate: 'soon', startPortion: 'am', extra: 1 },
    });
    expect(junk.status).toBe(422);
    expect(junk.body.errors.map((e) => e.path).sort()).toEqual([
      'endDate',
      'extra',
      'leaveTypeId',
      'startDate',
      'startPortion',
    ]);
    const before = await t.db
      .selectFrom('hr.leave_requests')
      .select(t.db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(before.n)).toBe(4); // only the drafts above
  });
});

describe('refusals', () => {
  it('refuses overlap with a pending or approved request, but lets a morning and an afternoon share a date', async () => {
    const first = await requestLeave(t, alice.token, {
      leaveTypeId: annual,
      startDate: '2030-04-01',
      endDate: '2030-04-02',
      endPortion: 'am',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'submitted', days: '1.5' });
    const clash = await requestLeave(t, alice.token, {
      leaveTypeId: unpaid,
      startDate: '2030-04-02',
      endDate: '2030-04-03',
    });
    expect(clash.status).toBe(422);
    expect(clash.body).toMatchObject({
      type: expect.stringMatching(/leave-overlap$/),
      overlappingRequestId: first.body.id,
    });
    const afternoon = await requestLeave(t, alice.token, {
      leaveTypeId: unpaid,
      startDate: '2030-04-02',
      endDate: '2030-04-02',
      startPortion: 'pm',
    });
    expect(afternoon.status).toBe(201);
    expect(afternoon.body.days).toBe('0.5');
    // A draft does not block, and someone else's leave never does.
    const other = await requestLeave(t, bob.token, {
      leaveTypeId: annual,
      startDate: '2030-04-01',
      endDate: '2030-04-01',
    });
    expect(other.status).toBe(201);
  });

  it('refuses more than the available balance unless the type allows a negative balance', async () => {
    // alice: 10 days, 1.5 pending.
    const tooMuch = await requestLeave(t, alice.token, {
      leaveTypeId: annual,
      startDate: '2030-05-06',
      endDate: '2030-05-17',
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ requested: '10.0', available: '8.5' });
    expect(tooMuch.body.detail).toMatch(/needs 10.0 days of "annual" but only 8.5 are available/);
    const fits = await requestLeave(t, alice.token, {
      leaveTypeId: annual,
      startDate: '2030-05-06',
      endDate: '2030-05-16',
      endPortion: 'am',
    });
    expect(fits.status).toBe(201);
    expect(fits.body.days).toBe('8.5');
    expect(await balanceOf(t, alice.token, alice.employeeId, 2030, 'annual')).toMatchObject({
      entitlement: '10.0',
      taken: '0.0',
      pending: '10.0',
      available: '0.0',
    });
    const unpaidLong = await requestLeave(t, alice.token, {
      leaveTypeId: unpaid,
      startDate: '2030-06-03',
      endDate: '2030-06-28',
    });
    expect(unpaidLong.status).toBe(201);
    expect(await balanceOf(t, alice.token, alice.employeeId, 2030, 'unpaid')).toMatchObject({ available: '-20.5' });
    for (const id of [fits.body.id, unpaidLong.body.id])
      expect((await act(t, alice.token, id, 'cancel', { version: 1 })).status).toBe(200);
  });

  it('refuses an inactive type and dates outside the employment', async () => {
    const old = await createLeaveType(t, admin.token, { code: 'old', yearlyAllowance: 5 });
    const off = await t.request<{ version: number }>('PATCH', `${HR}/leave/types/${old}`, {
      token: admin.token,
      body: { version: 1, active: false },
    });
    expect(off.status).toBe(200);
    const inactive = await requestLeave(t, bob.token, {
      leaveTypeId: old,
      startDate: '2030-07-01',
      endDate: '2030-07-01',
    });
    expect(inactive.status).toBe(422);
    expect(inactive.body.type).toMatch(/leave-type-inactive$/);
    const early = await requestLeave(t, bob.token, {
      leaveTypeId: annual,
      startDate: '2019-12-30',
      endDate: '2019-12-31',
    });
    expect(early.body.type).toMatch(/outside-employment$/);
    const missing = await requestLeave(t, bob.token, {
      leaveTypeId: '00000000-0000-4000-8000-000000000000',
      startDate: '2030-07-01',
      endDate: '2030-07-01',
    });
    expect(missing.body.errors?.[0]?.path).toBe('leaveTypeId');
  });

  it('lets only hr:admin request for someone else; a user without an employee record has nothing to request', async () => {
    const forBob = await requestLeave(t, alice.token, {
      employeeId: bob.employeeId,
      leaveTypeId: unpaid,
      startDate: '2030-08-01',
      endDate: '2030-08-01',
    });
    expect(forBob.status).toBe(403);
    const byAdmin = await requestLeave(t, admin.token, {
      employeeId: bob.employeeId,
      leaveTypeId: unpaid,
      startDate: '2030-08-01',
      endDate: '2030-08-01',
      reason: 'Moving house',
    });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body).toMatchObject({ employee: { id: bob.employeeId }, status: 'submitted' });
    const stranger = await t.userWithRoles(['employee']);
    const none = await requestLeave(t, stranger.token, {
      leaveTypeId: unpaid,
      startDate: '2030-08-01',
      endDate: '2030-08-01',
    });
    expect(none.status).toBe(422);
    expect(none.body.type).toMatch(/no-employee-record$/);
  });
});

describe('workflow', () => {
  it('draft → edited → submitted → approved by the manager with a comment; the balance moves pending → taken', async () => {
    const draft = await requestLeave(t, bob.token, {
      leaveTypeId: annual,
      startDate: '2030-09-02',
      endDate: '2030-09-03',
      submit: false,
    });
    expect(draft.body).toMatchObject({ status: 'draft', days: '2.0' });
    const stale = await t.request('PATCH', `${HR}/leave/requests/${draft.body.id}`, {
      token: bob.token,
      body: { version: 2, endDate: '2030-09-04' },
    });
    expect(stale.status).toBe(409);
    const edited = await t.request<RequestView>('PATCH', `${HR}/leave/requests/${draft.body.id}`, {
      token: bob.token,
      body: { version: 1, endDate: '2030-09-04', reason: 'Family visit' },
    });
    expect(edited.body).toMatchObject({ days: '3.0', version: 2 });
    const before = await balanceOf(t, bob.token, bob.employeeId, 2030, 'annual');
    const submitted = await act(t, bob.token, draft.body.id, 'submit', { version: 2 });
    expect(submitted.body.status).toBe('submitted');
    const pending = await balanceOf(t, bob.token, bob.employeeId, 2030, 'annual');
    expect(Number(pending.pending) - Number(before.pending)).toBe(3);
    expect(Number(pending.available)).toBe(Number(before.available) - 3);

    const self = await act(t, bob.token, draft.body.id, 'approve', { version: 3 });
    expect(self.status).toBe(403); // no hr:approve
    const notHis = await act(t, otherManager.token, draft.body.id, 'approve', { version: 3 });
    expect(notHis.status).toBe(404); // does not even see bob's leave
    const approved = await act(t, manager.token, draft.body.id, 'approve', { version: 3, comment: 'Enjoy' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decisionComment: 'Enjoy', decidedBy: manager.userId });
    const after = await balanceOf(t, bob.token, bob.employeeId, 2030, 'annual');
    expect(Number(after.taken) - Number(before.taken)).toBe(3);
    expect(after.pending).toBe(before.pending);
    const again = await act(t, manager.token, draft.body.id, 'approve', { version: 4 });
    expect(again.status).toBe(409);

    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', draft.body.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'leave_request.created',
      'leave_request.updated',
      'leave_request.submitted',
      'leave_request.approved',
    ]);
  });

  it('rejects with a required comment; nobody decides their own request', async () => {
    const req = await requestLeave(t, bob.token, {
      leaveTypeId: annual,
      startDate: '2030-10-07',
      endDate: '2030-10-07',
    });
    const bare = await act(t, manager.token, req.body.id, 'reject', { version: 1 });
    expect(bare.status).toBe(422);
    expect(bare.body.errors?.[0]?.path).toBe('comment');
    const rejected = await act(t, manager.token, req.body.id, 'reject', { version: 1, comment: 'Release week' });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionComment: 'Release week' });
    expect((await act(t, bob.token, req.body.id, 'cancel', { version: 2 })).status).toBe(409);

    const own = await requestLeave(t, manager.token, {
      leaveTypeId: annual,
      startDate: '2030-10-07',
      endDate: '2030-10-07',
    });
    expect(own.status).toBe(201);
    const selfApproval = await act(t, manager.token, own.body.id, 'approve', { version: 1 });
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.body.type).toMatch(/own-request$/);
    const adminApproval = await act(t, admin.token, own.body.id, 'approve', { version: 1 });
    expect(adminApproval.body.status).toBe('approved');
  });

  it('cancellation gives the days back: the requester before the leave starts, hr:admin any time', async () => {
    const before = await balanceOf(t, alice.token, alice.employeeId, 2030, 'annual');
    const future = await requestLeave(t, alice.token, {
      leaveTypeId: annual,
      startDate: '2030-11-04',
      endDate: '2030-11-05',
    });
    await act(t, manager.token, future.body.id, 'approve', { version: 1 });
    expect(Number((await balanceOf(t, alice.token, alice.employeeId, 2030, 'annual')).available)).toBe(
      Number(before.available) - 2,
    );
    const otherCancels = await act(t, bob.token, future.body.id, 'cancel', { version: 2 });
    expect(otherCancels.status).toBe(404);
    const cancelled = await act(t, alice.token, future.body.id, 'cancel', { version: 2 });
    expect(cancelled.body.status).toBe('cancelled');
    expect(await balanceOf(t, alice.token, alice.employeeId, 2030, 'annual')).toEqual(before);

    // Leave that has started (here: in 2024) stays, unless hr:admin cancels it.
    const past = await requestLeave(t, alice.token, {
      leaveTypeId: annual,
      startDate: '2024-03-04',
      endDate: '2024-03-05',
    });
    await act(t, manager.token, past.body.id, 'approve', { version: 1 });
    const late = await act(t, alice.token, past.body.id, 'cancel', { version: 2 });
    expect(late.status).toBe(409);
    expect(late.body.type).toMatch(/leave-started$/);
    expect((await balanceOf(t, alice.token, alice.employeeId, 2024, 'annual')).taken).toBe('2.0');
    const byAdmin = await act(t, admin.token, past.body.id, 'cancel', { version: 2 });
    expect(byAdmin.body.status).toBe('cancelled');
    expect((await balanceOf(t, alice.token, alice.employeeId, 2024, 'annual')).taken).toBe('0.0');
  });

  it('approves at once a type that needs no approval', async () => {
    const sick = await createLeaveType(t, admin.token, {
      code: 'sick',
      yearlyAllowance: 10,
      allowNegative: true,
      requiresApproval: false,
    });
    const res = await requestLeave(t, bob.token, { leaveTypeId: sick, startDate: '2030-02-04', endDate: '2030-02-05' });
    expect(res.body).toMatchObject({ status: 'approved', days: '2.0' });
    expect(await balanceOf(t, bob.token, bob.employeeId, 2030, 'sick')).toMatchObject({ taken: '2.0', pending: '0.0' });
  });
});
