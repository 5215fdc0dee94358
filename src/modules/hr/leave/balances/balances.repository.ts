import { sql } from 'kysely';
import type { Db } from '../../../../platform/db/database.js';

export interface BookedRow {
  leave_type_id: string;
  code: string;
  name: string;
  paid: boolean;
  active: boolean;
  allow_negative: boolean;
  yearly_allowance: string;
  carry_over_max: string;
  carry_over_expiry_month: number | null;
  carried: string | null;
  expires_on: string | null;
  taken: string;
  pending: string;
  booked_before_expiry: string;
}

/**
 * Per leave type, for one employee and year: the type's rules, the days carried into the year and
 * the approved (taken) and submitted (pending) days of requests starting in the year.
 * `excludeRequestId` leaves one request out (the one being checked).
 */
export async function bookedDays(
  db: Db,
  employeeId: string,
  year: number,
  options: { leaveTypeId?: string; excludeRequestId?: string } = {},
): Promise<BookedRow[]> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const exclude = options.excludeRequestId ?? null;
  const typeFilter = options.leaveTypeId ? sql`where t.id = ${options.leaveTypeId}` : sql``;
  const result = await sql<BookedRow>`
    select t.id as leave_type_id, t.code, t.name, t.paid, t.active, t.allow_negative, t.yearly_allowance,
      t.carry_over_max, t.carry_over_expiry_month, c.days as carried, c.expires_on,
      coalesce(sum(r.days) filter (where r.status = 'approved'), 0)::text as taken,
      coalesce(sum(r.days) filter (where r.status = 'submitted'), 0)::text as pending,
      coalesce(sum(r.days) filter (where r.start_date <= c.expires_on), 0)::text as booked_before_expiry
    from hr.leave_types t
    left join hr.leave_carry_overs c on c.leave_type_id = t.id and c.employee_id = ${employeeId} and c.year = ${year}
    left join hr.leave_requests r on r.leave_type_id = t.id and r.employee_id = ${employeeId}
      and r.status in ('submitted', 'approved') and r.start_date between ${from}::date and ${to}::date
      and (${exclude}::uuid is null or r.id <> ${exclude}::uuid)
    ${typeFilter}
    group by t.id, c.days, c.expires_on
    order by t.name, t.id`.execute(db);
  return result.rows;
}

export function findEmployee(db: Db, id: string) {
  return db.selectFrom('hr.employees').select(['id', 'start_date', 'end_date']).where('id', '=', id).executeTakeFirst();
}

/** Employees employed on both sides of the turn of `fromYear` (those who have days to carry). */
export function employeesAcrossYearEnd(db: Db, fromYear: number) {
  return db
    .selectFrom('hr.employees')
    .select(['id', 'start_date', 'end_date'])
    .where('start_date', '<=', `${fromYear}-12-31`)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', `${fromYear + 1}-01-01`)]))
    .orderBy('id')
    .execute();
}

export function lockEmployee(db: Db, id: string) {
  return db.selectFrom('hr.employees').select('id').where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
}

export function findCarryOver(db: Db, employeeId: string, leaveTypeId: string, year: number) {
  return db
    .selectFrom('hr.leave_carry_overs')
    .selectAll()
    .where('employee_id', '=', employeeId)
    .where('leave_type_id', '=', leaveTypeId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export function upsertCarryOver(
  db: Db,
  row: { employee_id: string; leave_type_id: string; year: number; days: string; expires_on: string | null },
) {
  return db
    .insertInto('hr.leave_carry_overs')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['employee_id', 'leave_type_id', 'year']).doUpdateSet({
        days: row.days,
        expires_on: row.expires_on,
        version: sql`hr.leave_carry_overs.version + 1`,
        updated_at: sql`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
