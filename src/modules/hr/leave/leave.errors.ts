import { AppError } from '../../../platform/errors/app-error.js';

/** The leave part's error codes (the problem `type` ends with the code). */
export type LeaveErrorCode =
  | 'leave-not-visible'
  | 'leave-type-code-taken'
  | 'leave-type-inactive'
  | 'holiday-exists'
  | 'no-employee-record'
  | 'zero-working-days'
  | 'outside-employment'
  | 'leave-overlap'
  | 'insufficient-balance'
  | 'invalid-transition'
  | 'not-your-approval'
  | 'own-request'
  | 'comment-required'
  | 'leave-started'
  | 'calendar-range-too-long';

const fieldError = (path: string, message: string, code: string) => [{ path, message, code }];

export const leaveErrors = {
  notVisible: () =>
    new AppError('leave-not-visible', 403, 'Leave not visible', {
      detail: 'You can see the leave of yourself and of the people who report to you (hr:admin: everyone).',
    }),
  codeTaken: (code: string) =>
    new AppError('leave-type-code-taken', 409, 'Leave type code taken', {
      detail: `A leave type with the code "${code}" already exists.`,
      errors: fieldError('code', 'Already used.', 'unique'),
    }),
  typeInactive: (code: string) =>
    new AppError('leave-type-inactive', 422, 'Leave type inactive', {
      detail: `The leave type "${code}" is no longer in use; choose another.`,
      errors: fieldError('leaveTypeId', 'Inactive leave type.', 'inactive'),
    }),
  holidayExists: (dates: string[]) =>
    new AppError('holiday-exists', 409, 'Holiday exists', {
      detail: `This location already has a holiday on ${dates.join(', ')}.`,
      extensions: { dates },
    }),
  noEmployeeRecord: () =>
    new AppError('no-employee-record', 422, 'No employee record', {
      detail: 'Your user is not linked to an employee record, so there is no leave to request for you.',
      errors: fieldError('employeeId', 'Required: you have no employee record of your own.', 'required'),
    }),
  zeroWorkingDays: () =>
    new AppError('zero-working-days', 422, 'No working days', {
      detail: 'The request covers no working day (only weekends and public holidays).',
      errors: fieldError('startDate', 'No working day between the start and end dates.', 'zero_days'),
    }),
  outsideEmployment: (startDate: string, endDate: string | null) =>
    new AppError('outside-employment', 422, 'Outside employment', {
      detail: `The leave must fall within the employment (from ${startDate}${endDate ? ` to ${endDate}` : ''}).`,
      errors: fieldError('startDate', 'Outside the employment dates.', 'outside_employment'),
    }),
  overlap: (otherId: string, startDate: string, endDate: string) =>
    new AppError('leave-overlap', 422, 'Overlapping leave', {
      detail: `This overlaps another pending or approved request (${startDate} to ${endDate}).`,
      errors: fieldError('startDate', 'Overlaps another request.', 'overlap'),
      extensions: { overlappingRequestId: otherId },
    }),
  insufficientBalance: (requested: string, available: string, code: string) =>
    new AppError('insufficient-balance', 422, 'Insufficient balance', {
      detail: `The request needs ${requested} days of "${code}" but only ${available} are available.`,
      errors: fieldError('endDate', `Only ${available} days available.`, 'insufficient_balance'),
      extensions: { requested, available },
    }),
  invalidTransition: (action: string, status: string) =>
    new AppError('invalid-transition', 409, 'Invalid transition', {
      detail: `A ${status} request cannot be ${action}.`,
      extensions: { status },
    }),
  notYourApproval: () =>
    new AppError('not-your-approval', 403, 'Not your approval', {
      detail:
        "Only the request's approver may decide it: the first manager up the requester's line who has a user account with hr:approve, or HR (hr:admin).",
    }),
  ownRequest: () =>
    new AppError('own-request', 403, 'Own request', { detail: 'You cannot decide your own leave request.' }),
  commentRequired: () =>
    new AppError('comment-required', 422, 'Comment required', {
      detail: 'Say why the request is rejected.',
      errors: fieldError('comment', 'Required when rejecting.', 'required'),
    }),
  started: (startDate: string) =>
    new AppError('leave-started', 409, 'Leave started', {
      detail: `The leave started on ${startDate}; only hr:admin can cancel it now.`,
    }),
  rangeTooLong: (max: number) =>
    new AppError('calendar-range-too-long', 422, 'Range too long', {
      detail: `The calendar shows at most ${max} days; narrow from/to.`,
      errors: fieldError('query.to', `At most ${max} days after from.`, 'too_big'),
    }),
} satisfies Record<string, (...args: never[]) => AppError<LeaveErrorCode>>;
