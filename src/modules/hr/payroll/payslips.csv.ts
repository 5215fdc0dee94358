import { toCsv } from '../../../platform/http/csv.js';
import { exportCsv } from '../../../platform/http/csv-export.js';
import type { PayslipDto, PayslipSummaryDto } from './payslips.schemas.js';

/** Payslips as CSV: a run's or an employee's (a row per payslip), or one payslip (a row per line). */

/** The columns every payslip CSV starts with: who, which period, paid when and in what. */
const SLIP_HEADER = ['employee_number', 'employee_name', 'period_start', 'period_end', 'pay_date', 'currency'];
const slipCells = (s: PayslipSummaryDto) => [
  s.employeeNumber,
  s.employeeName,
  s.periodStart,
  s.periodEnd,
  s.payDate,
  s.currency,
];

const SUMMARY_HEADER = [
  ...SLIP_HEADER,
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
  ...slipCells(s),
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

/** Every payslip `load` reads, page by page in its order, as CSV (422 beyond the export limits). */
export const summariesCsv = (
  load: (page: { limit: number; cursor?: string | undefined }) => Promise<{
    items: PayslipSummaryDto[];
    nextCursor: string | null;
  }>,
) => exportCsv(load, SUMMARY_HEADER, summaryCells);

/** One payslip as CSV: a row per line, then gross, total deductions and net. */
export function payslipCsv(p: PayslipDto): string {
  const head = slipCells(p);
  return toCsv(
    [...SLIP_HEADER, 'kind', 'name', 'rate', 'from', 'to', 'amount'],
    [
      ...p.lines.map((l) => [...head, l.kind, l.name, l.rate, l.from, l.to, l.amount]),
      [...head, 'gross', 'Gross pay', null, null, null, p.gross],
      [...head, 'total_deductions', 'Total deductions', null, null, null, p.totalDeductions],
      [...head, 'net', 'Net pay', null, null, null, p.net],
    ],
  );
}
