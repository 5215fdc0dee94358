import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { Money } from '../../platform/money/money.js';

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
