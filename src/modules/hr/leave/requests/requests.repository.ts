import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../../platform/db/database.js';
import { containsPattern } from '../../../../platform/db/like.js';
import { paginate } from '../../../../platform/http/pagination.js';
import { reportsOf, seesInFull, type HrViewer } from '../../access.js';
import { approverOf } from '../../approvers.js';
import type { LeaveRequestsTable } from '../leave.tables.js';
import type { ApprovalListFilter, LeaveRequestListFilter } from './requests.schemas.js';

export type LeaveRequestRow = Selectable<LeaveRequestsTable>;
export type LeaveRequestValues = Omit<Updateable<LeaveRequestsTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;

/** What leave rules need to know about an employee. */
export function findEmployee(db: Db, id: string, options: { lock?: boolean } = {}) {
  let q = db
    .selectFrom('hr.employees')
    .select(['id', 'start_date', 'end_date', 'location_id', 'manager_id', 'status', 'user_id'])
    .where('id', '=', id);
  // Every change to an employee's leave takes this lock first: overlaps and balances are checked
  // and changed by one transaction at a time. `no key update` leaves inserts that merely refer to
  // the employee (other modules) unblocked.
  if (options.lock) q = q.forNoKeyUpdate();
  return q.executeTakeFirst();
}
export type LeaveEmployee = NonNullable<Awaited<ReturnType<typeof findEmployee>>>;

/**
 * A request with its employee card, type and — while it waits — who decides it (`approvers`: the
 * users who may approve, from `approverUsers`; no approver row means HR decides).
 */
function requestsWithDetails(db: Db, approvers: readonly string[]) {
  return db
    .selectFrom('hr.leave_requests as r')
    .innerJoin('hr.employees as e', 'e.id', 'r.employee_id')
    .innerJoin('hr.leave_types as t', 't.id', 'r.leave_type_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('hr.employees as ap')
          .select(['ap.id as approver_id', sql<string>`ap.first_name || ' ' || ap.last_name`.as('approver_name')])
          .where(sql<boolean>`r.status = 'submitted'`)
          .where('ap.id', '=', approverOf('r.employee_id', approvers))
          .as('ap'),
      (join) => join.onTrue(),
    )
    .selectAll('r')
    .select(['ap.approver_id', 'ap.approver_name'])
    .select([
      'r.start_date as startDate',
      'r.created_at as createdAt',
      'e.employee_number',
      'e.first_name',
      'e.last_name',
      'e.department_id',
      'e.location_id',
      'e.manager_id',
      't.code as type_code',
      't.name as type_name',
      't.paid as type_paid',
    ]);
}
export type LeaveRequestDetailRow = Awaited<
  ReturnType<ReturnType<typeof requestsWithDetails>['executeTakeFirstOrThrow']>
>;

/** A request the viewer sees in full (their own, their reports', or any for hr:admin). */
export function findVisibleRequest(db: Db, viewer: HrViewer, id: string, approvers: readonly string[]) {
  return requestsWithDetails(db, approvers)
    .where('r.id', '=', id)
    .where(seesInFull(viewer, 'r.employee_id'))
    .executeTakeFirst();
}

export function findRequestDetails(db: Db, id: string, approvers: readonly string[]) {
  return requestsWithDetails(db, approvers).where('r.id', '=', id).executeTakeFirstOrThrow();
}

export function lockRequest(db: Db, id: string) {
  return db.selectFrom('hr.leave_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export function listRequests(db: Db, viewer: HrViewer, f: LeaveRequestListFilter, approvers: readonly string[]) {
  let q = requestsWithDetails(db, approvers).where(seesInFull(viewer, 'r.employee_id'));
  if (f.mine) q = q.where('r.employee_id', '=', viewer.employeeId ?? '00000000-0000-0000-0000-000000000000');
  if (f.employeeId) q = q.where('r.employee_id', '=', f.employeeId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.leaveTypeId) q = q.where('r.leave_type_id', '=', f.leaveTypeId);
  if (f.from) q = q.where('r.end_date', '>=', f.from);
  if (f.to) q = q.where('r.start_date', '<=', f.to);
  if (f.q) {
    const p = containsPattern(f.q);
    q = q.where((eb) =>
      eb.or([eb('e.first_name', 'ilike', p), eb('e.last_name', 'ilike', p), eb('e.employee_number', 'ilike', p)]),
    );
  }
  return paginate(q, f, { sort: { startDate: 'r.start_date', createdAt: 'r.created_at' }, id: 'r.id', idKey: 'id' });
}

/**
 * Submitted requests the viewer may decide: those of the people below them whose approver they are
 * (the first manager up the line who can act, `approvers.ts`); hr:admin: everyone's but their own.
 */
export function listApprovals(db: Db, viewer: HrViewer, f: ApprovalListFilter, approvers: readonly string[]) {
  let q = requestsWithDetails(db, approvers).where('r.status', '=', 'submitted');
  const self = viewer.employeeId;
  if (viewer.admin) {
    if (self) q = q.where('r.employee_id', '<>', self);
  } else if (!self) {
    q = q.where(sql<boolean>`false`);
  } else {
    q = q.where(sql<boolean>`r.employee_id in ${reportsOf(self)}`).where('ap.approver_id', '=', self);
  }
  return paginate(q, f, { sort: { startDate: 'r.start_date', createdAt: 'r.created_at' }, id: 'r.id', idKey: 'id' });
}

/** Pending or approved requests of the employee that share a date with [from, to] (with their type). */
export function bookedBetween(db: Db, employeeId: string, from: string, to: string, excludeId?: string) {
  let q = db
    .selectFrom('hr.leave_requests as r')
    .innerJoin('hr.leave_types as t', 't.id', 'r.leave_type_id')
    .select([
      'r.id',
      'r.start_date',
      'r.end_date',
      'r.start_portion',
      'r.end_portion',
      'r.status',
      'r.days',
      't.id as leave_type_id',
      't.name as type_name',
    ])
    .where('r.employee_id', '=', employeeId)
    .where('r.status', 'in', ['submitted', 'approved'])
    .where('r.start_date', '<=', to)
    .where('r.end_date', '>=', from)
    .orderBy('r.start_date');
  if (excludeId) q = q.where('r.id', '<>', excludeId);
  return q.execute();
}

export function holidayDates(db: Db, locationId: string | null, from: string, to: string) {
  if (!locationId) return Promise.resolve([] as { date: string }[]);
  return db
    .selectFrom('hr.public_holidays')
    .select('date')
    .where('location_id', '=', locationId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
}

export function insertRequest(
  db: Db,
  values: LeaveRequestValues & {
    employee_id: string;
    leave_type_id: string;
    start_date: string;
    end_date: string;
    days: string;
    status: LeaveRequestRow['status'];
  },
) {
  return db.insertInto('hr.leave_requests').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateRequest(db: Db, id: string, patch: LeaveRequestValues) {
  return db
    .updateTable('hr.leave_requests')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
