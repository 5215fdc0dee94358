import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import type { PageRequest } from '../../../platform/http/pagination.js';
import { isoTimestamp, isoTimestampOrNull } from '../../../platform/dates.js';
import { viewerOf } from '../access.js';
import { compensationViewer, runReader } from './payroll.access.js';
import { fmt, trimDecimal } from './payroll.shared.js';
import * as repo from './payslips.repository.js';
import { summariesCsv } from './payslips.csv.js';
import type { EmployeePayslipFilter, PayslipDto, PayslipSummaryDto, RunPayslipFilter } from './payslips.schemas.js';
import { findRun } from './runs.repository.js';

export function toSummary(row: repo.PayslipRow): PayslipSummaryDto {
  return {
    id: row.id,
    runId: row.run_id,
    employeeId: row.employee_id,
    employeeNumber: row.employee_number,
    employeeName: row.employee_name,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    payDate: row.pay_date,
    currency: row.currency,
    status: row.status,
    paidDays: row.paid_days,
    periodDays: row.period_days,
    basePay: fmt(row.base_pay),
    totalAllowances: fmt(row.total_allowances),
    gross: fmt(row.gross),
    totalDeductions: fmt(row.total_deductions),
    net: fmt(row.net),
    flagged: row.flagged,
    flagReason: row.flag_reason,
    approvedAt: isoTimestampOrNull(row.approved_at),
    createdAt: isoTimestamp(row.created_at),
  };
}

type PayslipPageRequest = PageRequest & { q?: string | undefined };
const summaries = (page: { items: repo.PayslipRow[]; nextCursor: string | null }) => ({
  items: page.items.map(toSummary),
  nextCursor: page.nextCursor,
});

/** Reads a run's payslips a page at a time (hr:admin: all; hr:compensation: those of employees they see in full). */
async function runPayslips(db: Db, ctx: RequestContext, runId: string) {
  const viewer = await runReader(db, ctx);
  if (!(await findRun(db, runId))) throw errors.notFound('Payroll run', runId);
  return async (page: PayslipPageRequest) => summaries(await repo.listRunPayslips(db, viewer, runId, page));
}

/** Reads an employee's payslips a page at a time: 404 for a viewer who may not see their pay. */
async function employeePayslips(db: Db, ctx: RequestContext, employeeId: string) {
  const viewer = await compensationViewer(db, ctx, employeeId);
  return async (page: PageRequest) => summaries(await repo.listEmployeePayslips(db, viewer, employeeId, page));
}

/** A page of a run's payslips. */
export async function listRunPayslips(db: Db, ctx: RequestContext, runId: string, f: RunPayslipFilter) {
  return (await runPayslips(db, ctx, runId))(f);
}

/** All of a run's payslips (that the viewer may see) as CSV, in the list's order. */
export async function runPayslipsCsv(db: Db, ctx: RequestContext, runId: string, f: RunPayslipFilter) {
  const load = await runPayslips(db, ctx, runId);
  return summariesCsv((page) => load({ ...page, sort: f.sort, q: f.q }));
}

/** A page of an employee's payslips, newest first. */
export async function listEmployeePayslips(db: Db, ctx: RequestContext, employeeId: string, f: EmployeePayslipFilter) {
  return (await employeePayslips(db, ctx, employeeId))(f);
}

/** All of an employee's payslips (that the viewer may see) as CSV, newest first. */
export async function employeePayslipsCsv(db: Db, ctx: RequestContext, employeeId: string, f: EmployeePayslipFilter) {
  const load = await employeePayslips(db, ctx, employeeId);
  return summariesCsv((page) => load({ ...page, sort: f.sort }));
}

/** One payslip with its lines: 404 when it does not exist or the viewer may not see it. */
export async function getPayslip(db: Db, ctx: RequestContext, id: string): Promise<PayslipDto> {
  const viewer = await viewerOf(db, ctx);
  const row = await repo.findPayslip(db, viewer, id);
  if (!row) throw errors.notFound('Payslip', id);
  const lines = await repo.linesOf(db, id);
  return {
    ...toSummary(row),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      kind: l.kind,
      name: l.name,
      amount: fmt(l.amount),
      rate: l.rate === null ? null : trimDecimal(l.rate),
      from: l.from_date,
      to: l.to_date,
      componentId: l.component_id,
    })),
  };
}
