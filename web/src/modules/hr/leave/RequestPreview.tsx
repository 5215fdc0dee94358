import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, errorMessage, unwrap } from '../../../api';
import { Spinner, useDebounced } from '../../../components';
import { formatDays, hrKeys } from '../queries';
import { LeaveSpan, leaveStatusLabels } from './leaveUi';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface PreviewValues {
  leaveTypeId: string;
  startDate: string;
  endDate: string;
  startPortion: string;
  endPortion: string;
}

/**
 * The server's preview of the request being typed (POST /leave/requests/preview, debounced): the
 * exact working days (public holidays of your location left out), the balance before and after,
 * overlapping requests and whatever submitting would refuse. Nothing is saved.
 */
export function RequestPreview({ values, typeName }: { values: PreviewValues; typeName: string }) {
  const { leaveTypeId, startDate, endDate, startPortion, endPortion } = values;
  const key = useDebounced(JSON.stringify({ leaveTypeId, startDate, endDate, startPortion, endPortion }), 300);
  const body = JSON.parse(key) as PreviewValues;
  const complete = (x: PreviewValues) => x.leaveTypeId !== '' && ISO_DATE.test(x.startDate) && ISO_DATE.test(x.endDate);
  // Not while the form is incomplete right now (e.g. just reset after submitting), even if the debounced values were.
  const ready = complete(body) && complete(values);
  const preview = useQuery({
    queryKey: [...hrKeys.leavePreview, key],
    enabled: ready,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(
        api.POST('/api/v1/hr/leave/requests/preview', {
          body: {
            leaveTypeId: body.leaveTypeId,
            startDate: body.startDate,
            endDate: body.endDate,
            startPortion: body.startPortion as 'full' | 'pm',
            endPortion: body.endPortion as 'full' | 'am',
          },
          signal,
        }),
      ),
  });
  const p = ready ? preview.data : undefined;
  const problems = (p?.problems ?? []).filter((x) => x.code !== 'leave-overlap');
  return (
    <div
      className={p && p.problems.length > 0 ? 'banner banner-warning' : 'banner banner-info'}
      role="status"
      aria-live="polite"
      aria-busy={preview.isFetching}
    >
      {!ready ? (
        'Choose the type of leave and the dates to see how many working days this takes.'
      ) : preview.isError ? (
        <>Could not count the days: {errorMessage(preview.error)}</>
      ) : !p ? (
        <>
          <Spinner label="Counting" /> Counting working days…
        </>
      ) : (
        <>
          {p.days !== null && (
            <p>
              This takes <strong data-testid="preview-days">{formatDays(p.days)}</strong>{' '}
              <span className="muted">(weekends and your location’s public holidays do not count)</span>.
            </p>
          )}
          {p.available !== null && (
            <p>
              {typeName}: <strong>{formatDays(p.available)}</strong> available
              {p.availableAfter !== null && (
                <>
                  , <strong data-testid="preview-after">{formatDays(p.availableAfter)}</strong> left after this request
                </>
              )}
              {p.allowNegative ? ' (this type may go below zero)' : ''}.
            </p>
          )}
          {p.overlaps.length > 0 && (
            <>
              <p>
                <strong className="field-error">It overlaps leave you already have:</strong>
              </p>
              <ul>
                {p.overlaps.map((o) => (
                  <li key={o.id}>
                    {o.leaveType.name}, <LeaveSpan request={o} /> ({leaveStatusLabels[o.status] ?? o.status})
                  </li>
                ))}
              </ul>
            </>
          )}
          {problems.length > 0 && (
            <ul aria-label="Problems with this request">
              {problems.map((x) => (
                <li key={`${x.code}-${x.path}`} className="field-error">
                  {x.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
