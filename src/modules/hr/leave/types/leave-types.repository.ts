import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../../platform/db/database.js';
import type { LeaveTypesTable } from '../leave.tables.js';

export type LeaveTypeRow = Selectable<LeaveTypesTable>;
export type LeaveTypeValues = Omit<Updateable<LeaveTypesTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;

export function findLeaveType(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('hr.leave_types').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forNoKeyUpdate();
  return q.executeTakeFirst();
}

export function findByCode(db: Db, code: string) {
  return db.selectFrom('hr.leave_types').select('id').where('code', '=', code).executeTakeFirst();
}

/** Leave types are few (a handful per company): the list is not paginated. */
export function listLeaveTypes(db: Db, active?: boolean) {
  let q = db.selectFrom('hr.leave_types').selectAll().orderBy('name').orderBy('id');
  if (active !== undefined) q = q.where('active', '=', active);
  return q.limit(500).execute();
}

export function insertLeaveType(
  db: Db,
  values: LeaveTypeValues & { code: string; name: string; yearly_allowance: string },
) {
  return db.insertInto('hr.leave_types').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateLeaveType(db: Db, id: string, patch: LeaveTypeValues) {
  return db
    .updateTable('hr.leave_types')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
