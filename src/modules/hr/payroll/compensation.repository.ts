import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { CompensationsTable } from '../hr.tables.js';
import type { CompensationListFilter } from './compensation.schemas.js';

export type CompensationRow = Selectable<CompensationsTable>;

export function listCompensations(db: Db, employeeId: string, f: CompensationListFilter) {
  const q = db
    .selectFrom('hr.compensations as c')
    .selectAll('c')
    .select('c.effective_date as effectiveDate')
    .where('c.employee_id', '=', employeeId);
  return paginate(q, f, { sort: { effectiveDate: 'c.effective_date' }, id: 'c.id', idKey: 'id' });
}

export function findOnDate(db: Db, employeeId: string, date: string) {
  return db
    .selectFrom('hr.compensations')
    .select('id')
    .where('employee_id', '=', employeeId)
    .where('effective_date', '=', date)
    .executeTakeFirst();
}

export function insertCompensation(db: Db, values: Insertable<CompensationsTable>) {
  return db.insertInto('hr.compensations').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Every compensation of these employees effective on or before `until`, oldest first. */
export function compensationsUntil(db: Db, employeeIds: string[], until: string) {
  if (employeeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('hr.compensations')
    .select(['employee_id', 'effective_date', 'base_salary', 'currency', 'pay_frequency'])
    .where('employee_id', 'in', employeeIds)
    .where('effective_date', '<=', until)
    .orderBy('employee_id')
    .orderBy('effective_date')
    .execute();
}
