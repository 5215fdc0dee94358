import type { Actor } from '../../../platform/auth/actor.js';
import type { DemoContext } from '../../../platform/demo/demo.js';
import { AppError } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { today } from '../../../platform/dates.js';
import { createHolidays } from './holidays/holidays.service.js';
import './leave.tables.js';
import { resolveApprover } from '../approvers.js';
import { approveRequest, cancelRequest, rejectRequest } from './requests/decisions.service.js';
import { createRequest } from './requests/requests.service.js';
import { createLeaveType } from './types/leave-types.service.js';
import { addDays, weekday, yearOf } from './working-days.js';

/** The demo loader acts as hr:admin where an employee has no user of their own. */
const LOADER: Actor = {
  userId: '00000000-0000-4000-8000-00000000d3e0',
  email: 'demo-loader@moms.local',
  roles: ['hr-admin'],
  permissions: ['hr:*'],
};
const context = (actor: Actor): RequestContext => ({ actor, requestId: 'demo' });
/** Someone signed in as the employee's linked user (an employee, or a manager deciding). */
const asUser = (userId: string | null): RequestContext =>
  userId
    ? context({
        userId,
        email: 'demo@moms.local',
        roles: ['manager'],
        permissions: ['hr:read', 'hr:write', 'hr:approve'],
      })
    : context(LOADER);

const HOLIDAYS: [string, string][] = [
  ['01-01', "New Year's Day"],
  ['05-01', 'Labour Day'],
  ['12-25', 'Christmas Day'],
  ['12-26', 'Boxing Day'],
];
const STATES = ['approved', 'submitted', 'draft', 'rejected', 'cancelled'] as const;

/**
 * Demo leave, deterministic for the seed: three leave types (annual 25 days carrying up to 5 into
 * the first quarter, sick 10 without approval and allowed to go negative, unpaid allowed to go
 * negative), four public holidays a year for every location this year and next, and requests in
 * every state for up to 12 × size employees. Does nothing when there are no employees yet, or when
 * the leave types exist. Goes through the services, so everything is checked and audited.
 */
export async function leaveDemo({ db, faker, size, log }: DemoContext): Promise<void> {
  const employees = await db
    .selectFrom('hr.employees')
    .select(['id', 'user_id', 'manager_id', 'start_date'])
    .where('status', '=', 'active')
    .orderBy('employee_number')
    .execute();
  if (employees.length === 0) {
    log('hr leave: no employees yet; skipped');
    return;
  }
  if (await db.selectFrom('hr.leave_types').select('id').where('code', '=', 'annual').executeTakeFirst()) {
    log('hr leave: demo data already present; skipped');
    return;
  }
  const admin = context(LOADER);
  const annual = await createLeaveType(db, admin, {
    code: 'annual',
    name: 'Annual leave',
    yearlyAllowance: '25',
    paid: true,
    allowNegative: false,
    requiresApproval: true,
    carryOverMax: '5',
    carryOverExpiryMonth: 3,
    active: true,
  });
  const sick = await createLeaveType(db, admin, {
    code: 'sick',
    name: 'Sick leave',
    yearlyAllowance: '10',
    paid: true,
    allowNegative: true,
    requiresApproval: false,
    carryOverMax: '0',
    carryOverExpiryMonth: null,
    active: true,
  });
  await createLeaveType(db, admin, {
    code: 'unpaid',
    name: 'Unpaid leave',
    yearlyAllowance: '0',
    paid: false,
    allowNegative: true,
    requiresApproval: true,
    carryOverMax: '0',
    carryOverExpiryMonth: null,
    active: true,
  });

  const year = yearOf(today());
  const locations = await db.selectFrom('hr.locations').select('id').orderBy('name').execute();
  for (const location of locations)
    for (const y of [year, year + 1])
      await createHolidays(db, admin, {
        locationId: location.id,
        year: y,
        holidays: HOLIDAYS.map(([day, name]) => ({ date: `${y}-${day}`, name })),
      });

  const people = employees.slice(0, Math.max(3, Math.round(12 * size)));
  let made = 0;
  for (const [i, employee] of people.entries()) {
    const self = asUser(employee.user_id);
    // Whoever the app says decides (the first manager up the line who can act, else HR).
    const approver = await resolveApprover(db, employee.id);
    const decider = approver.kind === 'manager' ? asUser(approver.user.id) : admin;
    for (let k = 0; k < 2; k++) {
      const state = STATES[(i * 2 + k) % STATES.length]!;
      const week = faker.number.int({ min: 2, max: 48 });
      const monday = addDays(`${year}-01-01`, ((8 - weekday(`${year}-01-01`)) % 7) + 7 * (week - 1));
      const length = faker.number.int({ min: 0, max: 4 });
      try {
        const request = await createRequest(db, self, {
          employeeId: employee.id,
          leaveTypeId: annual.id,
          startDate: monday < employee.start_date ? employee.start_date : monday,
          endDate: addDays(monday < employee.start_date ? employee.start_date : monday, length),
          startPortion: 'full',
          endPortion: faker.datatype.boolean({ probability: 0.2 }) ? 'am' : 'full',
          reason: faker.helpers.arrayElement([null, 'Holiday', 'Family', 'Trip abroad']),
          submit: state !== 'draft',
        });
        if (state === 'approved' || state === 'cancelled')
          await approveRequest(db, decider, request.id, request.version, 'Enjoy!');
        if (state === 'rejected') await rejectRequest(db, decider, request.id, request.version, 'Busy period, sorry.');
        if (state === 'cancelled') await cancelRequest(db, admin, request.id, request.version + 1);
        made++;
      } catch (error) {
        // A date before the start, an overlap or no balance left: skip that one.
        if (!(error instanceof AppError)) throw error;
      }
    }
    if (i % 3 === 0) {
      const day = addDays(`${year}-01-01`, faker.number.int({ min: 10, max: 300 }));
      try {
        await createRequest(db, self, {
          employeeId: employee.id,
          leaveTypeId: sick.id,
          startDate: day,
          endDate: day,
          startPortion: 'full',
          endPortion: 'full',
          reason: 'Flu',
          submit: true,
        });
        made++;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
    }
  }
  log(`hr leave: 3 leave types, holidays for ${locations.length} locations, ${made} requests`);
}
