import { useQuery } from '@tanstack/react-query';
import { api, ProblemError, unwrap, type Schema } from '../../api';
import type { Option } from '../../components';

export type EmployeeCard = Schema<'EmployeeCard'>;
export type EmployeeView = EmployeeWithCompensation | EmployeeFull | EmployeeCard;
export type EmployeeFull = Schema<'EmployeeFull'>;
export type EmployeeWithCompensation = Schema<'EmployeeWithCompensation'>;
export type Department = Schema<'HrDepartment'>;
export type DepartmentNode = Schema<'HrDepartmentNode'>;
export type Position = Schema<'HrPosition'>;
export type Location = Schema<'HrLocation'>;
export type LeaveType = Schema<'LeaveType'>;
export type LeaveRequest = Schema<'LeaveRequest'>;
export type LeaveBalance = Schema<'LeaveBalance'>;
export type PayrollRun = Schema<'PayrollRun'>;
export type PayslipSummary = Schema<'PayslipSummary'>;
export type Payslip = Schema<'Payslip'>;
export type OrgNode = Schema<'OrgChartNode'>;
export type PayComponent = Schema<'PayComponent'>;
export type LeavePreview = Schema<'LeaveRequestPreview'>;

/** Query keys and DataTable ids of the HR screens. */
export const hrKeys = {
  employees: 'hr-employees',
  employee: (id: string) => ['hr', 'employee', id] as const,
  departments: 'hr-departments',
  departmentTree: ['hr', 'department-tree'] as const,
  positions: 'hr-positions',
  locations: 'hr-locations',
  allPositions: ['hr', 'all-positions'] as const,
  allLocations: ['hr', 'all-locations'] as const,
  leaveTypes: ['hr', 'leave-types'] as const,
  myRequests: 'hr-my-leave',
  approvals: 'hr-approvals',
  me: ['hr', 'me'] as const,
  balances: (employeeId: string, year: number) => ['hr', 'balances', employeeId, year] as const,
  runs: 'hr-payroll-runs',
  run: (id: string) => ['hr', 'payroll-run', id] as const,
  payrollSettings: ['hr', 'payroll-settings'] as const,
  payComponents: (employeeId: string) => ['hr', 'pay-components', employeeId] as const,
  history: (employeeId: string) => ['hr', 'history', employeeId] as const,
  leavePreview: ['hr', 'leave-preview'] as const,
};

/** Flattens the department tree into "Parent / Child" options, depth-first. */
export function departmentOptions(nodes: DepartmentNode[], prefix = ''): Option[] {
  return nodes.flatMap((n) => [
    { value: n.id, label: `${prefix}${n.name}` },
    ...departmentOptions(n.children, `${prefix}${n.name} / `),
  ]);
}

export function useDepartmentTree() {
  return useQuery({
    queryKey: hrKeys.departmentTree,
    queryFn: () => unwrap(api.GET('/api/v1/hr/departments/tree')),
    staleTime: 60_000,
  });
}

export function usePositions() {
  return useQuery({
    queryKey: hrKeys.allPositions,
    queryFn: () => unwrap(api.GET('/api/v1/hr/positions', { params: { query: { limit: 200 } } })),
    staleTime: 60_000,
  });
}

export function useLocations() {
  return useQuery({
    queryKey: hrKeys.allLocations,
    queryFn: () => unwrap(api.GET('/api/v1/hr/locations', { params: { query: { limit: 200 } } })),
    staleTime: 60_000,
  });
}

export function useLeaveTypes() {
  return useQuery({
    queryKey: hrKeys.leaveTypes,
    queryFn: () => unwrap(api.GET('/api/v1/hr/leave/types')),
    staleTime: 60_000,
  });
}

/** `GET /hr/me`: the signed-in user's own employee record (full, with compensation), or null when none is linked. */
const meQuery = {
  queryKey: hrKeys.me,
  queryFn: async (): Promise<EmployeeWithCompensation | null> => {
    try {
      return await unwrap(api.GET('/api/v1/hr/me'));
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) return null; // not linked to an employee record
      throw error;
    }
  },
  staleTime: 5 * 60_000,
};

/** The signed-in user's employee id, or null when they have no employee record. */
export function useMyEmployeeId() {
  return useQuery({ ...meQuery, select: (me: EmployeeWithCompensation | null) => me?.id ?? null });
}

export function useBalances(employeeId: string | null | undefined, year: number) {
  return useQuery({
    queryKey: hrKeys.balances(employeeId ?? '-', year),
    enabled: Boolean(employeeId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/hr/employees/{id}/leave-balances', {
          params: { path: { id: employeeId! }, query: { year } },
        }),
      ),
  });
}

export const employmentTypeLabels: Record<string, string> = {
  full_time: 'Full time',
  part_time: 'Part time',
  contractor: 'Contractor',
  intern: 'Intern',
  temporary: 'Temporary',
};
export const payFrequencyLabels: Record<string, string> = {
  monthly: 'Monthly',
  semi_monthly: 'Twice a month',
  biweekly: 'Every two weeks',
  weekly: 'Weekly',
};

export const fullName = (e: { firstName: string; lastName: string }) => `${e.firstName} ${e.lastName}`;
export const initials = (e: { firstName: string; lastName: string }) =>
  `${e.firstName.charAt(0)}${e.lastName.charAt(0)}`.toUpperCase();

/** "2.5" → "2.5 days", "1.0" → "1 day". */
export function formatDays(days: string): string {
  const n = Number(days);
  const text = Number.isInteger(n) ? String(n) : String(n);
  return `${text} ${n === 1 ? 'day' : 'days'}`;
}

/** Today as YYYY-MM-DD in the user's time zone. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Adds days to a YYYY-MM-DD date (UTC arithmetic, no time-zone shift). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function statusBadge(status: string): string {
  if (status === 'approved' || status === 'active') return 'badge badge-active';
  if (status === 'rejected' || status === 'cancelled' || status === 'terminated') return 'badge badge-inactive';
  return 'badge';
}
