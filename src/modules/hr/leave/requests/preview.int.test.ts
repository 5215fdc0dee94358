import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/harness/test-app.js';
import {
  createLeaveType,
  createLocation,
  createPerson,
  HR,
  requestLeave,
  type LeaveRequestBody,
  type Person,
} from '../leave.test-support.js';

interface Preview {
  employeeId: string;
  days: string | null;
  available: string | null;
  availableAfter: string | null;
  allowNegative: boolean | null;
  overlaps: { id: string; startDate: string; status: string; leaveType: { name: string } }[];
  problems: { path: string; message: string; code: string }[];
  type?: string;
}

let t: TestApp;
let admin: Person;
let manager: Person;
let alice: Person;
let unlinked: { token: string };
let annual: string;
let unpaid: string;
let retired: string;

beforeAll(async () => {
  t = await createTestApp();
  const location = await createLocation(t);
  admin = await createPerson(t, { roles: ['hr-admin'] });
  manager = await createPerson(t, { roles: ['manager'], locationId: location });
  alice = await createPerson(t, { managerId: manager.employeeId, locationId: location, startDate: '2029-01-01' });
  unlinked = await t.userWithRoles(['employee']);
  annual = await createLeaveType(t, admin.token, { code: 'annual', yearlyAllowance: 10 });
  unpaid = await createLeaveType(t, admin.token, { code: 'unpaid', yearlyAllowance: 0, allowNegative: true });
  retired = await createLeaveType(t, admin.token, { code: 'old', yearlyAllowance: 5 });
  const type = await t.request<{ version: number }>('GET', `${HR}/leave/types/${retired}`, { token: admin.token });
  await t.request('PATCH', `${HR}/leave/types/${retired}`, {
    token: admin.token,
    body: { version: type.body.version, active: false },
  });
  const holidays = await t.request('POST', `${HR}/leave/holidays/bulk`, {
    token: admin.token,
    body: { locationId: location, year: 2030, holidays: [{ date: '2030-03-06', name: 'Spring day' }] },
  });
  expect(holidays.status).toBe(201);
});
afterAll(() => t.close());

const preview = (token: string, body: Partial<LeaveRequestBody> & Record<string, unknown>) =>
  t.request<Preview>('POST', `${HR}/leave/requests/preview`, { token, body });
const countRequests = async () =>
  Number(
    (
      await t.db
        .selectFrom('hr.leave_requests')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('POST /leave/requests/preview', () => {
  it('counts working days like booking (holidays left out), with the balance before and after, writing nothing', async () => {
    const before = await countRequests();
    const body = { leaveTypeId: annual, startDate: '2030-03-04', endDate: '2030-03-08' };
    const res = await preview(alice.token, body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      employeeId: alice.employeeId,
      days: '4.0',
      available: '10.0',
      availableAfter: '6.0',
      allowNegative: false,
      overlaps: [],
      problems: [],
    });
    expect(await countRequests()).toBe(before);
    // The booking counts the same.
    const created = await requestLeave(t, alice.token, { ...body, submit: false });
    expect(created.body.days).toBe('4.0');
    const half = await preview(alice.token, { ...body, startPortion: 'pm', endDate: '2030-03-05', endPortion: 'am' });
    expect(half.body.days).toBe('1.0');
  });

  it('lists overlapping pending or approved requests and what submitting would refuse', async () => {
    const booked = await requestLeave(t, alice.token, {
      leaveTypeId: annual,
      startDate: '2030-04-01',
      endDate: '2030-04-05',
    });
    expect(booked.status).toBe(201);
    const res = await preview(alice.token, { leaveTypeId: annual, startDate: '2030-04-04', endDate: '2030-04-12' });
    expect(res.status).toBe(200);
    expect(res.body.days).toBe('7.0');
    expect(res.body.available).toBe('5.0'); // 10 − 5 pending
    expect(res.body.availableAfter).toBe('-2.0');
    expect(res.body.overlaps).toEqual([
      expect.objectContaining({ id: booked.body.id, startDate: '2030-04-01', status: 'submitted' }),
    ]);
    expect(res.body.problems.map((p) => [p.code, p.path])).toEqual([
      ['leave-overlap', 'startDate'],
      ['insufficient-balance', 'endDate'],
    ]);
    // A type that may go negative is no balance problem.
    const unpaidRes = await preview(alice.token, {
      leaveTypeId: unpaid,
      startDate: '2030-05-06',
      endDate: '2030-05-10',
    });
    expect(unpaidRes.body).toMatchObject({ days: '5.0', allowNegative: true, problems: [] });
  });

  it('reports bad spans, weekends, employment dates and inactive or unknown types as problems, not 422', async () => {
    const backwards = await preview(alice.token, {
      leaveTypeId: annual,
      startDate: '2030-03-08',
      endDate: '2030-03-04',
    });
    expect(backwards.status).toBe(200);
    expect(backwards.body).toMatchObject({ days: null, availableAfter: null });
    expect(backwards.body.problems).toEqual([expect.objectContaining({ path: 'endDate', code: 'invalid-dates' })]);

    const weekend = await preview(alice.token, { leaveTypeId: annual, startDate: '2030-03-09', endDate: '2030-03-10' });
    expect(weekend.body.days).toBe('0.0');
    expect(weekend.body.problems.map((p) => p.code)).toEqual(['zero-working-days']);

    const early = await preview(alice.token, { leaveTypeId: annual, startDate: '2028-12-28', endDate: '2028-12-29' });
    expect(early.body.problems.map((p) => p.code)).toContain('outside-employment');

    const old = await preview(alice.token, { leaveTypeId: retired, startDate: '2030-06-03', endDate: '2030-06-03' });
    expect(old.body.problems.map((p) => [p.code, p.path])).toEqual([['leave-type-inactive', 'leaveTypeId']]);

    const unknown = await preview(alice.token, {
      leaveTypeId: '00000000-0000-4000-8000-000000000000',
      startDate: '2030-06-03',
      endDate: '2030-06-03',
    });
    expect(unknown.body).toMatchObject({ days: '1.0', available: null, allowNegative: null });
    expect(unknown.body.problems.map((p) => [p.code, p.path])).toEqual([['invalid-reference', 'leaveTypeId']]);
  });

  it('validates the body like creating a request (422 with the field named)', async () => {
    const res = await preview(alice.token, { leaveTypeId: annual, startDate: '2030-02-30', endDate: 'soon' });
    expect(res.status).toBe(422);
    const extra = await preview(alice.token, {
      leaveTypeId: annual,
      startDate: '2030-03-04',
      endDate: '2030-03-04',
      x: 1,
    });
    expect(extra.status).toBe(422);
  });

  it('privacy: yourself or, for hr:admin, anyone; a manager may not preview for a report; no record is a 422', async () => {
    const body = { leaveTypeId: annual, startDate: '2030-07-01', endDate: '2030-07-02' };
    const asAdmin = await preview(admin.token, { ...body, employeeId: alice.employeeId });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.employeeId).toBe(alice.employeeId);
    const asManager = await preview(manager.token, { ...body, employeeId: alice.employeeId });
    expect(asManager.status).toBe(403);
    const own = await preview(manager.token, body);
    expect(own.status).toBe(200);
    expect(own.body.employeeId).toBe(manager.employeeId);
    const noRecord = await preview(unlinked.token, body);
    expect(noRecord.status).toBe(422);
    expect(noRecord.body.type).toMatch(/no-employee-record$/);
    const outsider = await t.userWithRoles(['auditor']);
    expect((await preview(outsider.token, body)).status).toBe(403);
    expect((await t.request('POST', `${HR}/leave/requests/preview`, { body })).status).toBe(401);
  });
});
