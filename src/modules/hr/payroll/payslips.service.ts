import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { toCsv } from '../../../platform/http/csv.js';
import { viewerOf } from '../access.js';
import { compensationViewer, runReader } from './payroll.access.js';
import { fmt, iso, isoRequired, trimDecimal } from './payroll.shared.js';
import * as repo from './payslips.repository.js';
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
    approvedAt: iso(row.approved_at),
    createdAt: isoRequired(row.created_at),
  };
}

const SUMMARY_HEADER = [
  'employee_number',
  'employee_name',
  'period_start',
  'period_end',
  'pay_date',
  'currency',
  'status',
  'paid_days',
  'period_days',
  'base_pay',
  'allowances',
  'gross',
  'deductions',
  'net',
  'flagged',
];
const summaryCells = (s: PayslipSummaryDto) => [
  s.employeeNumber,
  s.employeeName,
  s.periodStart,
  s.periodEnd,
  s.payDate,
  s.currency,
  s.status,
  s.paidDays,
  s.periodDays,
  s.basePay,
  s.totalAllowances,
  s.gross,
  s.totalDeductions,
  s.net,
  s.flagged,
];
export const summariesCsv = (items: PayslipSummaryDto[]) => toCsv(SUMMARY_HEADER, items.map(summaryCells));

/** One payslip as CSV: a row per line, then gross, total deductions and net. */
export function payslipCsv(p: PayslipDto): string {
  const head = [p.employeeNumber, p.employeeName, p.periodStart, p.periodEnd, p.payDate, p.currency];
  return toCsv(
    [
      'employee_number',
      'employee_name',
      'period_start',
      'period_end',
      'pay_date',
      'currency',
      'kind',
      'name',
      'rate',
      'from',
      'to',
      'amount',
    ],
    [
      ...p.lines.map((l) => [...head, l.kind, l.name, l.rate, l.from, l.to, l.amount]),
      [...head, 'gross', 'Gross pay', null, null, null, p.gross],
      [...head, 'total_deductions', 'Total deductions', null, null, null, p.totalDeductions],
      [...head, 'net', 'Net pay', null, null, null, p.net],
    ],
  );
}

const everything = (sort: string) => ({ limit: repo.EXPORT_LIMIT, sort });

/** A run's payslips (hr:admin: all; hr:compensation: those of employees they see in full). */
export async function listRunPayslips(db: Db, ctx: RequestContext, runId: string, f: RunPayslipFilter) {
  const viewer = await runReader(db, ctx);
  if (!(await findRun(db, runId))) throw errors.notFound('Payroll run', runId);
  const page = await repo.listRunPayslips(
    db,
    viewer,
    runId,
    f.format === 'csv' ? { ...everything(f.sort), q: f.q } : f,
  );
  return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
}

/** An employee's payslips, newest first: 404 for a viewer who may not see their pay. */
export async function listEmployeePayslips(db: Db, ctx: RequestContext, employeeId: string, f: EmployeePayslipFilter) {
  const viewer = await compensationViewer(db, ctx, employeeId);
  const page = await repo.listEmployeePayslips(db, viewer, employeeId, f.format === 'csv' ? everything(f.sort) : f);
  return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
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
