import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { errors } from '../../platform/errors/app-error.js';
import { hrErrors } from './hr.errors.js';
import type { EmployeeStatus } from './hr.tables.js';

/**
 * Small building blocks shared by every HR part (organization, employees, leave, payroll). Keep
 * these stable: the other parts import them. Ids, dates, texts: platform/http/schemas.ts.
 */

/** A short reference to an employee, safe for anyone with hr:read (directory data only). */
export const EmployeeRef = z
  .object({ id: z.uuid(), employeeNumber: z.string(), name: z.string() })
  .openapi('EmployeeRef');
export type EmployeeRefDto = z.infer<typeof EmployeeRef>;

export const fullName = (e: { first_name: string; last_name: string }) => `${e.first_name} ${e.last_name}`;

export interface EmployeeFacts {
  id: string;
  employee_number: string;
  first_name: string;
  last_name: string;
  status: EmployeeStatus;
  start_date: string;
  end_date: string | null;
  manager_id: string | null;
  department_id: string | null;
  location_id: string | null;
  user_id: string | null;
}

/**
 * The employee, or a 422 on `path` when there is none (for references in request bodies).
 * `activeOnly` also refuses a terminated employee. `forShare` locks the row against concurrent
 * termination until the caller's transaction ends (pass a transaction as `db`).
 */
export async function assertEmployeeExists(
  db: Db,
  id: string,
  path: string,
  options: { activeOnly?: boolean; forShare?: boolean } = {},
): Promise<EmployeeFacts> {
  let q = db
    .selectFrom('hr.employees')
    .select([
      'id',
      'employee_number',
      'first_name',
      'last_name',
      'status',
      'start_date',
      'end_date',
      'manager_id',
      'department_id',
      'location_id',
      'user_id',
    ])
    .where('id', '=', id);
  if (options.forShare) q = q.forShare();
  const row = await q.executeTakeFirst();
  if (!row) throw errors.invalidReference(path, 'Employee', id);
  if (options.activeOnly && row.status !== 'active') throw hrErrors.employeeNotActive(path, id);
  return row;
}

/**
 * Serializes changes of the reporting tree (manager_id) across transactions, so that two concurrent
 * changes cannot together make a loop that neither would make alone. Held until commit or rollback.
 */
export async function lockReportingTree(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('moms.hr.reporting-tree'))`.execute(db);
}
