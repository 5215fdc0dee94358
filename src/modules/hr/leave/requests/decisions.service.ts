import { writeAudit } from '../../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { inTransaction } from '../../../../platform/db/transaction.js';
import type { RequestContext } from '../../../../platform/http/app-env.js';
import { today } from '../../../../platform/dates.js';
import { viewerOf, type HrViewer } from '../../access.js';
import { resolveApprover } from '../../approvers.js';
import { leaveErrors } from '../leave.errors.js';
import { findLeaveType } from '../types/leave-types.repository.js';
import { assertBalance } from './booking.js';
import * as repo from './requests.repository.js';
import { assertActsFor, detailsOf, ENTITY, lockForChange } from './requests.service.js';

/**
 * The request's approver — the first manager up the line who can act (`approvers.ts`) — or hr:admin;
 * never the requester.
 */
async function assertMayDecide(trx: Tx, viewer: HrViewer, employee: repo.LeaveEmployee): Promise<void> {
  if (viewer.employeeId === employee.id) throw leaveErrors.ownRequest();
  if (viewer.admin) return;
  if (!viewer.approve || !viewer.employeeId) throw leaveErrors.notYourApproval();
  const approver = await resolveApprover(trx, employee.id);
  if (approver.kind !== 'manager' || approver.employeeId !== viewer.employeeId) throw leaveErrors.notYourApproval();
}

/**
 * Submitted → approved. The balance is checked again against the approved days (other pending
 * requests do not count: the approver chooses), with the employee locked: two approvals of one
 * employee's requests run one after the other, and the second sees the first.
 */
export async function approveRequest(db: Db, ctx: RequestContext, id: string, version: number, comment?: string) {
  const viewer = await viewerOf(db, ctx);
  return inTransaction(db, async (trx) => {
    const { employee, request } = await lockForChange(trx, viewer, id, version);
    await assertMayDecide(trx, viewer, employee);
    if (request.status !== 'submitted') throw leaveErrors.invalidTransition('approved', request.status);
    const type = await findLeaveType(trx, request.leave_type_id);
    if (!type) throw new Error(`leave type ${request.leave_type_id} vanished`);
    await assertBalance(trx, employee, type, request, false);
    const after = await repo.updateRequest(trx, id, {
      status: 'approved',
      decided_by: viewer.userId,
      decided_at: new Date(),
      decision_comment: comment ?? null,
    });
    await writeAudit(trx, ctx, {
      action: 'leave_request.approved',
      entityType: ENTITY,
      entityId: id,
      before: { ...request },
      after: { ...after },
    });
    return detailsOf(trx, id);
  });
}

/** Submitted → rejected, with the reason in `comment` (required). */
export async function rejectRequest(db: Db, ctx: RequestContext, id: string, version: number, comment?: string) {
  if (!comment) throw leaveErrors.commentRequired();
  const viewer = await viewerOf(db, ctx);
  return inTransaction(db, async (trx) => {
    const { employee, request } = await lockForChange(trx, viewer, id, version);
    await assertMayDecide(trx, viewer, employee);
    if (request.status !== 'submitted') throw leaveErrors.invalidTransition('rejected', request.status);
    const after = await repo.updateRequest(trx, id, {
      status: 'rejected',
      decided_by: viewer.userId,
      decided_at: new Date(),
      decision_comment: comment,
    });
    await writeAudit(trx, ctx, {
      action: 'leave_request.rejected',
      entityType: ENTITY,
      entityId: id,
      before: { ...request },
      after: { ...after },
    });
    return detailsOf(trx, id);
  });
}

/**
 * → cancelled, which gives the days back. The requester: a draft, a pending request, or an approved
 * one that has not started yet (its start date is after today, UTC). hr:admin: any time.
 */
export async function cancelRequest(db: Db, ctx: RequestContext, id: string, version: number) {
  const viewer = await viewerOf(db, ctx);
  return inTransaction(db, async (trx) => {
    const { employee, request } = await lockForChange(trx, viewer, id, version);
    assertActsFor(viewer, employee.id);
    if (request.status === 'rejected' || request.status === 'cancelled')
      throw leaveErrors.invalidTransition('cancelled', request.status);
    if (request.status === 'approved' && !viewer.admin && request.start_date <= today())
      throw leaveErrors.started(request.start_date);
    const after = await repo.updateRequest(trx, id, {
      status: 'cancelled',
      cancelled_by: viewer.userId,
      cancelled_at: new Date(),
    });
    await writeAudit(trx, ctx, {
      action: 'leave_request.cancelled',
      entityType: ENTITY,
      entityId: id,
      before: { ...request },
      after: { ...after },
    });
    return detailsOf(trx, id);
  });
}
