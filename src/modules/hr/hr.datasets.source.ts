import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { seesInFull, viewerOf } from './access.js';

/**
 * The `hr.employees` dataset's rows for `caller` (access.ts, README "privacy"): every employee's
 * directory card, as the directory shows it to anyone with `hr:read`; the job data only for the
 * employees the caller sees in full (themselves, their reports, everyone for `hr:admin`), null for
 * the others. Names, contact details and compensation are not in the dataset at all.
 */
export async function employeeDatasetSource(db: Db, caller: Actor) {
  const viewer = await viewerOf(db, { actor: caller, requestId: 'analytics' });
  const full = seesInFull(viewer, 'e.id');
  return db
    .selectFrom('hr.employees as e')
    .leftJoin('hr.departments as d', 'd.id', 'e.department_id')
    .leftJoin('hr.positions as p', 'p.id', 'e.position_id')
    .leftJoin('hr.locations as l', 'l.id', 'e.location_id')
    .select([
      sql<string>`e.id::text`.as('employeeId'),
      'd.name as department',
      'p.title as position',
      'l.name as location',
      'e.status as status',
      sql<string | null>`case when ${full} then e.employment_type end`.as('employmentType'),
      sql<string | null>`case when ${full} then e.start_date end`.as('startDate'),
      sql<string | null>`case when ${full} then e.end_date end`.as('endDate'),
    ]);
}

/**
 * The `hr.leave-requests` dataset's rows for `caller`: the leave requests the leave list shows them
 * (`seesInFull`: their own, their reports', everyone's for `hr:admin`), one row each. Reasons and
 * decision comments are not in the dataset; nor are the requests of the people seen only in the
 * directory (a colleague's absence is theirs).
 */
export async function leaveRequestDatasetSource(db: Db, caller: Actor) {
  const viewer = await viewerOf(db, { actor: caller, requestId: 'analytics' });
  return db
    .selectFrom('hr.leave_requests as r')
    .innerJoin('hr.employees as e', 'e.id', 'r.employee_id')
    .leftJoin('hr.departments as d', 'd.id', 'e.department_id')
    .leftJoin('hr.leave_types as t', 't.id', 'r.leave_type_id')
    .where(seesInFull(viewer, 'r.employee_id'))
    .select([
      sql<string>`r.employee_id::text`.as('employeeId'),
      'd.name as department',
      't.name as leaveType',
      't.paid as paid',
      'r.status as status',
      'r.start_date as startDate',
      'r.end_date as endDate',
      'r.days as days',
      sql<string | null>`(r.submitted_at at time zone 'UTC')::date`.as('submittedDate'),
    ]);
}
