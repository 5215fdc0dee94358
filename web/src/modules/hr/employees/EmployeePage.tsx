import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { DateText, PageHeader, QueryState, useAuth } from '../../../components';
import {
  employmentTypeLabels,
  hrKeys,
  statusBadge,
  useMyEmployeeId,
  type EmployeeFull,
  type EmployeeView,
  type EmployeeWithCompensation,
} from '../queries';
import { CompensationPanel } from '../payroll/CompensationPanel';
import { Payslips } from '../payroll/PayslipsTable';
import { Avatar } from '../ui';
import { DirectReports } from './DirectReports';
import { JobHistory } from './JobHistory';
import { LeaveBalances } from './LeaveBalances';
import { TerminateDialog } from './TerminateDialog';
import { RunFlowButton } from '../../automation';

/** An employee's profile: what your access shows of them, with their leave, reports, history and pay. */
export default function EmployeePage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const employee = useQuery({
    queryKey: hrKeys.employee(id),
    queryFn: () => unwrap(api.GET('/api/v1/hr/employees/{id}', { params: { path: { id } } })) as Promise<EmployeeView>,
  });
  return (
    <QueryState query={employee} height="16em">
      {(e) => <Profile key={id} employee={e} />}
    </QueryState>
  );
}

function Profile({ employee: e }: { employee: EmployeeView }) {
  const { can } = useAuth();
  const me = useMyEmployeeId();
  const [terminating, setTerminating] = useState(false);
  const full = e.access === 'full' ? (e as EmployeeFull) : null;
  const compensation = 'compensation' in e ? e.compensation : undefined;
  const isMe = me.data === e.id;
  // Full access means yourself, a report, or hr:admin; the API decides which fields each may change.
  const mayEdit = full !== null && (can('hr:admin') || (can('hr:write') && (isMe || e.managerId !== null)));
  return (
    <>
      <PageHeader
        title={`${e.firstName} ${e.lastName}`}
        description={
          <>
            {[e.positionTitle, e.departmentName].filter(Boolean).join(' · ') || 'No position'} · No. {e.employeeNumber}{' '}
            · <span className={statusBadge(e.status)}>{e.status === 'active' ? 'Active' : 'Terminated'}</span>
          </>
        }
        actions={
          <>
            <Link to="/hr/employees">Directory</Link>
            <Link to={`/hr/org-chart/${e.id}`} className="btn">
              Org chart
            </Link>
            <RunFlowButton record={{ type: 'hr.employee', id: e.id }} />
            {mayEdit && (
              <Link to={`/hr/employees/${e.id}/edit`} className="btn">
                Edit
              </Link>
            )}
            {can('hr:admin') && e.status === 'active' && full && (
              <button type="button" className="btn btn-danger" onClick={() => setTerminating(true)}>
                Terminate
              </button>
            )}
          </>
        }
      />
      <div className="grid-2">
        <section className="card" aria-labelledby="card-h">
          <h2 id="card-h">Directory</h2>
          <div className="hr-person" style={{ marginBottom: '0.75rem' }}>
            <Avatar person={e} large />
            <div>
              <strong>
                {e.firstName} {e.lastName}
              </strong>
              <div className="muted">{e.positionTitle ?? '—'}</div>
            </div>
          </div>
          <dl className="hr-dl">
            <dt>Work email</dt>
            <dd>
              <a href={`mailto:${e.workEmail}`}>{e.workEmail}</a>
            </dd>
            <dt>Work phone</dt>
            <dd>{e.workPhone ?? '—'}</dd>
            <dt>Department</dt>
            <dd>{e.departmentName ?? '—'}</dd>
            <dt>Location</dt>
            <dd>{e.locationName ?? '—'}</dd>
            <dt>Manager</dt>
            <dd>{e.managerId ? <Link to={`/hr/employees/${e.managerId}`}>{e.managerName}</Link> : '—'}</dd>
          </dl>
        </section>
        {full && (
          <section className="card" aria-labelledby="job-h">
            <h2 id="job-h">Job and personal data</h2>
            <dl className="hr-dl">
              <dt>Employment</dt>
              <dd>{employmentTypeLabels[full.employmentType] ?? full.employmentType}</dd>
              <dt>Start date</dt>
              <dd>
                <DateText value={full.startDate} />
              </dd>
              <dt>End date</dt>
              <dd>
                <DateText value={full.endDate} />
              </dd>
              {full.terminationReason && (
                <>
                  <dt>Termination reason</dt>
                  <dd>{full.terminationReason}</dd>
                </>
              )}
              <dt>Personal email</dt>
              <dd>{full.personalEmail ?? '—'}</dd>
              <dt>Personal phone</dt>
              <dd>{full.personalPhone ?? '—'}</dd>
              <dt>Birth date</dt>
              <dd>
                <DateText value={full.birthDate} />
              </dd>
              <dt>Home address</dt>
              <dd>
                {full.homeAddress
                  ? [
                      full.homeAddress.street,
                      [full.homeAddress.postalCode, full.homeAddress.city].filter(Boolean).join(' '),
                      full.homeAddress.region,
                      full.homeAddress.country,
                    ]
                      .filter(Boolean)
                      .join(', ') || '—'
                  : '—'}
              </dd>
              <dt>MOMS user</dt>
              <dd>
                {full.userId ? (
                  can('auth:read') ? (
                    <LinkedUser userId={full.userId} />
                  ) : (
                    'Linked'
                  )
                ) : (
                  <span className="muted">Not linked</span>
                )}
              </dd>
            </dl>
          </section>
        )}
      </div>
      {compensation !== undefined && <CompensationPanel employee={e as EmployeeWithCompensation} />}
      {full && <LeaveBalances employeeId={e.id} />}
      <DirectReports employee={e} />
      {full && <JobHistory employeeId={e.id} />}
      {compensation !== undefined && <Payslips employeeId={e.id} />}
      {terminating && full && <TerminateDialog employee={full} onClose={() => setTerminating(false)} />}
    </>
  );
}

/** The MOMS user linked to the employee: name and email (for auth:read holders), linking to the user page. */
function LinkedUser({ userId }: { userId: string }) {
  const user = useQuery({
    queryKey: ['hr', 'linked-user', userId],
    queryFn: () => unwrap(api.GET('/api/v1/auth/users/{id}', { params: { path: { id: userId } } })),
    staleTime: 60_000,
  });
  return (
    <QueryState query={user} width="12em" error={() => <Link to={`/admin/users/${userId}`}>Linked user</Link>}>
      {(u) => (
        <>
          <Link to={`/admin/users/${userId}`}>{u.name}</Link> <span className="muted">{u.email}</span>
        </>
      )}
    </QueryState>
  );
}
