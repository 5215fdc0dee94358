import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../../platform/http/pagination.js';
import { versionField } from '../../../../platform/http/versioning.js';
import { booleanQuery, isoDate, optionalText, uuid } from '../../../../platform/http/schemas.js';
import { DaysOut } from '../leave.shared.js';

export const leaveStatuses = ['draft', 'submitted', 'approved', 'rejected', 'cancelled'] as const;

const span = {
  leaveTypeId: uuid,
  startDate: isoDate,
  endDate: isoDate,
  startPortion: z
    .enum(['full', 'pm'])
    .default('full')
    .openapi({ description: "'pm': only the afternoon of the first day is off" }),
  endPortion: z
    .enum(['full', 'am'])
    .default('full')
    .openapi({ description: "'am': only the morning of the last day is off" }),
  reason: optionalText(1000),
};

interface SpanShape {
  startDate: string;
  endDate: string;
  startPortion: string;
  endPortion: string;
}
/** end ≥ start, within one calendar year, and not "afternoon to morning" of one same day. */
export function spanIssues(body: SpanShape): { path: string; message: string; code: string }[] {
  const { startDate, endDate } = body;
  if (endDate < startDate)
    return [{ path: 'endDate', message: 'The end date is before the start date.', code: 'custom' }];
  const issues: { path: string; message: string; code: string }[] = [];
  if (startDate.slice(0, 4) !== endDate.slice(0, 4))
    issues.push({
      path: 'endDate',
      message: 'A request stays within one calendar year; split it at 31 December.',
      code: 'custom',
    });
  if (startDate === endDate && body.startPortion === 'pm' && body.endPortion === 'am')
    issues.push({
      path: 'endPortion',
      message: "On a one-day request, use startPortion 'pm' (afternoon) or endPortion 'am' (morning), not both.",
      code: 'custom',
    });
  return issues;
}

const createShape = {
  employeeId: uuid.optional().openapi({ description: 'Defaults to you; someone else needs hr:admin' }),
  ...span,
  submit: z.boolean().default(true).openapi({ description: 'false: keep it as a draft' }),
};

export const CreateLeaveRequestBody = z
  .strictObject(createShape)
  .superRefine((body, ctx) => {
    for (const issue of spanIssues(body)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  })
  .openapi('CreateLeaveRequest');

/**
 * The body of a preview: the same as creating a request (`submit` is ignored), but the rules of the
 * span (end before start, two years, …) come back as `problems` instead of a 422.
 */
export const PreviewLeaveRequestBody = z
  .strictObject({
    ...createShape,
    submit: z.boolean().optional().openapi({ description: 'Ignored: a preview always checks as if submitting' }),
  })
  .openapi('LeaveRequestPreviewRequest');

const Problem = z.object({ path: z.string(), message: z.string(), code: z.string() }).openapi('LeavePreviewProblem');
export const LeavePreview = z
  .object({
    employeeId: z.uuid(),
    days: DaysOut.nullable().openapi({ description: 'Working days the request takes (null when the dates are wrong)' }),
    available: DaysOut.nullable().openapi({
      description: 'Available days of the type in the year of the start date, before this request (pending ones count)',
    }),
    availableAfter: DaysOut.nullable().openapi({ description: 'available − days' }),
    allowNegative: z.boolean().nullable().openapi({ description: 'The type may go below zero (null: unknown type)' }),
    overlaps: z.array(
      z.object({
        id: z.uuid(),
        leaveType: z.object({ id: z.uuid(), name: z.string() }),
        startDate: z.string(),
        endDate: z.string(),
        startPortion: z.enum(['full', 'pm']),
        endPortion: z.enum(['full', 'am']),
        status: z.enum(['submitted', 'approved']),
        days: DaysOut,
      }),
    ),
    problems: z.array(Problem).openapi({
      description: 'What submitting it would refuse, with the field named (empty: it would be accepted)',
    }),
  })
  .openapi('LeaveRequestPreview');

export const UpdateLeaveRequestBody = z
  .strictObject({
    version: versionField,
    leaveTypeId: span.leaveTypeId.optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    startPortion: z.enum(['full', 'pm']).optional(),
    endPortion: z.enum(['full', 'am']).optional(),
    reason: optionalText(1000),
  })
  .openapi('UpdateLeaveRequest');

export const VersionBody = z.strictObject({ version: versionField }).openapi('LeaveRequestVersion');
export const DecisionBody = z
  .strictObject({ version: versionField, comment: z.string().trim().max(1000).optional() })
  .openapi('LeaveDecision');

export const EmployeeCard = z
  .object({
    id: z.uuid(),
    employeeNumber: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    departmentId: z.uuid().nullable(),
    locationId: z.uuid().nullable(),
    managerId: z.uuid().nullable(),
  })
  .openapi('LeaveEmployeeCard');
export const LeaveTypeRef = z
  .object({ id: z.uuid(), code: z.string(), name: z.string(), paid: z.boolean() })
  .openapi('LeaveTypeRef');

/** Who decides a submitted request: the first manager up the line who can act, else HR (hr:admin). */
export const LeaveApprover = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('manager'), employeeId: z.uuid(), name: z.string() }),
    z.object({ kind: z.literal('hr') }),
  ])
  .openapi('LeaveApprover');

export const LeaveRequest = z
  .object({
    id: z.uuid(),
    employee: EmployeeCard,
    leaveType: LeaveTypeRef,
    startDate: z.string(),
    endDate: z.string(),
    startPortion: z.enum(['full', 'pm']),
    endPortion: z.enum(['full', 'am']),
    days: DaysOut,
    status: z.enum(leaveStatuses),
    reason: z.string().nullable(),
    submittedAt: z.iso.datetime().nullable(),
    decidedBy: z.uuid().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    decisionComment: z.string().nullable(),
    approver: LeaveApprover.nullable().openapi({ description: 'While submitted: who decides it; null otherwise' }),
    cancelledBy: z.uuid().nullable(),
    cancelledAt: z.iso.datetime().nullable(),
    createdBy: z.uuid().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('LeaveRequest');
export const LeaveRequestPage = pageSchema(LeaveRequest).openapi('LeaveRequestPage');

export const LeaveRequestListQuery = listQuery(['startDate', 'createdAt'], '-startDate').extend({
  mine: booleanQuery.optional().openapi({ description: 'Only your own requests' }),
  employeeId: uuid.optional(),
  status: z.enum(leaveStatuses).optional(),
  leaveTypeId: uuid.optional(),
  from: isoDate.optional().openapi({ description: 'Requests ending on or after this date' }),
  to: isoDate.optional().openapi({ description: 'Requests starting on or before this date' }),
});
export const ApprovalListQuery = listQuery(['startDate', 'createdAt'], 'startDate');

export type CreateLeaveRequestInput = z.output<typeof CreateLeaveRequestBody>;
export type PreviewLeaveRequestInput = z.output<typeof PreviewLeaveRequestBody>;
export type LeavePreviewDto = z.input<typeof LeavePreview>;
export type UpdateLeaveRequestInput = z.output<typeof UpdateLeaveRequestBody>;
export type LeaveRequestListFilter = z.output<typeof LeaveRequestListQuery>;
export type ApprovalListFilter = z.output<typeof ApprovalListQuery>;
export type LeaveRequestDto = z.input<typeof LeaveRequest>;
export type EmployeeCardDto = z.input<typeof EmployeeCard>;
