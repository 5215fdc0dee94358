import { AppError } from '../../platform/errors/app-error.js';

/** The HR module's error codes (the problem `type` ends with the code). Leave and payroll add theirs. */
export type HrErrorCode =
  | 'employee-not-active'
  | 'in-use'
  | 'department-cycle'
  | 'manager-loop'
  | 'duplicate-work-email'
  | 'user-already-linked'
  | 'invalid-dates'
  | 'has-reports'
  | 'employee-terminated'
  | 'not-allowed-fields'
  | 'employee-not-visible'
  | 'no-employee-record';

export const hrErrors = {
  employeeNotActive: (path: string, id: string) =>
    new AppError('employee-not-active', 422, 'Employee not active', {
      detail: `Employee ${id} has been terminated.`,
      errors: [{ path, message: 'This employee has been terminated.', code: 'not_active' }],
    }),
  /** Deleting something still referenced; `usedBy` counts the references by kind. */
  inUse: (entity: string, id: string, usedBy: Record<string, number>) =>
    new AppError('in-use', 409, `${entity} in use`, {
      detail: `${entity} ${id} is still used by ${Object.entries(usedBy)
        .map(([what, n]) => `${n} ${what}`)
        .join(', ')}; change those first.`,
      extensions: { usedBy },
    }),
  departmentCycle: () =>
    new AppError('department-cycle', 422, 'Department cycle', {
      detail: 'A department cannot be inside itself, directly or through others.',
      errors: [{ path: 'parentId', message: 'Would make a cycle.', code: 'cycle' }],
    }),
  managerLoop: (path = 'managerId') =>
    new AppError('manager-loop', 422, 'Manager loop', {
      detail: 'An employee cannot report to themselves, directly or through their own reports.',
      errors: [{ path, message: 'Would make a loop in the reporting tree.', code: 'cycle' }],
    }),
  duplicateWorkEmail: (existingId: string, email: string) =>
    new AppError('duplicate-work-email', 409, 'Work email taken', {
      detail: `Active employee ${existingId} already has the work email ${email}.`,
      extensions: { existingId },
    }),
  userAlreadyLinked: (existingId: string) =>
    new AppError('user-already-linked', 409, 'User already linked', {
      detail: `That user is already linked to employee ${existingId}.`,
      extensions: { existingId },
    }),
  invalidDates: (path: string, message: string) =>
    new AppError('invalid-dates', 422, 'Invalid dates', {
      detail: message,
      errors: [{ path, message, code: 'invalid_date' }],
    }),
  hasReports: (reports: { id: string; name: string }[]) =>
    new AppError('has-reports', 409, 'Employee has reports', {
      detail: `${reports.length} active employee(s) still report to this employee: reassign them first, or send reassignTo.`,
      extensions: { reports },
    }),
  employeeTerminated: (id: string) =>
    new AppError('employee-terminated', 409, 'Employee terminated', {
      detail: `Employee ${id} has been terminated; their job data can no longer change.`,
    }),
  notAllowedFields: (fields: string[], who: string) =>
    new AppError('not-allowed-fields', 403, 'Forbidden', {
      detail: `${who} may not change: ${fields.join(', ')}.`,
      errors: fields.map((path) => ({ path, message: 'You may not change this field.', code: 'forbidden' })),
    }),
  employeeNotVisible: (id: string) =>
    new AppError('employee-not-visible', 403, 'Forbidden', {
      detail: `You can see only the directory card of employee ${id}.`,
    }),
  /** GET /me for a user no employee record is linked to. */
  noEmployeeRecord: () =>
    new AppError('no-employee-record', 404, 'No employee record', {
      detail: 'Your user is not linked to an employee record. Ask HR to link your user to your employee record.',
    }),
} satisfies Record<string, (...args: never[]) => AppError<HrErrorCode>>;
