import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/harness/test-app.js';
import {
  act,
  createLeaveType,
  createLocation,
  createPerson,
  requestLeave,
  type Person,
} from '../leave.test-support.js';

let t: TestApp;
let manager: Person;
let alice: Person;
let annual: string;
let free: string;

beforeAll(async () => {
  t = await createTestApp();
  const location = await createLocation(t);
  const admin = await createPerson(t, { roles: ['hr-admin'] });
  manager = await createPerson(t, { roles: ['manager'], locationId: location });
  alice = await createPerson(t, { managerId: manager.employeeId, locationId: location });
  annual = await createLeaveType(t, admin.token, { code: 'annual', yearlyAllowance: 30 });
  free = await createLeaveType(t, admin.token, {
    code: 'volunteer',
    yearlyAllowance: 5,
    requiresApproval: false,
  });
});
afterAll(() => t.close());

/** A request's `hr.leave.requested` events, with the start time of the transaction that wrote each. */
const eventsOf = async (id: string) =>
  (
    await sql<{ payload: Record<string, unknown>; at: string }>`
      select payload, occurred_at::timestamptz(3)::text as at from platform.outbox
      where event_type = 'hr.leave.requested' and payload->>'leaveRequestId' = ${id}`.execute(t.db)
  ).rows;
const requestUpdatedAt = async (id: string) =>
  (
    await sql<{
      at: string;
    }>`select updated_at::timestamptz(3)::text as at from hr.leave_requests where id = ${id}`.execute(t.db)
  ).rows[0]!.at;

describe('hr.leave.requested', () => {
  it('is emitted once when a request is created submitted, in that transaction, with the days as a number', async () => {
    const res = await requestLeave(t, alice.token, {
      leaveTypeId: annual,
      startDate: '2031-03-03',
      endDate: '2031-03-18',
      submit: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('submitted');
    const events = await eventsOf(res.body.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({
      leaveRequestId: res.body.id,
      employeeId: alice.employeeId,
      days: 12,
      type: 'annual',
      from: '2031-03-03',
      to: '2031-03-18',
      status: 'submitted',
    });
    expect(events[0]!.at).toBe(await requestUpdatedAt(res.body.id));
  });

  it('is not emitted for a draft, but when the draft is submitted; a refused submit writes none', async () => {
    const draft = await requestLeave(t, alice.token, {
      leaveTypeId: free,
      startDate: '2031-05-05',
      endDate: '2031-05-06',
      submit: false,
    });
    expect(draft.status).toBe(201);
    expect(await eventsOf(draft.body.id)).toHaveLength(0);

    const stale = await act(t, alice.token, draft.body.id, 'submit', { version: draft.body.version + 7 });
    expect(stale.status).toBe(409);
    expect(await eventsOf(draft.body.id)).toHaveLength(0);

    const submitted = await act(t, alice.token, draft.body.id, 'submit', { version: draft.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('approved');
    const events = await eventsOf(draft.body.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ days: 2, type: 'volunteer', status: 'approved' });

    const again = await act(t, alice.token, draft.body.id, 'submit', { version: submitted.body.version });
    expect(again.status).toBe(409);
    expect(await eventsOf(draft.body.id)).toHaveLength(1);
  });

  it('is not emitted when the request is refused (more days than the balance allows)', async () => {
    const before = await sql<{ n: string }>`
      select count(*)::text as n from platform.outbox where event_type = 'hr.leave.requested'`.execute(t.db);
    const res = await requestLeave(t, alice.token, {
      leaveTypeId: free,
      startDate: '2031-06-02',
      endDate: '2031-06-20',
      submit: true,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const after = await sql<{ n: string }>`
      select count(*)::text as n from platform.outbox where event_type = 'hr.leave.requested'`.execute(t.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});
