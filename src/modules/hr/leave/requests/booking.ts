import { Decimal } from 'decimal.js';
import type { Tx } from '../../../../platform/db/database.js';
import { balanceOf } from '../balances/balances.service.js';
import { bookedDays } from '../balances/balances.repository.js';
import { days, formatDays } from '../entitlement.js';
import { leaveErrors } from '../leave.errors.js';
import type { LeaveTypesTable } from '../leave.tables.js';
import { halfDaysToString, slots, workingHalfDays, yearOf, type LeaveSpan } from '../working-days.js';
import * as repo from './requests.repository.js';
import type { Selectable } from 'kysely';

/**
 * The rules a request must keep, checked with the employee's row locked (see findEmployee), so two
 * transactions never check the same employee's leave at the same time.
 */

/** Working days of the span for this employee (their location's holidays), as a numeric string. */
export async function countDays(trx: Tx, employee: repo.LeaveEmployee, span: LeaveSpan): Promise<string> {
  const holidays = await repo.holidayDates(trx, employee.location_id, span.startDate, span.endDate);
  const halfDays = workingHalfDays(span, new Set(holidays.map((h) => h.date)));
  if (halfDays === 0) throw leaveErrors.zeroWorkingDays();
  return halfDaysToString(halfDays);
}

export function assertWithinEmployment(employee: repo.LeaveEmployee, span: LeaveSpan): void {
  if (span.startDate < employee.start_date || (employee.end_date !== null && span.endDate > employee.end_date))
    throw leaveErrors.outsideEmployment(employee.start_date, employee.end_date);
}

export function assertActive(type: Selectable<LeaveTypesTable>): void {
  if (!type.active) throw leaveErrors.typeInactive(type.code);
}

/**
 * No other pending or approved request of the employee may share a half-day with this one: a
 * morning ('am' end) and an afternoon ('pm' start) of the same date do not overlap.
 */
export async function assertNoOverlap(trx: Tx, employeeId: string, span: LeaveSpan, excludeId?: string) {
  const [from, to] = slots(span);
  const others = await repo.bookedBetween(trx, employeeId, span.startDate, span.endDate, excludeId);
  for (const o of others) {
    const [oFrom, oTo] = slots({
      startDate: o.start_date,
      endDate: o.end_date,
      startPortion: o.start_portion,
      endPortion: o.end_portion,
    });
    if (oFrom < to && from < oTo) throw leaveErrors.overlap(o.id, o.start_date, o.end_date);
  }
}

/**
 * The request's days must fit the balance of its type and year, unless the type allows a negative
 * balance. On submit, other pending requests count against it (`countPending`); on approval only
 * approved ones do (the approver chooses among pending requests). Carried-over days count only if
 * the leave starts on or before their expiry date.
 */
export async function assertBalance(
  trx: Tx,
  employee: repo.LeaveEmployee,
  type: Selectable<LeaveTypesTable>,
  request: { id?: string; start_date: string; days: string },
  countPending: boolean,
): Promise<void> {
  if (type.allow_negative) return;
  const year = yearOf(request.start_date);
  const [row] = await bookedDays(trx, employee.id, year, {
    leaveTypeId: type.id,
    ...(request.id ? { excludeRequestId: request.id } : {}),
  });
  if (!row) return;
  const balance = balanceOf(row, employee, year, request.start_date);
  const available = countPending ? balance.available : balance.available.plus(balance.pending);
  if (days(request.days).greaterThan(available))
    throw leaveErrors.insufficientBalance(
      formatDays(days(request.days)),
      formatDays(Decimal.max(0, available)),
      type.code,
    );
}
