import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/harness/test-app.js';
import {
  act,
  createLeaveType,
  createPerson,
  HR,
  requestLeave,
  type Person,
  type RequestView,
} from '../leave.test-support.js';

/**
 * Issue #25: a request never waits for a manager who cannot act. The approver is the first manager up
 * the line with a user account holding hr:approve; with nobody up the line, HR (hr:admin) decides.
 * The approver is shown on the request, finds it in their inbox and is told by mail.
 */
type View = RequestView;

let t: TestApp;
let hrAdmin: Person & { email: string };
let director: Person & { email: string }; // has an account with hr:approve
let teamLead: Person; // no user account (as in the demo)
let engineer: Person;
let loner: Person; // reports to a manager without an account, with nobody above
let accountless: Person;
let bystander: Person; // a manager elsewhere, with hr:approve
let annual: string;

async function personWithEmail(options: Parameters<typeof createPerson>[1]) {
  const person = await createPerson(t, options);
  const user = await t.db
    .selectFrom('auth.users')
    .select('email')
    .where('id', '=', person.userId)
    .executeTakeFirstOrThrow();
  return { ...person, email: user.email };
}

/** Mail jobs written for this address (the mail itself is sent later by the worker). */
async function mailsTo(address: string) {
  const jobs = await t.db
    .selectFrom('platform.jobs')
    .select('payload')
    .where('type', '=', 'platform.mail.send')
    .execute();
  return jobs
    .map((j) => j.payload as { template: string; to: { address: string }[]; data: Record<string, unknown> })
    .filter((p) => p.to.some((to) => to.address === address));
}

/** The in-app notifications of a user. */
async function notificationsOf(token: string) {
  const res = await t.request<{
    items: { kind: string; link: string | null; body: string | null; readAt: string | null }[];
  }>('GET', '/api/v1/notifications', { token });
  expect(res.status).toBe(200);
  return res.body.items;
}

beforeAll(async () => {
  t = await createTestApp();
  hrAdmin = await personWithEmail({ roles: ['hr-admin'] });
  director = await personWithEmail({ roles: ['manager'] });
  teamLead = await createPerson(t, { linked: false, managerId: director.employeeId });
  engineer = await createPerson(t, { managerId: teamLead.employeeId });
  accountless = await createPerson(t, { linked: false });
  loner = await createPerson(t, { managerId: accountless.employeeId });
  bystander = await createPerson(t, { roles: ['manager'] });
  annual = await createLeaveType(t, hrAdmin.token, { code: 'annual', yearlyAllowance: 20 });
});
afterAll(() => t.close());

describe('who approves', () => {
  it('skips a manager without an account: the next manager up decides, sees it in the inbox and is told', async () => {
    const submitted = await requestLeave(t, engineer.token, {
      leaveTypeId: annual,
      startDate: '2031-04-07',
      endDate: '2031-04-08',
      submit: true,
    });
    expect(submitted.status).toBe(201);
    const view = submitted.body;
    expect(view.status).toBe('submitted');
    expect(view.approver).toMatchObject({ kind: 'manager', employeeId: director.employeeId });

    const inbox = await t.request<{ items: View[] }>('GET', `${HR}/leave/approvals`, { token: director.token });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((r) => r.id)).toContain(view.id);
    const elsewhere = await t.request<{ items: View[] }>('GET', `${HR}/leave/approvals`, { token: bystander.token });
    expect(elsewhere.body.items.map((r) => r.id)).not.toContain(view.id);

    const mails = await mailsTo(director.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: 'hr.leave-approval-requested', data: { asHr: false } });
    // And in the app: the bell leads to the approvals; the bystander is told nothing.
    expect(await notificationsOf(director.token)).toEqual([
      expect.objectContaining({ kind: 'hr.leave-approval-requested', link: '/hr/leave-approvals', readAt: null }),
    ]);
    expect(await notificationsOf(bystander.token)).toEqual([]);

    // A manager outside the line does not even see it.
    expect((await act(t, bystander.token, view.id, 'approve', { version: view.version })).status).toBe(404);
    const approved = await act(t, director.token, view.id, 'approve', { version: view.version });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: director.userId, approver: null });
  });

  it('with nobody up the line who can act, HR decides', async () => {
    const submitted = await requestLeave(t, loner.token, {
      leaveTypeId: annual,
      startDate: '2031-05-05',
      endDate: '2031-05-05',
      submit: true,
    });
    expect(submitted.status).toBe(201);
    const view = submitted.body;
    expect(view.approver).toEqual({ kind: 'hr' });
    const fetched = await t.request<View>('GET', `${HR}/leave/requests/${view.id}`, { token: loner.token });
    expect(fetched.body.approver).toEqual({ kind: 'hr' });

    const mails = await mailsTo(hrAdmin.email);
    expect(mails.map((m) => m.data.asHr)).toEqual([true]);
    expect((await notificationsOf(hrAdmin.token)).map((n) => n.body)).toEqual([
      expect.stringContaining('for HR to decide'),
    ]);
    const hrInbox = await t.request<{ items: View[] }>('GET', `${HR}/leave/approvals`, { token: hrAdmin.token });
    expect(hrInbox.body.items.map((r) => r.id)).toContain(view.id);

    // A manager outside the line does not even see it.
    expect((await act(t, bystander.token, view.id, 'approve', { version: view.version })).status).toBe(404);
    expect((await act(t, hrAdmin.token, view.id, 'approve', { version: view.version })).status).toBe(200);
  });

  it('once the manager in between gets an account with hr:approve, requests go to them', async () => {
    const user = await t.userWithRoles(['manager']);
    await t.db.updateTable('hr.employees').set({ user_id: user.id }).where('id', '=', teamLead.employeeId).execute();
    const submitted = await requestLeave(t, engineer.token, {
      leaveTypeId: annual,
      startDate: '2031-06-02',
      endDate: '2031-06-02',
      submit: true,
    });
    expect(submitted.body.approver).toMatchObject({ kind: 'manager', employeeId: teamLead.employeeId });
    const directorInbox = await t.request<{ items: View[] }>('GET', `${HR}/leave/approvals`, { token: director.token });
    expect(directorInbox.body.items.map((r) => r.id)).not.toContain(submitted.body.id);
    expect((await act(t, director.token, submitted.body.id, 'approve', { version: 1 })).status).toBe(403);
    expect((await act(t, user.token, submitted.body.id, 'approve', { version: submitted.body.version })).status).toBe(
      200,
    );
  });
});
