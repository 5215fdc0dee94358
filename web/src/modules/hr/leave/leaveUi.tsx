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

/** Weekdays between two dates, minus the half days: an estimate (the server also removes public holidays). */
export function estimateWorkingDays(
  start: string,
  end: string,
  startPortion: string,
  endPortion: string,
): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end) || end < start) return null;
  let days = 0;
  const d = new Date(`${start}T00:00:00Z`);
  const last = new Date(`${end}T00:00:00Z`);
  const weekday = (x: Date) => x.getUTCDay() !== 0 && x.getUTCDay() !== 6;
  for (let i = 0; d <= last && i < 400; i++) {
    if (weekday(d)) days++;
    d.setUTCDate(d.getUTCDate() + 1);
  }
  if (startPortion === 'pm' && weekday(new Date(`${start}T00:00:00Z`))) days -= 0.5;
  if (endPortion === 'am' && weekday(last)) days -= 0.5;
  return Math.max(0, days);
}
