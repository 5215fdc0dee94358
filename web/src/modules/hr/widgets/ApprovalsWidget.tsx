import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../../api';
import { QueryState } from '../../../components';
import { formatDays } from '../queries';
import { LeaveSpan } from '../leave/leaveUi';

/** The leave requests waiting for the signed-in manager. */
export default function ApprovalsWidget() {
  const approvals = useQuery({
    queryKey: ['hr', 'approvals-widget'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/hr/leave/approvals', { params: { query: { limit: 5, sort: 'startDate' } } })),
  });
  return (
    <QueryState query={approvals} height="5em">
      {(page) =>
        page.items.length === 0 ? (
          <p className="muted">Nothing is waiting for you.</p>
        ) : (
          <>
            <ul className="plain-list">
              {page.items.map((r) => (
                <li key={r.id}>
                  <strong>
                    {r.employee.firstName} {r.employee.lastName}
                  </strong>{' '}
                  — {r.leaveType.name}, <LeaveSpan request={r} /> <span className="muted">({formatDays(r.days)})</span>
                </li>
              ))}
            </ul>
            <p>
              <Link to="/hr/leave-approvals">{page.nextCursor ? 'See all waiting requests' : 'Decide'} →</Link>
            </p>
          </>
        )
      }
    </QueryState>
  );
}
