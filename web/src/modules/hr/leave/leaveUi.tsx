import { DateText } from '../../../components';
import type { LeaveRequest } from '../queries';

/** "12 Jan 2027 (afternoon) – 14 Jan 2027 (morning)". */
export function LeaveSpan({
  request,
}: {
  request: Pick<LeaveRequest, 'startDate' | 'endDate' | 'startPortion' | 'endPortion'>;
}) {
  const same = request.startDate === request.endDate;
  return (
    <>
      <DateText value={request.startDate} />
      {request.startPortion === 'pm' && <span className="muted"> (afternoon)</span>}
      {!same && (
        <>
          {' – '}
          <DateText value={request.endDate} />
        </>
      )}
      {request.endPortion === 'am' && <span className="muted"> (morning)</span>}
    </>
  );
}

export const leaveStatusLabels: Record<string, string> = {
  draft: 'Draft',
  submitted: 'Waiting for approval',
  approved: 'Approved',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

/** Who a waiting request is with: "waiting for Dana Smith" or "waiting for HR". */
export function approverText(approver: NonNullable<LeaveRequest['approver']>): string {
  return approver.kind === 'manager' ? `waiting for ${approver.name}` : 'waiting for HR';
}
