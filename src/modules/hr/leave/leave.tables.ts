// The HR leave tables (schema `hr`), merged into Database like hr.tables.ts.
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, DateColumn, Numeric, UpdatedAt, Version } from '../hr.tables.js';

export type StartPortion = 'full' | 'pm';
export type EndPortion = 'full' | 'am';
export type LeaveStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'cancelled';
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface LeaveTypesTable {
  id: Generated<string>;
  code: string;
  name: string;
  yearly_allowance: Numeric;
  paid: Generated<boolean>;
  allow_negative: Generated<boolean>;
  requires_approval: Generated<boolean>;
  carry_over_max: ColumnType<string, string | undefined, string>;
  carry_over_expiry_month: number | null;
  active: Generated<boolean>;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PublicHolidaysTable {
  id: Generated<string>;
  location_id: string;
  date: DateColumn;
  name: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface LeaveCarryOversTable {
  id: Generated<string>;
  employee_id: string;
  leave_type_id: string;
  year: number;
  days: Numeric;
  expires_on: DateColumn | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface LeaveRequestsTable {
  id: Generated<string>;
  employee_id: string;
  leave_type_id: string;
  start_date: DateColumn;
  end_date: DateColumn;
  start_portion: ColumnType<StartPortion, StartPortion | undefined, StartPortion>;
  end_portion: ColumnType<EndPortion, EndPortion | undefined, EndPortion>;
  days: Numeric;
  status: LeaveStatus;
  reason: string | null;
  submitted_at: Timestamp | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_comment: string | null;
  cancelled_by: string | null;
  cancelled_at: Timestamp | null;
  created_by: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface LeaveTables {
  'hr.leave_types': LeaveTypesTable;
  'hr.public_holidays': PublicHolidaysTable;
  'hr.leave_carry_overs': LeaveCarryOversTable;
  'hr.leave_requests': LeaveRequestsTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends LeaveTables {}
}
