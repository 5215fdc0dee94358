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

/** Working half-days of the span for this employee (their location's holidays); 0 is possible. */
export async function workingHalfDaysOf(trx: Tx, employee: repo.LeaveEmployee, span: LeaveSpan): Promise<number> {
  const holidays = await repo.holidayDates(trx, employee.location_id, span.startDate, span.endDate);
  return workingHalfDays(span, new Set(holidays.map((h) => h.date)));
}

/** Working days of the span for this employee, as a numeric string (422 when there is none). */
export async function countDays(trx: Tx, employee: repo.LeaveEmployee, span: LeaveSpan): Promise<string> {
  const halfDays = await workingHalfDaysOf(trx, employee, span);
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
 * The employee's pending or approved requests that share a half-day with the span: a morning
 * ('am' end) and an afternoon ('pm' start) of the same date do not overlap.
 */
export async function overlapsOf(trx: Tx, employeeId: string, span: LeaveSpan, excludeId?: string) {
  const [from, to] = slots(span);
  const others = await repo.bookedBetween(trx, employeeId, span.startDate, span.endDate, excludeId);
  return others.filter((o) => {
    const [oFrom, oTo] = slots({
      startDate: o.start_date,
      endDate: o.end_date,
      startPortion: o.start_portion,
      endPortion: o.end_portion,
    });
    return oFrom < to && from < oTo;
  });
}

/** No other pending or approved request of the employee may share a half-day with this one. */
export async function assertNoOverlap(trx: Tx, employeeId: string, span: LeaveSpan, excludeId?: string) {
  const [first] = await overlapsOf(trx, employeeId, span, excludeId);
  if (first) throw leaveErrors.overlap(first.id, first.start_date, first.end_date);
}

/**
 * The days available for the request in its type and year (null when the employee has no balance
 * row for it). `countPending`: other pending requests count against it (on submit); otherwise only
 * approved ones do (on approval). Carried-over days count only if the leave starts on or before
 * their expiry date.
 */
export async function availableFor(
  trx: Tx,
  employee: repo.LeaveEmployee,
  type: Selectable<LeaveTypesTable>,
  request: { id?: string; start_date: string },
  countPending: boolean,
): Promise<Decimal | null> {
  const year = yearOf(request.start_date);
  const [row] = await bookedDays(trx, employee.id, year, {
    leaveTypeId: type.id,
    ...(request.id ? { excludeRequestId: request.id } : {}),
  });
  if (!row) return null;
  const balance = balanceOf(row, employee, year, request.start_date);
  return countPending ? balance.available : balance.available.plus(balance.pending);
}

/** The insufficient-balance error when the days exceed what is available, else null. */
export function balanceShortfall(
  type: Selectable<LeaveTypesTable>,
  requested: string,
  available: Decimal | null,
): ReturnType<typeof leaveErrors.insufficientBalance> | null {
  if (type.allow_negative || available === null || !days(requested).greaterThan(available)) return null;
  return leaveErrors.insufficientBalance(formatDays(days(requested)), formatDays(Decimal.max(0, available)), type.code);
}

/**
 * The request's days must fit the balance of its type and year (see availableFor), unless the type
 * allows a negative balance.
 */
export async function assertBalance(
  trx: Tx,
  employee: repo.LeaveEmployee,
  type: Selectable<LeaveTypesTable>,
  request: { id?: string; start_date: string; days: string },
  countPending: boolean,
): Promise<void> {
  if (type.allow_negative) return;
  const shortfall = balanceShortfall(
    type,
    request.days,
    await availableFor(trx, employee, type, request, countPending),
  );
  if (shortfall) throw shortfall;
}
