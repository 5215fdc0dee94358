import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { RunListFilter } from './runs.schemas.js';
import type { PayrollRunsTable, PayslipLinesTable, PayslipsTable } from './payroll.tables.js';

export type RunRow = Selectable<PayrollRunsTable>;

export function findRun(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('hr.payroll_runs').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function listRuns(db: Db, f: RunListFilter) {
  let q = db
    .selectFrom('hr.payroll_runs as r')
    .selectAll('r')
    .select(['r.period_start as periodStart', 'r.created_at as createdAt']);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.currency) q = q.where('r.currency', '=', f.currency);
  if (f.q) q = q.where('r.notes', 'ilike', containsPattern(f.q));
  return paginate(q, f, {
    sort: { periodStart: 'r.period_start', createdAt: 'r.created_at' },
    id: 'r.id',
    idKey: 'id',
  });
}

/** A run of the same currency and frequency, not cancelled, sharing a day with [from, to]. */
export function findOverlapping(db: Db, currency: string, frequency: string, from: string, to: string) {
  return db
    .selectFrom('hr.payroll_runs')
    .select(['id', 'period_start', 'period_end'])
    .where('currency', '=', currency)
    .where('pay_frequency', '=', frequency as RunRow['pay_frequency'])
    .where('status', '<>', 'cancelled')
    .where('period_start', '<=', to)
    .where('period_end', '>=', from)
    .executeTakeFirst();
}

export function insertRun(db: Db, values: Insertable<PayrollRunsTable>) {
  return db.insertInto('hr.payroll_runs').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateRun(db: Db, id: string, patch: Updateable<PayrollRunsTable>) {
  return db
    .updateTable('hr.payroll_runs')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function exclusionsOf(db: Db, runId: string) {
  return db
    .selectFrom('hr.payroll_exclusions as x')
    .innerJoin('hr.employees as e', 'e.id', 'x.employee_id')
    .select(['x.employee_id', 'x.reason', 'x.detail', 'e.employee_number', 'e.first_name', 'e.last_name'])
    .where('x.run_id', '=', runId)
    .orderBy('e.employee_number')
    .execute();
}

/** Removes a run's draft payslips (their lines go with them) and its exclusions. */
export async function clearRun(db: Db, runId: string) {
  await db.deleteFrom('hr.payslips').where('run_id', '=', runId).where('status', '=', 'draft').execute();
  await db.deleteFrom('hr.payroll_exclusions').where('run_id', '=', runId).execute();
}

/** Employees employed at any point of [from, to], in employee-number order. */
export function employeesInPeriod(db: Db, from: string, to: string) {
  return db
    .selectFrom('hr.employees')
    .select(['id', 'employee_number', 'first_name', 'last_name', 'start_date', 'end_date'])
    .where('start_date', '<=', to)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', from)]))
    .orderBy('employee_number')
    .execute();
}

const CHUNK = 500;

export async function insertPayslips(db: Db, rows: Insertable<PayslipsTable>[]) {
  const ids = new Map<string, string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await db
      .insertInto('hr.payslips')
      .values(rows.slice(i, i + CHUNK))
      .returning(['id', 'employee_id'])
      .execute();
    for (const r of inserted) ids.set(r.employee_id, r.id);
  }
  return ids;
}

export async function insertLines(db: Db, rows: Insertable<PayslipLinesTable>[]) {
  for (let i = 0; i < rows.length; i += CHUNK * 2)
    await db
      .insertInto('hr.payslip_lines')
      .values(rows.slice(i, i + CHUNK * 2))
      .execute();
}

export async function insertExclusions(
  db: Db,
  rows: { run_id: string; employee_id: string; reason: string; detail: string }[],
) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('hr.payroll_exclusions')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** Totals and flagged payslips of a run, from its payslips. */
export async function runTotals(db: Db, runId: string) {
  const row = await db
    .selectFrom('hr.payslips')
    .select([
      sql<string>`count(*)`.as('employees'),
      sql<string>`coalesce(sum(gross), 0)`.as('gross'),
      sql<string>`coalesce(sum(total_deductions), 0)`.as('deductions'),
      sql<string>`coalesce(sum(net), 0)`.as('net'),
    ])
    .where('run_id', '=', runId)
    .executeTakeFirstOrThrow();
  const flagged = await db
    .selectFrom('hr.payslips')
    .select('employee_number')
    .where('run_id', '=', runId)
    .where('flagged', '=', true)
    .orderBy('employee_number')
    .execute();
  return { ...row, employees: Number(row.employees), flagged: flagged.map((f) => f.employee_number) };
}
