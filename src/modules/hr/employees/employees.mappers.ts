import { isoTimestamp } from '../../../platform/dates.js';
import type { HrViewer } from '../access.js';
import type { CardRow, NamedEmployeeRow } from './employees.repository.js';
import {
  EmployeeCard,
  EmployeeFull,
  EmployeeWithCompensation,
  type CardDto,
  type EmployeeViewDto,
  type FullDto,
} from './employees.schemas.js';

export function toCard(row: Omit<CardRow, 'createdAt'>): CardDto {
  return {
    access: 'directory',
    id: row.id,
    employeeNumber: row.employeeNumber,
    firstName: row.firstName,
    lastName: row.lastName,
    workEmail: row.workEmail,
    workPhone: row.workPhone,
    status: row.status,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    positionId: row.positionId,
    positionTitle: row.positionTitle,
    locationId: row.locationId,
    locationName: row.locationName,
    managerId: row.managerId,
    managerName: row.managerName,
  };
}

export function toFull(row: NamedEmployeeRow): FullDto {
  return {
    ...toCard({
      id: row.id,
      employeeNumber: row.employee_number,
      firstName: row.first_name,
      lastName: row.last_name,
      workEmail: row.work_email,
      workPhone: row.work_phone,
      status: row.status,
      departmentId: row.department_id,
      departmentName: row.department_name,
      positionId: row.position_id,
      positionTitle: row.position_title,
      locationId: row.location_id,
      locationName: row.location_name,
      managerId: row.manager_id,
      managerName: row.manager_name,
    }),
    access: 'full',
    personalEmail: row.personal_email,
    personalPhone: row.personal_phone,
    birthDate: row.birth_date,
    homeAddress: row.home_address,
    employmentType: row.employment_type,
    startDate: row.start_date,
    endDate: row.end_date,
    terminationReason: row.termination_reason,
    userId: row.user_id,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export interface CompensationFacts {
  base_salary: string;
  currency: string;
  pay_frequency: 'monthly' | 'semi_monthly' | 'biweekly' | 'weekly';
  effective_date: string;
}

/**
 * The view of one employee for what the caller may see, parsed by its own schema: a field the
 * caller may not see is not in the schema, so it cannot reach the response even by mistake.
 */
export function employeeView(
  row: NamedEmployeeRow,
  access: 'directory' | 'full',
  compensation: CompensationFacts | null | false,
): EmployeeViewDto {
  const full = toFull(row);
  if (access === 'directory') return EmployeeCard.parse({ ...full, access: 'directory' });
  if (compensation === false) return EmployeeFull.parse(full);
  return EmployeeWithCompensation.parse({
    ...full,
    compensation: compensation && {
      baseSalary: compensation.base_salary,
      currency: compensation.currency,
      payFrequency: compensation.pay_frequency,
      effectiveDate: compensation.effective_date,
    },
  });
}

/** Does the viewer hold any full access at all (to decide the export's columns)? */
export const seesAnyoneInFull = (viewer: HrViewer) => viewer.admin || viewer.employeeId !== null;
