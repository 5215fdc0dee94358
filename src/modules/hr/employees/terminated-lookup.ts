import type { Db } from '../../../platform/db/database.js';

/** A terminated employee linked to a user account (Compliance checks the account is disabled). */
export interface TerminatedEmployeeRef {
  employeeId: string;
  employeeNumber: string;
  name: string;
  userId: string;
  /** The last day of employment (YYYY-MM-DD), when recorded. */
  endDate: string | null;
}

/**
 * For other modules (Compliance's "accounts still active for terminated employees" collector): the
 * terminated employees that are linked to a user account, ordered by employee number.
 */
export async function terminatedEmployeesWithUsers(db: Db): Promise<TerminatedEmployeeRef[]> {
  const rows = await db
    .selectFrom('hr.employees')
    .select(['id', 'employee_number', 'first_name', 'last_name', 'user_id', 'end_date'])
    .where('status', '=', 'terminated')
    .where('user_id', 'is not', null)
    .orderBy('employee_number')
    .execute();
  return rows.map((r) => ({
    employeeId: r.id,
    employeeNumber: r.employee_number,
    name: `${r.first_name} ${r.last_name}`,
    userId: r.user_id!,
    endDate: r.end_date,
  }));
}
