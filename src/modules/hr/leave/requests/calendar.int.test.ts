import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/harness/test-app.js';
import {
  act,
  createDepartment,
  createLeaveType,
  createLocation,
  createPerson,
  HR,
  requestLeave,
  type Person,
  type RequestView,
} from '../leave.test-support.js';

interface Page {
  items: RequestView[];
  nextCursor: string | null;
}
interface Calendar {
  items: { employee: { id: string }; leave: { requestId: string; status: string; leaveType: { code: string } }[] }[];
  holidays: { date: string; locationId: string }[];
  nextCursor: string | null;
}

let t: TestApp;
let admin: Person;
let boss: Person; // manages lead, who manages dev; boss sees both
let lead: Person;
let dev: Person;
let outsider: Person;
let london: string;
let paris: string;
let annual: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  london = await createLocation(t, 'London');
  paris = await createLocation(t, 'Paris');
  const eng = await createDepartment(t, 'Engineering');
  admin = await createPerson(t, { roles: ['hr-admin'] });
  boss = await createPerson(t, { roles: ['manager'], locationId: london });
  lead = await createPerson(t, {
    roles: ['manager'],
    managerId: boss.employeeId,
    locationId: london,
    departmentId: eng,
  });
  dev = await createPerson(t, { managerId: lead.employeeId, locationId: paris, departmentId: eng });
  outsider = await createPerson(t, { locationId: paris });
  annual = await createLeaveType(t, admin.token, { code: 'annual', yearlyAllowance: 25 });
  for (const [locationId, date] of [
    [london, '2030-05-06'],
    [paris, '2030-05-08'],
    [paris, '2030-09-01'],
  ] as const) {
    const res = await t.request('POST', `${HR}/leave/holidays`, {
      token: admin.token,
      body: { locationId, date, name: 'Holiday' },
    });
    expect(res.status).toBe(201);
  }
  const book = async (p: Person, key: string, startDate: string, endDate: string, approve: Person | null) => {
    const r = await requestLeave(t, p.token, { leaveTypeId: annual, startDate, endDate });
    expect(r.status).toBe(201);
    ids[key] = r.body.id;
    if (approve) expect((await act(t, approve.token, r.body.id, 'approve', { version: 1 })).status).toBe(200);
  };
  await book(dev, 'devApproved', '2030-05-13', '2030-05-14', lead);
  await book(dev, 'devPending', '2030-05-20', '2030-05-20', null);
  await book(lead, 'leadApproved', '2030-05-15', '2030-05-16', boss);
  await book(outsider, 'outsider', '2030-05-13', '2030-05-17', null);
  await act(t, admin.token, ids.outsider!, 'approve', { version: 1 });
});
afterAll(() => t.close());

const calendar = (token: string, query: string) =>
  t.request<Calendar & { type: string }>('GET', `${HR}/leave/calendar?${query}`, { token });

describe('team calendar', () => {
  it('shows approved leave of the people the caller sees in full, and their holidays', async () => {
    const forLead = await calendar(lead.token, 'from=2030-05-01&to=2030-05-31');
    expect(forLead.status).toBe(200);
    expect(forLead.body.items.map((i) => i.employee.id).sort()).toEqual([lead.employeeId, dev.employeeId].sort());
    const devLeave = forLead.body.items.find((i) => i.employee.id === dev.employeeId)!.leave;
    expect(devLeave.map((l) => l.requestId)).toEqual([ids.devApproved]);
    expect(forLead.body.holidays.map((h) => h.date)).toEqual(['2030-05-06', '2030-05-08']);

    const withPending = await calendar(lead.token, 'from=2030-05-01&to=2030-05-31&includePending=true');
    const devAll = withPending.body.items.find((i) => i.employee.id === dev.employeeId)!.leave;
    expect(devAll.map((l) => l.status)).toEqual(['approved', 'submitted']);

    const forDev = await calendar(dev.token, 'from=2030-05-01&to=2030-05-31');
    expect(forDev.body.items.map((i) => i.employee.id)).toEqual([dev.employeeId]);
    const forBoss = await calendar(boss.token, 'from=2030-05-01&to=2030-05-31');
    expect(forBoss.body.items).toHaveLength(2); // lead and dev (indirect); boss has no leave
    const forAdmin = await calendar(admin.token, 'from=2030-05-01&to=2030-05-31&limit=2');
    expect(forAdmin.body.items).toHaveLength(2);
    const page2 = await calendar(
      admin.token,
      `from=2030-05-01&to=2030-05-31&limit=2&cursor=${forAdmin.body.nextCursor}`,
    );
    expect(page2.body.items).toHaveLength(1);
    const eng = await calendar(
      admin.token,
      `from=2030-05-01&to=2030-05-31&departmentId=${(await t.db.selectFrom('hr.departments').select('id').executeTakeFirstOrThrow()).id}`,
    );
    expect(eng.body.items.map((i) => i.employee.id).sort()).toEqual([lead.employeeId, dev.employeeId].sort());
  });

  it('refuses more than 92 days, and to before from', async () => {
    const long = await calendar(admin.token, 'from=2030-01-01&to=2030-04-02'); // 92 days: fine
    expect(long.status).toBe(200);
    const tooLong = await calendar(admin.token, 'from=2030-01-01&to=2030-04-03');
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.type).toMatch(/calendar-range-too-long$/);
    expect((await calendar(admin.token, 'from=2030-02-01&to=2030-01-01')).status).toBe(422);
    expect((await calendar(admin.token, 'from=2030-02-01')).status).toBe(422);
  });
});

describe('lists and privacy', () => {
  it('lists my requests, my reports, or everyone for hr:admin, with filters and pagination', async () => {
    const mine = await t.request<Page>('GET', `${HR}/leave/requests?mine=true`, { token: lead.token });
    expect(mine.body.items.map((r) => r.id)).toEqual([ids.leadApproved]);
    const leads = await t.request<Page>('GET', `${HR}/leave/requests?sort=startDate`, { token: lead.token });
    expect(leads.body.items.map((r) => r.id)).toEqual([ids.devApproved, ids.leadApproved, ids.devPending]);
    const devs = await t.request<Page>('GET', `${HR}/leave/requests`, { token: dev.token });
    expect(devs.body.items.map((r) => r.id).sort()).toEqual([ids.devApproved, ids.devPending].sort());

    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `${HR}/leave/requests?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.request<Page>('GET', url, { token: admin.token });
      all.push(...page.body.items.map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all.sort()).toEqual(Object.values(ids).sort());
    const filtered = await t.request<Page>(
      'GET',
      `${HR}/leave/requests?status=approved&employeeId=${dev.employeeId}&leaveTypeId=${annual}&from=2030-05-14&to=2030-05-31`,
      { token: admin.token },
    );
    expect(filtered.body.items.map((r) => r.id)).toEqual([ids.devApproved]);
    expect((await t.request('GET', `${HR}/leave/requests?status=maybe`, { token: admin.token })).status).toBe(422);
  });

  it("hides others' leave: a request of someone you do not see in full is a 404", async () => {
    const url = `${HR}/leave/requests/${ids.devPending}`;
    expect((await t.request('GET', url, { token: dev.token })).status).toBe(200);
    expect((await t.request('GET', url, { token: lead.token })).status).toBe(200);
    expect((await t.request('GET', url, { token: boss.token })).status).toBe(200);
    expect((await t.request('GET', url, { token: admin.token })).status).toBe(200);
    expect((await t.request('GET', url, { token: outsider.token })).status).toBe(404);
    const leadsOwn = `${HR}/leave/requests/${ids.leadApproved}`;
    expect((await t.request('GET', leadsOwn, { token: dev.token })).status).toBe(404);
  });

  it('lists the approvals waiting for a manager: direct reports only; hr:admin sees all but their own', async () => {
    const forLead = await t.request<Page>('GET', `${HR}/leave/approvals`, { token: lead.token });
    expect(forLead.body.items.map((r) => r.id)).toEqual([ids.devPending]);
    const forBoss = await t.request<Page>('GET', `${HR}/leave/approvals`, { token: boss.token });
    expect(forBoss.body.items).toEqual([]);
    const forAdmin = await t.request<Page>('GET', `${HR}/leave/approvals`, { token: admin.token });
    expect(forAdmin.body.items.map((r) => r.id)).toEqual([ids.devPending]);
    expect((await t.request('GET', `${HR}/leave/approvals`, { token: dev.token })).status).toBe(403);
    // The skip-level manager sees the request but may not decide it.
    const skip = await act(t, boss.token, ids.devPending!, 'approve', { version: 1 });
    expect(skip.status).toBe(403);
    expect(skip.body.type).toMatch(/not-your-approval$/);
  });
});
