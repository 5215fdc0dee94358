import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/harness/test-app.js';
import { createLocation, createPerson, HR, type Person, type Problem } from '../leave.test-support.js';

interface LeaveTypeView {
  id: string;
  code: string;
  yearlyAllowance: string;
  carryOverMax: string;
  carryOverExpiryMonth: number | null;
  allowNegative: boolean;
  requiresApproval: boolean;
  paid: boolean;
  active: boolean;
  version: number;
}
interface HolidayView {
  id: string;
  date: string;
  name: string;
  locationId: string;
}

let t: TestApp;
let admin: Person;
let staff: Person;
let location: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createPerson(t, { roles: ['hr-admin'] });
  staff = await createPerson(t);
  location = await createLocation(t);
});
afterAll(() => t.close());

describe('leave types', () => {
  it('hr:admin creates and changes them with a version; everyone with hr:read lists them', async () => {
    const body = {
      code: 'Annual',
      name: 'Annual leave',
      yearlyAllowance: '25.5',
      carryOverMax: 5,
      carryOverExpiryMonth: 3,
    };
    expect((await t.request('POST', `${HR}/leave/types`, { token: staff.token, body })).status).toBe(403);
    const created = await t.request<LeaveTypeView>('POST', `${HR}/leave/types`, { token: admin.token, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'annual',
      yearlyAllowance: '25.5',
      carryOverMax: '5.0',
      carryOverExpiryMonth: 3,
      paid: true,
      allowNegative: false,
      requiresApproval: true,
      active: true,
      version: 1,
    });
    const dup = await t.request<Problem>('POST', `${HR}/leave/types`, { token: admin.token, body });
    expect(dup.status).toBe(409);
    expect(dup.body.type).toMatch(/leave-type-code-taken$/);

    const stale = await t.request('PATCH', `${HR}/leave/types/${created.body.id}`, {
      token: admin.token,
      body: { version: 2, active: false },
    });
    expect(stale.status).toBe(409);
    const changed = await t.request<LeaveTypeView>('PATCH', `${HR}/leave/types/${created.body.id}`, {
      token: admin.token,
      body: { version: 1, active: false, carryOverExpiryMonth: null },
    });
    expect(changed.body).toMatchObject({ active: false, carryOverExpiryMonth: null, version: 2 });

    const list = await t.request<{ items: LeaveTypeView[] }>('GET', `${HR}/leave/types?active=false`, {
      token: staff.token,
    });
    expect(list.body.items.map((i) => i.code)).toEqual(['annual']);
    const active = await t.request<{ items: LeaveTypeView[] }>('GET', `${HR}/leave/types?active=true`, {
      token: staff.token,
    });
    expect(active.body.items).toEqual([]);
    expect((await t.request('GET', `${HR}/leave/types/${created.body.id}`, { token: staff.token })).status).toBe(200);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', created.body.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['leave_type.created', 'leave_type.updated']);
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const res = await t.request<Problem>('POST', `${HR}/leave/types`, {
      token: admin.token,
      body: { code: 'no spaces!', name: '', yearlyAllowance: 2.3, carryOverMax: -1, carryOverExpiryMonth: 13, x: 1 },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors?.map((e) => e.path).sort()).toEqual([
      'carryOverExpiryMonth',
      'carryOverMax',
      'code',
      'name',
      'x',
      'yearlyAllowance',
    ]);
    expect(
      (
        await t.request('POST', `${HR}/leave/types`, {
          token: admin.token,
          body: { code: 'big', name: 'Big', yearlyAllowance: 367 },
        })
      ).status,
    ).toBe(422);
    const count = await t.db.selectFrom('hr.leave_types').select(t.db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});

describe('public holidays', () => {
  it("adds a year's holidays to a location at once, all or nothing, and lists them by location and year", async () => {
    const body = {
      locationId: location,
      year: 2030,
      holidays: [
        { date: '2030-12-25', name: 'Christmas Day' },
        { date: '2030-01-01', name: "New Year's Day" },
      ],
    };
    expect((await t.request('POST', `${HR}/leave/holidays/bulk`, { token: staff.token, body })).status).toBe(403);
    const created = await t.request<{ items: HolidayView[] }>('POST', `${HR}/leave/holidays/bulk`, {
      token: admin.token,
      body,
    });
    expect(created.status).toBe(201);
    expect(created.body.items.map((h) => h.date)).toEqual(['2030-01-01', '2030-12-25']);

    const clash = await t.request<Problem & { dates: string[] }>('POST', `${HR}/leave/holidays/bulk`, {
      token: admin.token,
      body: {
        ...body,
        holidays: [
          { date: '2030-05-01', name: 'May Day' },
          { date: '2030-12-25', name: 'Again' },
        ],
      },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.dates).toEqual(['2030-12-25']);
    const wrong = await t.request<Problem>('POST', `${HR}/leave/holidays/bulk`, {
      token: admin.token,
      body: {
        ...body,
        holidays: [
          { date: '2031-01-01', name: 'Next year' },
          { date: '2031-01-01', name: 'Twice' },
        ],
      },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors?.map((e) => e.path)).toEqual(['holidays.0.date', 'holidays.1.date', 'holidays.1.date']);
    const noPlace = await t.request<Problem>('POST', `${HR}/leave/holidays`, {
      token: admin.token,
      body: { locationId: '00000000-0000-4000-8000-000000000000', date: '2030-05-01', name: 'May Day' },
    });
    expect(noPlace.status).toBe(422);
    expect(noPlace.body.errors?.[0]?.path).toBe('locationId');

    const list = await t.request<{ items: HolidayView[] }>(
      'GET',
      `${HR}/leave/holidays?locationId=${location}&year=2030`,
      { token: staff.token },
    );
    expect(list.body.items.map((h) => h.name)).toEqual(["New Year's Day", 'Christmas Day']);
    expect(
      (await t.request<{ items: HolidayView[] }>('GET', `${HR}/leave/holidays?year=2031`, { token: staff.token })).body
        .items,
    ).toEqual([]);

    const id = list.body.items[0]!.id;
    expect((await t.request('DELETE', `${HR}/leave/holidays/${id}`, { token: staff.token })).status).toBe(403);
    expect((await t.request('DELETE', `${HR}/leave/holidays/${id}`, { token: admin.token })).status).toBe(204);
    expect((await t.request('DELETE', `${HR}/leave/holidays/${id}`, { token: admin.token })).status).toBe(404);
  });
});
