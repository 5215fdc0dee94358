import type { Db } from '../../../../platform/db/database.js';
import type { RequestContext } from '../../../../platform/http/app-env.js';
import { paginate } from '../../../../platform/http/pagination.js';
import { seesInFull, viewerOf } from '../../access.js';
import { days, formatDays } from '../entitlement.js';
import { toHolidayDto } from '../holidays/holidays.service.js';
import { leaveErrors } from '../leave.errors.js';
import { errors } from '../../../../platform/errors/app-error.js';
import { dayNumber } from '../working-days.js';
import { MAX_CALENDAR_DAYS, type CalendarFilter, type LeaveCalendarDto } from './calendar.schemas.js';

/**
 * The team calendar: approved (optionally also submitted) leave between `from` and `to` of the
 * people the caller sees in full (themself and their reports; hr:admin everyone), one entry per
 * person (paginated by name), and the public holidays of those people's locations in the range.
 */
export async function teamCalendar(db: Db, ctx: RequestContext, f: CalendarFilter): Promise<LeaveCalendarDto> {
  if (f.to < f.from)
    throw errors.validation([{ path: 'query.to', message: 'Before from.', code: 'too_small' }], 'to is before from.');
  if (dayNumber(f.to) - dayNumber(f.from) + 1 > MAX_CALENDAR_DAYS) throw leaveErrors.rangeTooLong(MAX_CALENDAR_DAYS);
  const viewer = await viewerOf(db, ctx);
  const statuses: ('submitted' | 'approved')[] = f.includePending ? ['submitted', 'approved'] : ['approved'];

  let people = db
    .selectFrom('hr.employees as e')
    .select([
      'e.id',
      'e.employee_number',
      'e.first_name',
      'e.last_name',
      'e.department_id',
      'e.location_id',
      'e.manager_id',
      'e.last_name as name',
    ])
    .where(seesInFull(viewer, 'e.id'));
  if (f.departmentId) people = people.where('e.department_id', '=', f.departmentId);
  const locations = people.clearSelect().select('e.location_id');

  const page = await paginate(
    people.where((eb) =>
      eb.exists(
        eb
          .selectFrom('hr.leave_requests as r')
          .select('r.id')
          .whereRef('r.employee_id', '=', 'e.id')
          .where('r.status', 'in', statuses)
          .where('r.start_date', '<=', f.to)
          .where('r.end_date', '>=', f.from),
      ),
    ),
    f,
    { sort: { name: 'e.last_name' }, id: 'e.id', idKey: 'id' },
  );
  const ids = page.items.map((p) => p.id);
  const leave =
    ids.length === 0
      ? []
      : await db
          .selectFrom('hr.leave_requests as r')
          .innerJoin('hr.leave_types as t', 't.id', 'r.leave_type_id')
          .select([
            'r.id',
            'r.employee_id',
            'r.start_date',
            'r.end_date',
            'r.start_portion',
            'r.end_portion',
            'r.days',
            'r.status',
            't.id as type_id',
            't.code',
            't.name',
            't.paid',
          ])
          .where('r.employee_id', 'in', ids)
          .where('r.status', 'in', statuses)
          .where('r.start_date', '<=', f.to)
          .where('r.end_date', '>=', f.from)
          .orderBy('r.start_date')
          .orderBy('r.id')
          .execute();
  const holidays = await db
    .selectFrom('hr.public_holidays')
    .selectAll()
    .where('date', '>=', f.from)
    .where('date', '<=', f.to)
    .where('location_id', 'in', locations)
    .orderBy('date')
    .orderBy('location_id')
    .execute();

  return {
    from: f.from,
    to: f.to,
    nextCursor: page.nextCursor,
    holidays: holidays.map(toHolidayDto),
    items: page.items.map((p) => ({
      employee: {
        id: p.id,
        employeeNumber: p.employee_number,
        firstName: p.first_name,
        lastName: p.last_name,
        departmentId: p.department_id,
        locationId: p.location_id,
        managerId: p.manager_id,
      },
      leave: leave
        .filter((l) => l.employee_id === p.id)
        .map((l) => ({
          requestId: l.id,
          leaveType: { id: l.type_id, code: l.code, name: l.name, paid: l.paid },
          startDate: l.start_date,
          endDate: l.end_date,
          startPortion: l.start_portion,
          endPortion: l.end_portion,
          days: formatDays(days(l.days)),
          status: l.status === 'approved' ? 'approved' : 'submitted',
        })),
    })),
  };
}
