import { Link } from '@tanstack/react-router';
import { PageHeader, QueryState } from '../../../components';
import { formatDays, useBalances, useMyEmployeeId } from '../queries';
import '../hr.css';
import { MyRequests } from './MyRequests';
import { NewRequest } from './NewRequest';

/** Your balances, a new request, and your requests (submit drafts, cancel). */
export default function MyLeavePage() {
  const me = useMyEmployeeId();
  return (
    <QueryState query={me} height="16em">
      {(employeeId) =>
        employeeId ? (
          <MyLeave employeeId={employeeId} />
        ) : (
          <>
            <PageHeader title="My leave" />
            <div className="banner banner-info" role="status">
              You have no employee record linked to your account, so you cannot request leave. Ask HR to link your user
              to your employee record.
            </div>
          </>
        )
      }
    </QueryState>
  );
}

function MyLeave({ employeeId }: { employeeId: string }) {
  const year = new Date().getFullYear();
  const balances = useBalances(employeeId, year);
  return (
    <>
      <PageHeader
        title="My leave"
        description="Your balances and requests. Your manager approves what you submit (or the next manager up, or HR, when they cannot)."
        actions={<Link to="/hr/team-calendar">Team calendar</Link>}
      />
      <section className="card" aria-labelledby="mybal-h">
        <h2 id="mybal-h">Balances {year}</h2>
        <QueryState query={balances} height="4em">
          {(list) =>
            list.items.length === 0 ? (
              <p className="muted">No leave types are set up yet.</p>
            ) : (
              <ul className="hr-balances">
                {list.items
                  .filter((b) => b.leaveType.active)
                  .map((b) => (
                    <li key={b.leaveType.id} className="hr-balance" aria-label={`${b.leaveType.name} balance`}>
                      <span className="muted">{b.leaveType.name}</span>
                      <strong data-testid={`available-${b.leaveType.code}`}>{formatDays(b.available)}</strong>
                      <span className="muted">
                        available · {Number(b.taken)} taken · {Number(b.pending)} pending
                      </span>
                    </li>
                  ))}
              </ul>
            )
          }
        </QueryState>
      </section>
      <NewRequest employeeId={employeeId} />
      <section className="card" aria-labelledby="myreq-h">
        <h2 id="myreq-h">My requests</h2>
        <MyRequests />
      </section>
    </>
  );
}
