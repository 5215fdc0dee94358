import type { Db } from '../../../../platform/db/database.js';
import { inTransaction } from '../../../../platform/db/transaction.js';
import { AppError } from '../../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../../platform/http/app-env.js';
import { errors } from '../../../../platform/errors/app-error.js';
import { viewerOf } from '../../access.js';
import { days, formatDays } from '../entitlement.js';
import { leaveErrors } from '../leave.errors.js';
import { findLeaveType } from '../types/leave-types.repository.js';
import { halfDaysToString, type LeaveSpan } from '../working-days.js';
import {
  assertActive,
  assertWithinEmployment,
  availableFor,
  balanceShortfall,
  overlapsOf,
  workingHalfDaysOf,
} from './booking.js';
import * as repo from './requests.repository.js';
import { spanIssues, type LeavePreviewDto, type PreviewLeaveRequestInput } from './requests.schemas.js';
import { assertActsFor } from './requests.service.js';

type Problem = LeavePreviewDto['problems'][number];

/** A refusal of the booking rules as a preview problem: the field it names, and its detail. */
function problemOf(error: AppError): Problem {
  return { path: error.errors?.[0]?.path ?? '', message: error.detail, code: error.code };
}

/**
 * What creating and submitting this request would do, without writing anything: the working days
 * (the employee's location's holidays left out), the balance before and after, the pending or
 * approved requests it overlaps, and every rule it breaks (`problems`). The same rules as booking
 * (booking.ts), run on the same data; only the span rules and the refusals become problems instead
 * of a 422. Yourself, or anyone for hr:admin (like creating a request).
 */
export async function previewRequest(
  db: Db,
  ctx: RequestContext,
  input: PreviewLeaveRequestInput,
): Promise<LeavePreviewDto> {
  const viewer = await viewerOf(db, ctx);
  const employeeId = input.employeeId ?? viewer.employeeId;
  if (!employeeId) throw leaveErrors.noEmployeeRecord();
  assertActsFor(viewer, employeeId);
  // A transaction only for one consistent snapshot of the reads; nothing is written, nothing locked.
  return inTransaction(db, async (trx) => {
    const employee = await repo.findEmployee(trx, employeeId);
    if (!employee) throw errors.invalidReference('employeeId', 'Employee', employeeId);
    const problems: Problem[] = [];
    const check = (rule: () => void) => {
      try {
        rule();
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 422) throw error;
        problems.push(problemOf(error));
      }
    };

    const type = (await findLeaveType(trx, input.leaveTypeId)) ?? null;
    if (!type) problems.push(problemOf(errors.invalidReference('leaveTypeId', 'Leave type', input.leaveTypeId)));
    else check(() => assertActive(type));
    const span: LeaveSpan = input;
    const issues = spanIssues(span);
    problems.push(...issues.map((i) => ({ path: i.path, message: i.message, code: 'invalid-dates' })));
    check(() => assertWithinEmployment(employee, span));

    // A span that crosses a year is refused anyway (spanIssues): not counted, so that a preview from
    // 1900 to 9999 costs no more than one of a week.
    const countable = span.endDate >= span.startDate && span.startDate.slice(0, 4) === span.endDate.slice(0, 4);
    const halfDays = countable ? await workingHalfDaysOf(trx, employee, span) : null;
    if (halfDays === 0) problems.push(problemOf(leaveErrors.zeroWorkingDays()));
    const requested = halfDays === null ? null : halfDaysToString(halfDays);

    const overlaps = countable ? await overlapsOf(trx, employee.id, span) : [];
    const [first] = overlaps;
    if (first) problems.push(problemOf(leaveErrors.overlap(first.id, first.start_date, first.end_date)));

    const available = type ? await availableFor(trx, employee, type, { start_date: span.startDate }, true) : null;
    if (type && requested !== null && halfDays !== 0) {
      const shortfall = balanceShortfall(type, requested, available);
      if (shortfall) problems.push(problemOf(shortfall));
    }
    return {
      employeeId: employee.id,
      days: requested,
      available: available === null ? null : formatDays(available),
      availableAfter: available === null || requested === null ? null : formatDays(available.minus(days(requested))),
      allowNegative: type?.allow_negative ?? null,
      overlaps: overlaps.map((o) => ({
        id: o.id,
        leaveType: { id: o.leave_type_id, name: o.type_name },
        startDate: o.start_date,
        endDate: o.end_date,
        startPortion: o.start_portion,
        endPortion: o.end_portion,
        status: o.status as 'submitted' | 'approved',
        days: formatDays(days(o.days)),
      })),
      problems,
    };
  });
}
