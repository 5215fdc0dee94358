// The payroll tables (schema `hr`, migration 2026-11-25T1620_hr_payroll), merged into Database.
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, DateColumn, Numeric, PayFrequency, UpdatedAt, Version } from '../hr.tables.js';

export type ComponentKind = 'allowance' | 'deduction';
export type RunStatus = 'draft' | 'calculated' | 'reviewed' | 'approved' | 'cancelled';
export type PayslipStatus = 'draft' | 'approved';
export type PayslipLineKind = 'base' | 'allowance' | 'deduction';
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface PayComponentsTable {
  id: Generated<string>;
  employee_id: string;
  kind: ComponentKind;
  name: string;
  amount: Numeric | null;
  rate: Numeric | null;
  start_date: DateColumn;
  end_date: DateColumn | null;
  created_by: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PayrollRunsTable {
  id: Generated<string>;
  period_start: DateColumn;
  period_end: DateColumn;
  pay_date: DateColumn;
  currency: string;
  pay_frequency: PayFrequency;
  status: Generated<RunStatus>;
  notes: string | null;
  review_notes: string | null;
  cancel_reason: string | null;
  employee_count: Generated<number>;
  total_gross: ColumnType<string, string | undefined, string>;
  total_deductions: ColumnType<string, string | undefined, string>;
  total_net: ColumnType<string, string | undefined, string>;
  journal_entry_id: string | null;
  exchange_rate: Numeric | null;
  created_by: string | null;
  calculated_at: Timestamp | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  approved_at: Timestamp | null;
  approved_by: string | null;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PayslipsTable {
  id: Generated<string>;
  run_id: string;
  employee_id: string;
  employee_number: string;
  employee_name: string;
  period_start: DateColumn;
  period_end: DateColumn;
  pay_date: DateColumn;
  currency: string;
  status: Generated<PayslipStatus>;
  paid_days: number;
  period_days: number;
  base_pay: Numeric;
  total_allowances: Numeric;
  gross: Numeric;
  total_deductions: Numeric;
  net: Numeric;
  flagged: boolean;
  flag_reason: string | null;
  approved_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface PayslipLinesTable {
  payslip_id: string;
  line_no: number;
  kind: PayslipLineKind;
  name: string;
  amount: Numeric;
  rate: Numeric | null;
  from_date: DateColumn | null;
  to_date: DateColumn | null;
  component_id: string | null;
}

export interface PayrollExclusionsTable {
  run_id: string;
  employee_id: string;
  reason: string;
  detail: string;
}

export interface PayrollTables {
  'hr.pay_components': PayComponentsTable;
  'hr.payroll_runs': PayrollRunsTable;
  'hr.payslips': PayslipsTable;
  'hr.payslip_lines': PayslipLinesTable;
  'hr.payroll_exclusions': PayrollExclusionsTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends PayrollTables {}
}
