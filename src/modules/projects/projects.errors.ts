import { AppError } from '../../platform/errors/app-error.js';

/** The Projects module's error codes (the problem `type` ends with the code). */
export type ProjectsErrorCode =
  | 'project-code-taken'
  | 'not-project-manager'
  | 'project-archived'
  | 'task-blocked'
  | 'dependency-cycle'
  | 'dependency-exists'
  | 'status-in-use'
  | 'timesheet-locked'
  | 'timesheet-state'
  | 'nothing-to-invoice'
  | 'not-invoiceable'
  | 'task-hierarchy'
  | 'not-a-member';

export interface Blocker {
  id: string;
  key: string;
  title: string;
  kind: string;
  status: string;
}

export const projectsErrors = {
  codeTaken: (code: string) =>
    new AppError('project-code-taken', 409, 'Project code taken', {
      detail: `Another project already has the code ${code}.`,
    }),
  notManager: () =>
    new AppError('not-project-manager', 403, 'Not the project manager', {
      detail: 'Only the manager of this project (or a projects administrator) may do this.',
    }),
  archived: (code: string) =>
    new AppError('project-archived', 409, 'Project archived', {
      detail: `Project ${code} is archived: unarchive it to change it.`,
    }),
  taskBlocked: (action: 'start' | 'complete', blockers: Blocker[]) =>
    new AppError('task-blocked', 409, 'Task blocked', {
      detail: `This task cannot ${action} while ${blockers.length === 1 ? 'its blocker is' : 'its blockers are'} open: ${blockers
        .map((b) => `${b.key} "${b.title}" (${b.status})`)
        .join(', ')}.`,
      extensions: { blockerIds: blockers.map((b) => b.id), blockers },
    }),
  dependencyCycle: () =>
    new AppError('dependency-cycle', 409, 'Dependency cycle', {
      detail: 'The successor already leads to the predecessor through other dependencies: this would make a cycle.',
    }),
  dependencyExists: () =>
    new AppError('dependency-exists', 409, 'Dependency exists', {
      detail: 'These two tasks are already linked.',
    }),
  statusInUse: (name: string, tasks: number) =>
    new AppError('status-in-use', 409, 'Status in use', {
      detail: `The status "${name}" still has ${tasks} task(s): move them to another status before removing it.`,
    }),
  timesheetLocked: (weekStart: string, status: string) =>
    new AppError('timesheet-locked', 409, 'Timesheet locked', {
      detail: `The week of ${weekStart} is ${status}: its time entries cannot change${status === 'submitted' ? ' until the manager rejects it' : ''}.`,
      extensions: { weekStart, status },
    }),
  timesheetState: (status: string, wanted: string) =>
    new AppError('timesheet-state', 409, 'Timesheet not in that state', {
      detail: `The timesheet is ${status}; only a ${wanted} timesheet can do this.`,
      extensions: { status },
    }),
  nothingToInvoice: (from: string, to: string) =>
    new AppError('nothing-to-invoice', 409, 'Nothing to invoice', {
      detail: `No approved, billable, not yet invoiced time between ${from} and ${to}.`,
    }),
  notInvoiceable: (detail: string) => new AppError('not-invoiceable', 409, 'Not invoiceable', { detail }),
  hierarchy: (path: string, message: string) =>
    new AppError('task-hierarchy', 422, 'Task hierarchy', {
      detail: message,
      errors: [{ path, message, code: 'task_hierarchy' }],
    }),
  notAMember: (users: { userId: string; path: string }[]) =>
    new AppError('not-a-member', 422, 'Not a project member', {
      detail: `Not a member of this project: ${users.map((u) => u.userId).join(', ')}.`,
      errors: users.map((u) => ({ path: u.path, message: 'Not a member of this project.', code: 'not_a_member' })),
    }),
} satisfies Record<string, (...args: never[]) => AppError<ProjectsErrorCode>>;
