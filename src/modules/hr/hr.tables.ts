// The HR module's core tables (schema `hr`), merged into Database. Leave and payroll add their own
// table files (leave/leave.tables.ts, payroll/payroll.tables.ts) the same way.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export type CreatedAt = ColumnType<Date, never, never>;
export type UpdatedAt = ColumnType<Date, never, Date | string>;
export type Version = Generated<number>;
/** `date` columns come back as 'YYYY-MM-DD' strings (see the dialects). */
export type DateColumn = ColumnType<string, string, string>;
/** numeric columns come back as strings: money is never a float. */
export type Numeric = ColumnType<string, string, string>;

export interface Address {
  street?: string | undefined;
  city?: string | undefined;
  region?: string | undefined;
  postalCode?: string | undefined;
  country?: string | undefined;
}

export type EmploymentType = 'full_time' | 'part_time' | 'contractor' | 'intern' | 'temporary';
export type EmployeeStatus = 'active' | 'terminated';
export type PayFrequency = 'monthly' | 'semi_monthly' | 'biweekly' | 'weekly';

export interface LocationsTable {
  id: Generated<string>;
  name: string;
  country_code: string;
  timezone: Generated<string>;
  address: JSONColumnType<Address | null, string | null, string | null>;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DepartmentsTable {
  id: Generated<string>;
  name: string;
  code: string | null;
  parent_id: string | null;
  head_employee_id: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PositionsTable {
  id: Generated<string>;
  title: string;
  code: string | null;
  department_id: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface EmployeesTable {
  id: Generated<string>;
  employee_number: Generated<string>;
  first_name: string;
  last_name: string;
  work_email: string;
  work_phone: string | null;
  personal_email: string | null;
  personal_phone: string | null;
  birth_date: DateColumn | null;
  home_address: JSONColumnType<Address | null, string | null, string | null>;
  department_id: string | null;
  position_id: string | null;
  location_id: string | null;
  manager_id: string | null;
  employment_type: Generated<EmploymentType>;
  start_date: DateColumn;
  end_date: DateColumn | null;
  status: Generated<EmployeeStatus>;
  termination_reason: string | null;
  user_id: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface JobChangesTable {
  id: Generated<string>;
  employee_id: string;
  effective_date: DateColumn;
  department_id: string | null;
  position_id: string | null;
  manager_id: string | null;
  reason: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CompensationsTable {
  id: Generated<string>;
  employee_id: string;
  effective_date: DateColumn;
  base_salary: Numeric;
  currency: string;
  pay_frequency: PayFrequency;
  reason: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface HrTables {
  'hr.locations': LocationsTable;
  'hr.departments': DepartmentsTable;
  'hr.positions': PositionsTable;
  'hr.employees': EmployeesTable;
  'hr.job_changes': JobChangesTable;
  'hr.compensations': CompensationsTable;
}

declare module '../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends HrTables {}
}
