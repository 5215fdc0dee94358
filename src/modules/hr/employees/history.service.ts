import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import { isoTimestamp } from '../../../platform/dates.js';
import { accessTo, maySeeCompensation, viewerOf } from '../access.js';
import { hrErrors } from '../hr.errors.js';
import type { HistoryEntryDto } from './employees.schemas.js';

/** Newest first: by effective date, then by when it was recorded. */
const sortKey = (alias: string) =>
  sql<string>`to_char(${sql.ref(`${alias}.effective_date`)}, 'YYYY-MM-DD') || ' ' || to_char(${sql.ref(
    `${alias}.created_at`,
  )} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

function jobChanges(db: Db, employeeId: string) {
  return db
    .selectFrom('hr.job_changes as j')
    .leftJoin('hr.departments as d', 'd.id', 'j.department_id')
    .leftJoin('hr.positions as p', 'p.id', 'j.position_id')
    .leftJoin('hr.employees as m', 'm.id', 'j.manager_id')
    .where('j.employee_id', '=', employeeId)
    .select([
      sql<'job' | 'compensation'>`'job'`.as('type'),
      'j.id',
      sortKey('j').as('at'),
      'j.effective_date as effectiveDate',
      'j.reason',
      'j.created_at as recordedAt',
      'j.department_id as departmentId',
      'd.name as departmentName',
      'j.position_id as positionId',
      'p.title as positionTitle',
      'j.manager_id as managerId',
      sql<string | null>`case when m.id is null then null else m.first_name || ' ' || m.last_name end`.as(
        'managerName',
      ),
      sql<string | null>`null::text`.as('baseSalary'),
      sql<string | null>`null::text`.as('currency'),
      sql<string | null>`null::text`.as('payFrequency'),
    ]);
}

function compensations(db: Db, employeeId: string) {
  return db
    .selectFrom('hr.compensations as c')
    .where('c.employee_id', '=', employeeId)
    .select([
      sql<'job' | 'compensation'>`'compensation'`.as('type'),
      'c.id',
      sortKey('c').as('at'),
      'c.effective_date as effectiveDate',
      'c.reason',
      'c.created_at as recordedAt',
      sql<string | null>`null::uuid`.as('departmentId'),
      sql<string | null>`null::text`.as('departmentName'),
      sql<string | null>`null::uuid`.as('positionId'),
      sql<string | null>`null::text`.as('positionTitle'),
      sql<string | null>`null::uuid`.as('managerId'),
      sql<string | null>`null::text`.as('managerName'),
      sql<string | null>`c.base_salary::text`.as('baseSalary'),
      sql<string | null>`c.currency::text`.as('currency'),
      sql<string | null>`c.pay_frequency`.as('payFrequency'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof jobChanges>['executeTakeFirstOrThrow']>>;

function toEntry(r: Row): HistoryEntryDto {
  const common = { id: r.id, effectiveDate: r.effectiveDate, reason: r.reason, recordedAt: isoTimestamp(r.recordedAt) };
  if (r.type === 'compensation')
    return {
      type: 'compensation',
      ...common,
      baseSalary: r.baseSalary!,
      currency: r.currency!,
      payFrequency: r.payFrequency as 'monthly' | 'semi_monthly' | 'biweekly' | 'weekly',
    };
  return {
    type: 'job',
    ...common,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    positionId: r.positionId,
    positionTitle: r.positionTitle,
    managerId: r.managerId,
    managerName: r.managerName,
  };
}

/**
 * The employee's job changes merged with their compensation changes, newest first. Only for callers
 * who see the employee in full; compensation entries only for those who may see compensation.
 */
export async function employeeHistory(
  db: Db,
  ctx: RequestContext,
  id: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const viewer = await viewerOf(db, ctx);
  const access = await accessTo(db, viewer, id);
  if (access === 'none') throw errors.notFound('Employee', id);
  if (access !== 'full') throw hrErrors.employeeNotVisible(id);
  const withPay = await maySeeCompensation(db, viewer, id);
  const source = withPay ? jobChanges(db, id).unionAll(compensations(db, id)) : jobChanges(db, id);
  const result = await paginate(
    db.selectFrom(source.as('h')).selectAll(),
    { limit: page.limit, cursor: page.cursor, sort: '-at' },
    { sort: { at: 'h.at' }, id: 'h.id', idKey: 'id' },
  );
  return { withPay, body: { items: result.items.map(toEntry), nextCursor: result.nextCursor } };
}
