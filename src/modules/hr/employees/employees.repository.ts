import { sql, type RawBuilder, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import { reportsOf } from '../access.js';
import type { EmployeesTable, JobChangesTable } from '../hr.tables.js';
import type { EmployeeExportFilter, EmployeeListFilter } from './employees.schemas.js';

export type EmployeeRow = Selectable<EmployeesTable>;
export type EmployeeValues = Omit<
  Updateable<EmployeesTable>,
  'id' | 'employee_number' | 'version' | 'created_at' | 'updated_at'
>;

/** The employee with the names of their department, position, location and manager. */
function withNames(db: Db) {
  return db
    .selectFrom('hr.employees as e')
    .leftJoin('hr.departments as d', 'd.id', 'e.department_id')
    .leftJoin('hr.positions as p', 'p.id', 'e.position_id')
    .leftJoin('hr.locations as l', 'l.id', 'e.location_id')
    .leftJoin('hr.employees as m', 'm.id', 'e.manager_id');
}

/** Directory columns only: lists, exports and org charts never load more than this. */
function cardColumns(db: Db) {
  return withNames(db).select([
    'e.id',
    'e.employee_number as employeeNumber',
    'e.first_name as firstName',
    'e.last_name as lastName',
    'e.work_email as workEmail',
    'e.work_phone as workPhone',
    'e.status',
    'e.department_id as departmentId',
    'd.name as departmentName',
    'e.position_id as positionId',
    'p.title as positionTitle',
    'e.location_id as locationId',
    'l.name as locationName',
    'e.manager_id as managerId',
    sql<string | null>`case when m.id is null then null else m.first_name || ' ' || m.last_name end`.as('managerName'),
    'e.created_at as createdAt',
  ]);
}
export type CardRow = Awaited<ReturnType<ReturnType<typeof cardColumns>['executeTakeFirstOrThrow']>>;

/** Directory cards of these employees, by last name then first name. */
export function cardsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return cardColumns(db)
    .where('e.id', 'in', ids)
    .orderBy('e.last_name')
    .orderBy('e.first_name')
    .orderBy('e.id')
    .execute();
}

/** The whole record plus the names (only after the caller's access has been established). */
export function findEmployeeWithNames(db: Db, id: string) {
  return withNames(db)
    .selectAll('e')
    .select([
      'd.name as department_name',
      'p.title as position_title',
      'l.name as location_name',
      sql<string | null>`case when m.id is null then null else m.first_name || ' ' || m.last_name end`.as(
        'manager_name',
      ),
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
}
export type NamedEmployeeRow = NonNullable<Awaited<ReturnType<typeof findEmployeeWithNames>>>;

export function findEmployee(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('hr.employees').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

function filtered(db: Db, f: EmployeeExportFilter) {
  let q = cardColumns(db);
  if (f.status !== 'all') q = q.where('e.status', '=', f.status);
  if (f.departmentId) q = q.where('e.department_id', '=', f.departmentId);
  if (f.positionId) q = q.where('e.position_id', '=', f.positionId);
  if (f.locationId) q = q.where('e.location_id', '=', f.locationId);
  if (f.managerId) q = q.where('e.manager_id', '=', f.managerId);
  if (f.q) {
    const p = containsPattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('e.first_name', 'ilike', p),
        eb('e.last_name', 'ilike', p),
        eb(sql<string>`e.first_name || ' ' || e.last_name`, 'ilike', p),
        eb('e.work_email', 'ilike', p),
        eb('e.employee_number', 'ilike', p),
      ]),
    );
  }
  return q;
}

const SORT = {
  lastName: 'e.last_name',
  firstName: 'e.first_name',
  employeeNumber: 'e.employee_number',
  createdAt: 'e.created_at',
};

export function listCards(db: Db, f: EmployeeListFilter) {
  return paginate(filtered(db, f), f, { sort: SORT, id: 'e.id', idKey: 'id' });
}

/**
 * The export: directory columns for everyone, and the full-record columns only for the rows the
 * viewer sees in full (`seesInFull`), computed in SQL so nothing else is even read. In the list's
 * sort (then id), at most `max` rows after `after` (the `sortKey` and id of the last row read):
 * the background export reads it page by page.
 */
export function exportRows(
  db: Db,
  f: EmployeeExportFilter,
  fullCondition: RawBuilder<SqlBool>,
  max: number,
  after?: { sortKey: string; id: string },
) {
  const hidden = <T>(column: string) => sql<T | null>`case when ${fullCondition} then ${sql.ref(column)} end`;
  const descending = f.sort.startsWith('-');
  const column = SORT[(descending ? f.sort.slice(1) : f.sort) as keyof typeof SORT];
  let q = filtered(db, f).select([
    fullCondition.as('full'),
    sql<string>`${sql.ref(column)}::text`.as('sortKey'),
    hidden<string>('e.employment_type').as('employmentType'),
    sql<string | null>`case when ${fullCondition} then to_char(e.start_date, 'YYYY-MM-DD') end`.as('startDate'),
    sql<string | null>`case when ${fullCondition} then to_char(e.end_date, 'YYYY-MM-DD') end`.as('endDate'),
    hidden<string>('e.personal_email').as('personalEmail'),
    hidden<string>('e.personal_phone').as('personalPhone'),
    sql<string | null>`case when ${fullCondition} then to_char(e.birth_date, 'YYYY-MM-DD') end`.as('birthDate'),
    hidden<string>('e.termination_reason').as('terminationReason'),
  ]);
  if (after) {
    // The sort column is never null; the key comes back in the column's own type (text → its type).
    const key = sql`cast(${after.sortKey} as ${sql.raw(column === 'e.created_at' ? 'timestamptz' : 'text')})`;
    const ref = sql.ref(column);
    q = q.where(
      descending
        ? sql<SqlBool>`(${ref} < ${key} or (${ref} = ${key} and e.id > ${after.id}::uuid))`
        : sql<SqlBool>`(${ref} > ${key} or (${ref} = ${key} and e.id > ${after.id}::uuid))`,
    );
  }
  return q
    .orderBy(sql.ref(column), descending ? 'desc' : 'asc')
    .orderBy('e.id')
    .limit(max)
    .execute();
}

export function insertEmployee(
  db: Db,
  values: EmployeeValues & Pick<EmployeeRow, 'first_name' | 'last_name' | 'work_email' | 'start_date'>,
) {
  return db.insertInto('hr.employees').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateEmployee(db: Db, id: string, patch: EmployeeValues) {
  return db
    .updateTable('hr.employees')
    .set({ ...patch, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function insertJobChange(db: Db, values: Omit<Selectable<JobChangesTable>, 'id' | 'created_at'>) {
  return db.insertInto('hr.job_changes').values(values).returningAll().executeTakeFirstOrThrow();
}

export function activeEmployeeWithEmail(db: Db, email: string, exceptId?: string) {
  let q = db.selectFrom('hr.employees').select('id').where('work_email', '=', email).where('status', '=', 'active');
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export function employeeLinkedTo(db: Db, userId: string, exceptId?: string) {
  let q = db.selectFrom('hr.employees').select('id').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

/** Would `managerId` becoming the manager of `id` make a loop (is `id` at or above `managerId`)? */
export async function managerWouldLoop(db: Db, id: string, managerId: string): Promise<boolean> {
  if (id === managerId) return true;
  const result = await sql<{
    found: boolean;
  }>`select exists (select 1 from ${reportsOf(id)} r where r.id = ${managerId}) as found`.execute(db);
  return result.rows[0]?.found ?? false;
}

/** The compensation in force on `date` (newest effective_date on or before it). */
export function currentCompensation(db: Db, employeeId: string, date: string) {
  return db
    .selectFrom('hr.compensations')
    .select(['base_salary', 'currency', 'pay_frequency', 'effective_date'])
    .where('employee_id', '=', employeeId)
    .where('effective_date', '<=', date)
    .orderBy('effective_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}
