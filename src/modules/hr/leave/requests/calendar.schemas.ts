import { z } from '@hono/zod-openapi';
import { listQuery } from '../../../../platform/http/pagination.js';
import { booleanQuery, isoDate, uuid } from '../../../../platform/http/schemas.js';
import { PublicHoliday } from '../holidays/holidays.schemas.js';
import { DaysOut } from '../leave.shared.js';
import { EmployeeCard, LeaveTypeRef } from './requests.schemas.js';

export const MAX_CALENDAR_DAYS = 92;

export const CalendarQuery = listQuery(['name'], 'name')
  .omit({ q: true })
  .extend({
    from: isoDate,
    to: isoDate,
    departmentId: uuid.optional(),
    includePending: booleanQuery.default(false).openapi({ description: 'Also show submitted requests' }),
  });

export const CalendarEntry = z
  .object({
    employee: EmployeeCard,
    leave: z.array(
      z.object({
        requestId: z.uuid(),
        leaveType: LeaveTypeRef,
        startDate: z.string(),
        endDate: z.string(),
        startPortion: z.enum(['full', 'pm']),
        endPortion: z.enum(['full', 'am']),
        days: DaysOut,
        status: z.enum(['submitted', 'approved']),
      }),
    ),
  })
  .openapi('LeaveCalendarEntry');

export const LeaveCalendar = z
  .object({
    from: z.string(),
    to: z.string(),
    items: z.array(CalendarEntry),
    nextCursor: z.string().nullable(),
    holidays: z.array(PublicHoliday),
  })
  .openapi('LeaveCalendar');

export type CalendarFilter = z.output<typeof CalendarQuery>;
export type LeaveCalendarDto = z.input<typeof LeaveCalendar>;
