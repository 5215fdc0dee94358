import { writeAudit } from '../../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { inTransaction } from '../../../../platform/db/transaction.js';
import { emit } from '../../../../platform/events/emit.js';
import { errors } from '../../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../../platform/http/app-env.js';
import { assertVersion } from '../../../../platform/http/versioning.js';
import { isoTimestamp, isoTimestampOrNull } from '../../../../platform/dates.js';
import { viewerOf, type HrViewer } from '../../access.js';
import { approverUserIds, resolveApprover } from '../../approvers.js';
import { sendMail } from '../../../../platform/mail/send-mail.js';
import { notify } from '../../../../platform/notifications/notify.js';
import { leaveApprovalRequested } from '../leave.mail.js';
import { days, formatDays } from '../entitlement.js';
import { leaveErrors } from '../leave.errors.js';
import { leaveRequested } from '../../hr.events.js';
import type { EndPortion, LeaveTypesTable, StartPortion } from '../leave.tables.js';
import { findLeaveType } from '../types/leave-types.repository.js';
import type { LeaveSpan } from '../working-days.js';
import { assertActive, assertBalance, assertNoOverlap, assertWithinEmployment, countDays } from './booking.js';
import * as repo from './requests.repository.js';
import {
  spanIssues,
  type ApprovalListFilter,
  type CreateLeaveRequestInput,
  type LeaveRequestDto,
  type LeaveRequestListFilter,
  type UpdateLeaveRequestInput,
} from './requests.schemas.js';
import type { Selectable } from 'kysely';

export const ENTITY = 'hr.leave_request';

export function toLeaveRequestDto(row: repo.LeaveRequestDetailRow): LeaveRequestDto {
  return {
    id: row.id,
    employee: {
      id: row.employee_id,
      employeeNumber: row.employee_number,
      firstName: row.first_name,
      lastName: row.last_name,
      departmentId: row.department_id,
      locationId: row.location_id,
      managerId: row.manager_id,
    },
    leaveType: { id: row.leave_type_id, code: row.type_code, name: row.type_name, paid: row.type_paid },
    startDate: row.start_date,
    endDate: row.end_date,
    startPortion: row.start_portion,
    endPortion: row.end_portion,
    days: formatDays(days(row.days)),
    status: row.status,
    reason: row.reason,
    submittedAt: isoTimestampOrNull(row.submitted_at),
    decidedBy: row.decided_by,
    decidedAt: isoTimestampOrNull(row.decided_at),
    decisionComment: row.decision_comment,
    approver:
      row.status !== 'submitted'
        ? null
        : row.approver_id
          ? { kind: 'manager', employeeId: row.approver_id, name: row.approver_name ?? '' }
          : { kind: 'hr' },
    cancelledBy: row.cancelled_by,
    cancelledAt: isoTimestampOrNull(row.cancelled_at),
    createdBy: row.created_by,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export async function detailsOf(trx: Tx, id: string) {
  return toLeaveRequestDto(await repo.findRequestDetails(trx, id, await approverUserIds(trx)));
}

/** The employee's own requests: the requester themself, or hr:admin on their behalf. */
export function assertActsFor(viewer: HrViewer, employeeId: string): void {
  if (viewer.employeeId !== employeeId && !viewer.admin) throw errors.forbidden('hr:admin');
}

async function requireType(trx: Tx, id: string) {
  const type = await findLeaveType(trx, id);
  if (!type) throw errors.invalidReference('leaveTypeId', 'Leave type', id);
  assertActive(type);
  return type;
}

/**
 * What a draft becomes when submitted (submitted, or approved at once when the type needs no
 * approval), after checking overlap and balance (pending requests included) with the employee locked.
 */
async function booking(
  trx: Tx,
  employee: repo.LeaveEmployee,
  type: Selectable<LeaveTypesTable>,
  request: {
    id?: string;
    start_date: string;
    end_date: string;
    start_portion: StartPortion;
    end_portion: EndPortion;
    days: string;
  },
): Promise<repo.LeaveRequestValues> {
  const span: LeaveSpan = {
    startDate: request.start_date,
    endDate: request.end_date,
    startPortion: request.start_portion,
    endPortion: request.end_portion,
  };
  await assertNoOverlap(trx, employee.id, span, request.id);
  await assertBalance(trx, employee, type, request, true);
  const now = new Date();
  return type.requires_approval
    ? { status: 'submitted', submitted_at: now }
    : {
        status: 'approved',
        submitted_at: now,
        decided_at: now,
        decision_comment: 'Approved automatically: this leave type needs no approval.',
      };
}

/**
 * Tells the submitted request's approver (or, when HR decides, every hr:admin holder) by mail — sent by
 * a job, only if the submission commits — and in the app (the bell links to their approvals).
 */
async function notifyApprover(trx: Tx, ctx: RequestContext, id: string): Promise<void> {
  const row = await repo.findRequestDetails(trx, id, []);
  const approver = await resolveApprover(trx, row.employee_id);
  const recipients =
    approver.kind === 'manager'
      ? [{ name: approver.name, user: approver.user }]
      : approver.users.map((u) => ({ name: u.name, user: u }));
  for (const { name, user } of recipients) {
    await sendMail(trx, {
      template: leaveApprovalRequested,
      data: {
        approverName: name,
        employeeName: `${row.first_name} ${row.last_name}`,
        leaveType: row.type_name,
        startDate: row.start_date,
        endDate: row.end_date,
        days: formatDays(days(row.days)),
        asHr: approver.kind === 'hr',
      },
      to: [{ address: user.email, name: user.name }],
      createdBy: ctx.actor?.userId ?? null,
    });
  }
  await notify(
    trx,
    recipients.map((r) => r.user.id),
    {
      kind: 'hr.leave-approval-requested',
      title: `${row.first_name} ${row.last_name} asks for ${row.type_name}`,
      body: `${row.start_date} – ${row.end_date} (${formatDays(days(row.days))} days)${approver.kind === 'hr' ? ', for HR to decide' : ''}`,
      link: '/hr/leave-approvals',
      dedupeKey: `hr.leave:${id}:submitted:${row.submitted_at ? isoTimestamp(row.submitted_at) : ''}`,
    },
  );
}

/** `hr.leave.requested`, in the submitting transaction (a draft is not yet requested). */
async function emitRequested(
  trx: Tx,
  ctx: RequestContext,
  row: repo.LeaveRequestRow,
  type: { code: string },
): Promise<void> {
  await emit(trx, {
    type: leaveRequested,
    payload: {
      leaveRequestId: row.id,
      employeeId: row.employee_id,
      days: Number(row.days),
      type: type.code,
      from: row.start_date,
      to: row.end_date,
      status: row.status,
    },
    actorId: ctx.actor?.userId ?? null,
  });
}

export async function createRequest(db: Db, ctx: RequestContext, input: CreateLeaveRequestInput) {
  const viewer = await viewerOf(db, ctx);
  const employeeId = input.employeeId ?? viewer.employeeId;
  if (!employeeId) throw leaveErrors.noEmployeeRecord();
  assertActsFor(viewer, employeeId);
  return inTransaction(db, async (trx) => {
    const employee = await repo.findEmployee(trx, employeeId, { lock: true });
    if (!employee) throw errors.invalidReference('employeeId', 'Employee', employeeId);
    const type = await requireType(trx, input.leaveTypeId);
    const span: LeaveSpan = input;
    assertWithinEmployment(employee, span);
    const values = {
      employee_id: employee.id,
      leave_type_id: type.id,
      start_date: span.startDate,
      end_date: span.endDate,
      start_portion: span.startPortion,
      end_portion: span.endPortion,
      days: await countDays(trx, employee, span),
      reason: input.reason ?? null,
      created_by: viewer.userId,
    };
    const state = input.submit ? await booking(trx, employee, type, values) : { status: 'draft' as const };
    const row = await repo.insertRequest(trx, { ...values, ...state, status: state.status ?? 'draft' });
    if (row.status === 'submitted') await notifyApprover(trx, ctx, row.id);
    if (row.status !== 'draft') await emitRequested(trx, ctx, row, type);
    await writeAudit(trx, ctx, {
      action: 'leave_request.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...row },
    });
    return detailsOf(trx, row.id);
  });
}

/**
 * Loads a request for a change: visible to the viewer (else 404), its employee locked first, then
 * the request itself, with the version checked.
 */
export async function lockForChange(trx: Tx, viewer: HrViewer, id: string, version: number) {
  const visible = await repo.findVisibleRequest(trx, viewer, id, []);
  if (!visible) throw errors.notFound('Leave request', id);
  const employee = await repo.findEmployee(trx, visible.employee_id, { lock: true });
  if (!employee) throw errors.notFound('Leave request', id);
  const request = await repo.lockRequest(trx, id);
  assertVersion('Leave request', request, version);
  return { employee, request };
}

/** Changes a draft (dates, portions, type, reason); the day count is taken again. */
export async function updateRequest(db: Db, ctx: RequestContext, id: string, input: UpdateLeaveRequestInput) {
  const viewer = await viewerOf(db, ctx);
  return inTransaction(db, async (trx) => {
    const { employee, request } = await lockForChange(trx, viewer, id, input.version);
    assertActsFor(viewer, employee.id);
    if (request.status !== 'draft') throw leaveErrors.invalidTransition('edited', request.status);
    const span: LeaveSpan = {
      startDate: input.startDate ?? request.start_date,
      endDate: input.endDate ?? request.end_date,
      startPortion: input.startPortion ?? request.start_portion,
      endPortion: input.endPortion ?? request.end_portion,
    };
    const issues = spanIssues(span);
    if (issues.length > 0) throw errors.validation(issues);
    const type = await requireType(trx, input.leaveTypeId ?? request.leave_type_id);
    assertWithinEmployment(employee, span);
    const count = await countDays(trx, employee, span);
    const after = await repo.updateRequest(trx, id, {
      leave_type_id: type.id,
      start_date: span.startDate,
      end_date: span.endDate,
      start_portion: span.startPortion,
      end_portion: span.endPortion,
      days: count,
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
    });
    await writeAudit(trx, ctx, {
      action: 'leave_request.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...request },
      after: { ...after },
    });
    return detailsOf(trx, id);
  });
}

export async function submitRequest(db: Db, ctx: RequestContext, id: string, version: number) {
  const viewer = await viewerOf(db, ctx);
  return inTransaction(db, async (trx) => {
    const { employee, request } = await lockForChange(trx, viewer, id, version);
    assertActsFor(viewer, employee.id);
    if (request.status !== 'draft') throw leaveErrors.invalidTransition('submitted', request.status);
    const type = await requireType(trx, request.leave_type_id);
    const after = await repo.updateRequest(trx, id, await booking(trx, employee, type, request));
    if (after.status === 'submitted') await notifyApprover(trx, ctx, id);
    if (after.status !== 'draft') await emitRequested(trx, ctx, after, type);
    await writeAudit(trx, ctx, {
      action: 'leave_request.submitted',
      entityType: ENTITY,
      entityId: id,
      before: { ...request },
      after: { ...after },
    });
    return detailsOf(trx, id);
  });
}

export async function getRequest(db: Db, ctx: RequestContext, id: string) {
  const viewer = await viewerOf(db, ctx);
  const row = await repo.findVisibleRequest(db, viewer, id, await approverUserIds(db));
  if (!row) throw errors.notFound('Leave request', id);
  return toLeaveRequestDto(row);
}

export async function listRequests(db: Db, ctx: RequestContext, filter: LeaveRequestListFilter) {
  const viewer = await viewerOf(db, ctx);
  const page = await repo.listRequests(db, viewer, filter, await approverUserIds(db));
  return { items: page.items.map(toLeaveRequestDto), nextCursor: page.nextCursor };
}

export async function listApprovals(db: Db, ctx: RequestContext, filter: ApprovalListFilter) {
  const viewer = await viewerOf(db, ctx);
  const page = await repo.listApprovals(db, viewer, filter, await approverUserIds(db));
  return { items: page.items.map(toLeaveRequestDto), nextCursor: page.nextCursor };
}
