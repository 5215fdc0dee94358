import type { Db } from '../../../platform/db/database.js';

/** An active employee and the user account linked to them, if any (Compliance's policy acknowledgements). */
export interface ActiveEmployeeRef {
  employeeId: string;
  employeeNumber: string;
  name: string;
  workEmail: string;
  /** The linked user account, or null when the employee has none. */
  userId: string | null;
}

/**
 * For other modules (Compliance's not-acknowledged report): every active employee, with the user
 * account linked to them (null when none), ordered by employee number. Only the directory fields
 * every employee may see of a colleague (number, name, work email).
 */
export async function activeEmployeesWithUsers(db: Db): Promise<ActiveEmployeeRef[]> {
  const rows = await db
    .selectFrom('hr.employees')
    .select(['id', 'employee_number', 'first_name', 'last_name', 'work_email', 'user_id'])
    .where('status', '=', 'active')
    .orderBy('employee_number')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    employeeId: r.id,
    employeeNumber: r.employee_number,
    name: `${r.first_name} ${r.last_name}`,
    workEmail: r.work_email,
    userId: r.user_id,
  }));
}
