import type { Db } from '../../../../platform/db/database.js';
import { errors } from '../../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../../platform/http/app-env.js';
import { today } from '../../../../platform/dates.js';
import { accessTo, viewerOf } from '../../access.js';
import { balanceFigures, days, formatDays, proRatedEntitlement, type Days } from '../entitlement.js';
import { leaveErrors } from '../leave.errors.js';
import { yearOf } from '../working-days.js';
import * as repo from './balances.repository.js';
import type { LeaveBalanceDto } from './balances.schemas.js';

export interface Employment {
  start_date: string;
  end_date: string | null;
}

export interface Balance {
  row: repo.BookedRow;
  entitlement: Days;
  carriedOver: Days;
  expired: Days;
  taken: Days;
  pending: Days;
  available: Days;
}

/** One type's balance from its booked-days row; carried days count only for leave up to `asOf`. */
export function balanceOf(row: repo.BookedRow, employee: Employment, year: number, asOf: string): Balance {
  const entitlement = proRatedEntitlement(row.yearly_allowance, year, employee.start_date, employee.end_date);
  const carriedOver = days(row.carried ?? 0);
  const taken = days(row.taken);
  const pending = days(row.pending);
  const { expired, available } = balanceFigures(
    {
      entitlement,
      carriedOver,
      carriedOverExpiresOn: row.expires_on,
      taken,
      pending,
      bookedBeforeExpiry: days(row.booked_before_expiry),
    },
    asOf,
  );
  return { row, entitlement, carriedOver, expired, taken, pending, available };
}

/** The balances of every type for one employee and year, computed from the rules and requests. */
export async function balances(db: Db, employee: Employment & { id: string }, year: number, asOf = today()) {
  const rows = await repo.bookedDays(db, employee.id, year);
  return rows
    .map((row) => balanceOf(row, employee, year, asOf))
    .filter((b) => b.row.active || !b.taken.isZero() || !b.pending.isZero() || !b.carriedOver.isZero());
}

function toDto(b: Balance, year: number): LeaveBalanceDto {
  return {
    leaveType: { id: b.row.leave_type_id, code: b.row.code, name: b.row.name, paid: b.row.paid, active: b.row.active },
    year,
    entitlement: formatDays(b.entitlement),
    carriedOver: formatDays(b.carriedOver),
    carriedOverExpiresOn: b.row.expires_on,
    expired: formatDays(b.expired),
    taken: formatDays(b.taken),
    pending: formatDays(b.pending),
    available: formatDays(b.available),
    allowNegative: b.row.allow_negative,
  };
}

/** GET /employees/{id}/leave-balances: for those who see the employee in full. */
export async function employeeBalances(db: Db, ctx: RequestContext, employeeId: string, year?: number) {
  const viewer = await viewerOf(db, ctx);
  const access = await accessTo(db, viewer, employeeId);
  if (access === 'none') throw errors.notFound('Employee', employeeId);
  if (access === 'directory') throw leaveErrors.notVisible();
  const employee = await repo.findEmployee(db, employeeId);
  if (!employee) throw errors.notFound('Employee', employeeId);
  const y = year ?? yearOf(today());
  return { employeeId, year: y, items: (await balances(db, employee, y)).map((b) => toDto(b, y)) };
}

export async function myBalances(db: Db, ctx: RequestContext, year?: number) {
  const viewer = await viewerOf(db, ctx);
  if (!viewer.employeeId) throw leaveErrors.noEmployeeRecord();
  return employeeBalances(db, ctx, viewer.employeeId, year);
}
