import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { FormatQuery } from '../../../platform/http/schemas.js';

export const PayslipLine = z
  .object({
    lineNo: z.number().int(),
    kind: z.enum(['base', 'allowance', 'deduction']),
    name: z.string(),
    amount: z.string(),
    rate: z.string().nullable().openapi({ description: 'Percentage, for a percentage component' }),
    from: z.string().nullable(),
    to: z.string().nullable(),
    componentId: z.string().nullable(),
  })
  .openapi('PayslipLine');

export const PayslipSummary = z
  .object({
    id: z.uuid(),
    runId: z.uuid(),
    employeeId: z.uuid(),
    employeeNumber: z.string(),
    employeeName: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    payDate: z.string(),
    currency: z.string(),
    status: z.enum(['draft', 'approved']),
    paidDays: z.number().int(),
    periodDays: z.number().int(),
    basePay: z.string(),
    totalAllowances: z.string(),
    gross: z.string(),
    totalDeductions: z.string(),
    net: z.string(),
    flagged: z.boolean().openapi({ description: 'Net is negative: the run cannot be reviewed or approved' }),
    flagReason: z.string().nullable(),
    approvedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('PayslipSummary');
export const Payslip = PayslipSummary.extend({ lines: z.array(PayslipLine) }).openapi('Payslip');
export const PayslipPage = pageSchema(PayslipSummary).openapi('PayslipPage');

export const RunPayslipQuery = listQuery(['employeeNumber', 'employeeName'], 'employeeNumber').extend(
  FormatQuery.shape,
);
export const EmployeePayslipQuery = listQuery(['periodStart'], '-periodStart').extend(FormatQuery.shape);

export type RunPayslipFilter = z.output<typeof RunPayslipQuery>;
export type EmployeePayslipFilter = z.output<typeof EmployeePayslipQuery>;
export type PayslipSummaryDto = z.input<typeof PayslipSummary>;
export type PayslipDto = z.input<typeof Payslip>;
