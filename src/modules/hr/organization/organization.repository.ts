import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { DepartmentsTable, LocationsTable, PositionsTable } from '../hr.tables.js';
import type { DepartmentListFilter, LocationListFilter, PositionListFilter } from './organization.schemas.js';

type Values<T> = Omit<Updateable<T>, 'id' | 'version' | 'created_at' | 'updated_at'>;
const bump = { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` };

// ---- locations ----
export type LocationRow = Selectable<LocationsTable>;
export type LocationValues = Values<LocationsTable>;

export function findLocation(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('hr.locations').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function listLocations(db: Db, f: LocationListFilter) {
  let q = db.selectFrom('hr.locations as l').selectAll('l').select('l.created_at as createdAt');
  if (f.countryCode) q = q.where('l.country_code', '=', f.countryCode);
  if (f.q) q = q.where('l.name', 'ilike', containsPattern(f.q));
  return paginate(q, f, { sort: { name: 'l.name', createdAt: 'l.created_at' }, id: 'l.id', idKey: 'id' });
}

export function insertLocation(db: Db, values: LocationValues & { name: string; country_code: string }) {
  return db.insertInto('hr.locations').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateLocation(db: Db, id: string, patch: LocationValues) {
  return db
    .updateTable('hr.locations')
    .set({ ...patch, ...bump })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- positions ----
export type PositionRow = Selectable<PositionsTable>;
export type PositionValues = Values<PositionsTable>;

export function findPosition(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('hr.positions').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function listPositions(db: Db, f: PositionListFilter) {
  let q = db.selectFrom('hr.positions as p').selectAll('p').select('p.created_at as createdAt');
  if (f.departmentId) q = q.where('p.department_id', '=', f.departmentId);
  if (f.q) {
    const p = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('p.title', 'ilike', p), eb('p.code', 'ilike', p)]));
  }
  return paginate(q, f, { sort: { title: 'p.title', createdAt: 'p.created_at' }, id: 'p.id', idKey: 'id' });
}

export function insertPosition(db: Db, values: PositionValues & { title: string }) {
  return db.insertInto('hr.positions').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updatePosition(db: Db, id: string, patch: PositionValues) {
  return db
    .updateTable('hr.positions')
    .set({ ...patch, ...bump })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- departments ----
export type DepartmentRow = Selectable<DepartmentsTable>;
export type DepartmentValues = Values<DepartmentsTable>;
export type DepartmentView = DepartmentRow & { head_name: string | null; employee_count: number };

function departmentsWithFacts(db: Db) {
  return db
    .selectFrom('hr.departments as d')
    .leftJoin('hr.employees as h', 'h.id', 'd.head_employee_id')
    .selectAll('d')
    .select((eb) => [
      sql<string | null>`case when h.id is null then null else h.first_name || ' ' || h.last_name end`.as('head_name'),
      eb
        .selectFrom('hr.employees as e')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('e.department_id', '=', 'd.id')
        .where('e.status', '=', 'active')
        .as('employee_count'),
    ]);
}

export async function findDepartmentView(db: Db, id: string): Promise<DepartmentView | undefined> {
  const row = await departmentsWithFacts(db).where('d.id', '=', id).executeTakeFirst();
  return row ? { ...row, employee_count: Number(row.employee_count ?? 0) } : undefined;
}

export function findDepartment(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('hr.departments').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listDepartments(db: Db, f: DepartmentListFilter) {
  let q = departmentsWithFacts(db).select('d.created_at as createdAt');
  if (f.parentId) q = q.where('d.parent_id', '=', f.parentId);
  if (f.root === true) q = q.where('d.parent_id', 'is', null);
  if (f.q) {
    const p = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('d.name', 'ilike', p), eb('d.code', 'ilike', p)]));
  }
  const page = await paginate(q, f, { sort: { name: 'd.name', createdAt: 'd.created_at' }, id: 'd.id', idKey: 'id' });
  return { ...page, items: page.items.map((r) => ({ ...r, employee_count: Number(r.employee_count ?? 0) })) };
}

/** Every department (for the tree), by name. */
export async function allDepartments(db: Db): Promise<DepartmentView[]> {
  const rows = await departmentsWithFacts(db).orderBy('d.name').orderBy('d.id').execute();
  return rows.map((r) => ({ ...r, employee_count: Number(r.employee_count ?? 0) }));
}

export function insertDepartment(db: Db, values: DepartmentValues & { name: string }) {
  return db.insertInto('hr.departments').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateDepartment(db: Db, id: string, patch: DepartmentValues) {
  return db
    .updateTable('hr.departments')
    .set({ ...patch, ...bump })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Serializes changes of the department tree (parent_id), so concurrent moves cannot make a cycle. */
export async function lockDepartmentTree(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('moms.hr.department-tree'))`.execute(db);
}

/** Would making `parentId` the parent of `id` create a cycle? */
export async function departmentWouldCycle(db: Db, id: string, parentId: string): Promise<boolean> {
  const result = await sql<{ found: boolean }>`
    with recursive up(id, parent_id) as (
      select id, parent_id from hr.departments where id = ${parentId}
      union
      select d.id, d.parent_id from hr.departments d join up on d.id = up.parent_id
    )
    select exists (select 1 from up where id = ${id}) as found`.execute(db);
  return result.rows[0]?.found ?? false;
}

// ---- what uses a record (for refusing deletes) ----
async function count(query: Promise<{ n: number | string } | undefined>): Promise<number> {
  return Number((await query)?.n ?? 0);
}
const n = sql<number>`count(*)::int`.as('n');

export async function locationUsage(db: Db, id: string) {
  return {
    employees: await count(db.selectFrom('hr.employees').select(n).where('location_id', '=', id).executeTakeFirst()),
  };
}

export async function positionUsage(db: Db, id: string) {
  return {
    employees: await count(db.selectFrom('hr.employees').select(n).where('position_id', '=', id).executeTakeFirst()),
    'job history entries': await count(
      db.selectFrom('hr.job_changes').select(n).where('position_id', '=', id).executeTakeFirst(),
    ),
  };
}

export async function departmentUsage(db: Db, id: string) {
  return {
    employees: await count(db.selectFrom('hr.employees').select(n).where('department_id', '=', id).executeTakeFirst()),
    'sub-departments': await count(
      db.selectFrom('hr.departments').select(n).where('parent_id', '=', id).executeTakeFirst(),
    ),
    positions: await count(db.selectFrom('hr.positions').select(n).where('department_id', '=', id).executeTakeFirst()),
    'job history entries': await count(
      db.selectFrom('hr.job_changes').select(n).where('department_id', '=', id).executeTakeFirst(),
    ),
  };
}

export async function deleteRow(db: Db, table: 'hr.locations' | 'hr.positions' | 'hr.departments', id: string) {
  await db.deleteFrom(table).where('id', '=', id).execute();
}
