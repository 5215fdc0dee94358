import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { ComponentListFilter } from './components.schemas.js';
import type { PayComponentsTable } from './payroll.tables.js';

export type ComponentRow = Selectable<PayComponentsTable>;

export function listComponents(db: Db, employeeId: string, f: ComponentListFilter) {
  let q = db
    .selectFrom('hr.pay_components as c')
    .selectAll('c')
    .select('c.start_date as startDate')
    .where('c.employee_id', '=', employeeId);
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (f.activeOn) {
    const on = f.activeOn;
    q = q
      .where('c.start_date', '<=', on)
      .where((eb) => eb.or([eb('c.end_date', 'is', null), eb('c.end_date', '>=', on)]));
  }
  return paginate(q, f, { sort: { startDate: 'c.start_date', name: 'c.name' }, id: 'c.id', idKey: 'id' });
}

export function findComponent(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('hr.pay_components').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function insertComponent(db: Db, values: Insertable<PayComponentsTable>) {
  return db.insertInto('hr.pay_components').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateComponent(db: Db, id: string, patch: Updateable<PayComponentsTable>) {
  return db
    .updateTable('hr.pay_components')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function deleteComponent(db: Db, id: string) {
  return db.deleteFrom('hr.pay_components').where('id', '=', id).execute();
}

/** The components of these employees that overlap [from, to], in start order. */
export function componentsOverlapping(db: Db, employeeIds: string[], from: string, to: string) {
  if (employeeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('hr.pay_components')
    .selectAll()
    .where('employee_id', 'in', employeeIds)
    .where('start_date', '<=', to)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', from)]))
    .orderBy('start_date')
    .orderBy('id')
    .execute();
}
