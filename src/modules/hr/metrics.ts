import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { Money } from '../../platform/money/money.js';
import type { EndPortion, StartPortion } from './leave/leave.tables.js';
import { workingHalfDays } from './leave/working-days.js';

/**
 * Metrics for Strategy (through index.ts): counts only, no one's record (Strategy checks `hr:read`
 * before it shows them). `department` is a department's code or name, as `departmentsExist` takes it.
 */
const inDepartment = (department: string | undefined) =>
  department === undefined
    ? sql``
    : sql`and e.department_id in (select d.id from hr.departments d where d.code = ${department} or d.name = ${department})`;

/** People employed at the end of `date` (started on or before it, not yet gone). */
export async function headcount(db: Db, date: string, department?: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from hr.employees e
    where e.start_date <= ${date} and (e.end_date is null or e.end_date >= ${date}) ${inDepartment(department)}`.execute(
    db,
  );
  return rows[0]!.n;
}

/**
 * Leavers in [from, to] (their last day in it) over the average of the headcounts at both ends, in
 * percent (null when nobody was employed).
 */
export async function attrition(db: Db, range: { from: string; to: string; department?: string }) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from hr.employees e
    where e.end_date between ${range.from} and ${range.to} ${inDepartment(range.department)}`.execute(db);
  const [atStart, atEnd] = await Promise.all([
    headcount(db, range.from, range.department),
    headcount(db, range.to, range.department),
  ]);
  const average = new Money(atStart + atEnd).div(2);
  return {
    leavers: rows[0]!.n,
    rate: average.isZero() ? null : new Money(rows[0]!.n).times(100).div(average).toFixed(2),
  };
}

/**
 * Absence rate in [from, to]: the working days lost to approved leave over the working days of the
 * people employed, in percent with 2 decimals (null when nobody was employed). Each person counts
 * the working days of the part of the period they were employed (headcount × working days, for
 * joiners and leavers too), Saturdays, Sundays and their location's public holidays left out; leave
 * counts its working half-days inside the period, as leave requests count them.
 */
export async function absenceRate(db: Db, range: { from: string; to: string; department?: string }) {
  const { from, to } = range;
  const { rows: people } = await sql<{
    id: string;
    start_date: string;
    end_date: string | null;
    location_id: string | null;
  }>`
    select e.id, e.start_date::text as start_date, e.end_date::text as end_date, e.location_id from hr.employees e
    where e.start_date <= ${to} and (e.end_date is null or e.end_date >= ${from}) ${inDepartment(range.department)}`.execute(
    db,
  );
  if (people.length === 0) return { daysLost: '0.0', workingDays: '0.0', rate: null };
  const [{ rows: holidays }, { rows: leave }] = await Promise.all([
    sql<{ location_id: string; date: string }>`
      select h.location_id, h.date::text as date from hr.public_holidays h where h.date between ${from} and ${to}`.execute(
      db,
    ),
    sql<{
      employee_id: string;
      start_date: string;
      end_date: string;
      start_portion: StartPortion;
      end_portion: EndPortion;
    }>`
      select r.employee_id, r.start_date::text as start_date, r.end_date::text as end_date, r.start_portion, r.end_portion
      from hr.leave_requests r join hr.employees e on e.id = r.employee_id
      where r.status = 'approved' and r.start_date <= ${to} and r.end_date >= ${from} ${inDepartment(range.department)}`.execute(
      db,
    ),
  ]);
  const byLocation = new Map<string, Set<string>>();
  for (const h of holidays) byLocation.set(h.location_id, (byLocation.get(h.location_id) ?? new Set()).add(h.date));
  const none = new Set<string>();
  const employed = new Map(people.map((p) => [p.id, p]));
  let available = 0;
  for (const p of people)
    available += workingHalfDays(
      {
        startDate: p.start_date > from ? p.start_date : from,
        endDate: p.end_date !== null && p.end_date < to ? p.end_date : to,
        startPortion: 'full',
        endPortion: 'full',
      },
      (p.location_id && byLocation.get(p.location_id)) || none,
    );
  let lost = 0;
  for (const r of leave) {
    const p = employed.get(r.employee_id);
    if (!p) continue;
    lost += workingHalfDays(
      {
        startDate: r.start_date < from ? from : r.start_date,
        endDate: r.end_date > to ? to : r.end_date,
        startPortion: r.start_date < from ? 'full' : r.start_portion,
        endPortion: r.end_date > to ? 'full' : r.end_portion,
      },
      (p.location_id && byLocation.get(p.location_id)) || none,
    );
  }
  return {
    daysLost: new Money(lost).div(2).toFixed(1),
    workingDays: new Money(available).div(2).toFixed(1),
    rate: available === 0 ? null : new Money(lost).times(100).div(available).toFixed(2),
  };
}
