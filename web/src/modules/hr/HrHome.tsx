import { Link } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { PageHeader, QueryState, Skeleton, useAuth } from '../../components';
import { formatDays, useBalances, useMyEmployeeId } from './queries';
import './hr.css';

const HeadcountWidget = lazy(() => import('./widgets/HeadcountWidget'));
const ApprovalsWidget = lazy(() => import('./widgets/ApprovalsWidget'));

/** HR overview: you (profile, balances), what waits for you, and the way to every HR screen. */
export default function HrHome() {
  const { can } = useAuth();
  const me = useMyEmployeeId();
  const year = new Date().getFullYear();
  const balances = useBalances(me.data, year);
  return (
    <>
      <PageHeader
        title="HR"
        description="People, organization, leave and payroll."
        actions={
          can('hr:admin') && (
            <Link to="/hr/employees/new" className="btn btn-primary">
              New employee
            </Link>
          )
        }
      />
      <div className="grid-2">
        <section className="card" aria-labelledby="me-h">
          <h2 id="me-h">You</h2>
          <QueryState query={me} height="4em" retry={false}>
            {(employeeId) =>
              employeeId ? (
                <>
                  <p>
                    <Link to={`/hr/employees/${employeeId}`}>My profile</Link> ·{' '}
                    <Link to={`/hr/org-chart/${employeeId}`}>My team</Link> · <Link to="/hr/payslips">My payslips</Link>
                  </p>
                  {balances.data && balances.data.items.length > 0 && (
                    <ul className="hr-balances">
                      {balances.data.items
                        .filter((b) => b.leaveType.active)
                        .map((b) => (
                          <li key={b.leaveType.id} className="hr-balance">
                            <span className="muted">{b.leaveType.name}</span>
                            <strong>{formatDays(b.available)}</strong>
                            <span className="muted">available in {year}</span>
                          </li>
                        ))}
                    </ul>
                  )}
                  <p>
                    <Link to="/hr/leave" className="btn btn-primary">
                      Request leave
                    </Link>
                  </p>
                </>
              ) : (
                <p className="muted">Your account is not linked to an employee record.</p>
              )
            }
          </QueryState>
        </section>
        {can('hr:approve') && (
          <section className="card" aria-labelledby="wait-h">
            <h2 id="wait-h">Leave waiting for you</h2>
            <Suspense fallback={<Skeleton height="5em" />}>
              <ApprovalsWidget />
            </Suspense>
          </section>
        )}
        <section className="card" aria-labelledby="hc-h">
          <h2 id="hc-h">Headcount</h2>
          <Suspense fallback={<Skeleton height="8em" />}>
            <HeadcountWidget />
          </Suspense>
        </section>
        <section className="card" aria-labelledby="go-h">
          <h2 id="go-h">Go to</h2>
          <ul className="plain-list">
            <li>
              <Link to="/hr/employees">Directory</Link> — everyone, with search and filters
            </li>
            <li>
              <Link to="/hr/org-chart">Org chart</Link> — who reports to whom
            </li>
            <li>
              <Link to="/hr/organization">Organization</Link> — departments, positions, locations
            </li>
            <li>
              <Link to="/hr/team-calendar">Team calendar</Link> — who is away
            </li>
            {can('hr:admin') && (
              <li>
                <Link to="/hr/leave-settings">Leave settings</Link> — leave types and public holidays
              </li>
            )}
            {can('hr:compensation') && (
              <li>
                <Link to="/hr/payroll">Payroll</Link> — pay runs and payslips
              </li>
            )}
          </ul>
        </section>
      </div>
    </>
  );
}
