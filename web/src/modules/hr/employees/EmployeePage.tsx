import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, listFetcher, unwrap } from '../../../api';
import {
  DataTable,
  DateField,
  DateText,
  Dialog,
  ErrorState,
  Form,
  listQueryKey,
  Money,
  PageHeader,
  Skeleton,
  TextareaField,
  useAuth,
  useForm,
  useToast,
  type Column,
} from '../../../components';
import {
  employmentTypeLabels,
  formatDays,
  hrKeys,
  payFrequencyLabels,
  statusBadge,
  todayIso,
  useBalances,
  useMyEmployeeId,
  type EmployeeCard,
  type EmployeeFull,
  type EmployeeView,
  type EmployeeWithCompensation,
} from '../queries';
import { CompensationPanel } from '../payroll/CompensationPanel';
import { Payslips } from '../payroll/PayslipsTable';
import { Avatar, PersonLink, PickerField, searchEmployees } from '../ui';

export default function EmployeePage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const employee = useQuery({
    queryKey: hrKeys.employee(id),
    queryFn: () => unwrap(api.GET('/api/v1/hr/employees/{id}', { params: { path: { id } } })) as Promise<EmployeeView>,
  });
  if (employee.isPending) return <Skeleton height="16em" />;
  if (employee.isError) return <ErrorState error={employee.error} onRetry={() => void employee.refetch()} />;
  return <Profile key={id} employee={employee.data} />;
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
      {full && <Balances employeeId={e.id} />}
      <Reports employee={e} />
      {full && <History employeeId={e.id} />}
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
  if (user.isPending) return <Skeleton width="12em" />;
  if (user.isError) return <Link to={`/admin/users/${userId}`}>Linked user</Link>;
  return (
    <>
      <Link to={`/admin/users/${userId}`}>{user.data.name}</Link> <span className="muted">{user.data.email}</span>
    </>
  );
}

function Balances({ employeeId }: { employeeId: string }) {
  const year = new Date().getFullYear();
  const balances = useBalances(employeeId, year);
  return (
    <section className="card" aria-labelledby="bal-h">
      <h2 id="bal-h">Leave balances {year}</h2>
      {balances.isPending ? (
        <Skeleton height="4em" />
      ) : balances.isError ? (
        <ErrorState error={balances.error} onRetry={() => void balances.refetch()} />
      ) : balances.data.items.length === 0 ? (
        <p className="muted">No leave types are set up.</p>
      ) : (
        <ul className="hr-balances">
          {balances.data.items.map((b) => (
            <li key={b.leaveType.id} className="hr-balance" aria-label={`${b.leaveType.name} balance`}>
              <span className="muted">{b.leaveType.name}</span>
              <strong>{formatDays(b.available)}</strong>
              <span className="muted">
                available · {Number(b.taken)} taken · {Number(b.pending)} pending · of {Number(b.entitlement)}
                {Number(b.carriedOver) > 0 ? ` + ${Number(b.carriedOver)} carried` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const reportColumns: Column<EmployeeCard>[] = [
  {
    id: 'name',
    header: 'Name',
    sortKey: 'lastName',
    alwaysVisible: true,
    cell: (r) => <PersonLink id={r.id} firstName={r.firstName} lastName={r.lastName} />,
  },
  { id: 'position', header: 'Position', cell: (r) => r.positionTitle ?? '—' },
  { id: 'department', header: 'Department', cell: (r) => r.departmentName ?? '—' },
];

function Reports({ employee }: { employee: EmployeeView }) {
  return (
    <section className="card" aria-labelledby="rep-h">
      <h2 id="rep-h">Direct reports</h2>
      <DataTable
        id={`hr-reports-${employee.id}`}
        caption="Direct reports"
        columns={reportColumns}
        fetchPage={listFetcher('/api/v1/hr/employees')}
        fixedFilters={{ managerId: employee.id }}
        rowKey={(r) => r.id}
        pageSize={10}
        emptyMessage="Nobody reports to them."
      />
    </section>
  );
}

function History({ employeeId }: { employeeId: string }) {
  const history = useQuery({
    queryKey: hrKeys.history(employeeId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/hr/employees/{id}/history', { params: { path: { id: employeeId }, query: { limit: 50 } } }),
      ),
  });
  return (
    <section className="card" aria-labelledby="hist-h">
      <h2 id="hist-h">Job history</h2>
      {history.isPending ? (
        <Skeleton height="4em" />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.items.length === 0 ? (
        <p className="muted">No changes recorded.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Job history">
            <thead>
              <tr>
                <th scope="col">Effective</th>
                <th scope="col">Change</th>
                <th scope="col">Reason</th>
                <th scope="col">Recorded</th>
              </tr>
            </thead>
            <tbody>
              {history.data.items.map((h) => (
                <tr key={h.id}>
                  <td>
                    <DateText value={h.effectiveDate} />
                  </td>
                  <td>
                    {h.type === 'job' ? (
                      [h.positionTitle, h.departmentName, h.managerName ? `reports to ${h.managerName}` : null]
                        .filter(Boolean)
                        .join(' · ') || '—'
                    ) : (
                      <>
                        Salary <Money amount={h.baseSalary} currency={h.currency} /> a year,{' '}
                        {(payFrequencyLabels[h.payFrequency] ?? h.payFrequency).toLowerCase()}
                      </>
                    )}
                  </td>
                  <td>{h.reason ?? '—'}</td>
                  <td>
                    <DateText value={h.recordedAt} withTime />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const terminateSchema = z.object({
  endDate: z.string().min(1, 'Required.'),
  reason: z.string().trim().min(1, 'Required.').max(500),
  reassignTo: z.string(),
});

function TerminateDialog({ employee, onClose }: { employee: EmployeeFull; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const reports = useQuery({
    queryKey: ['hr', 'direct-reports-count', employee.id],
    queryFn: () => unwrap(api.GET('/api/v1/hr/employees', { params: { query: { managerId: employee.id, limit: 1 } } })),
  });
  const hasReports = (reports.data?.items.length ?? 0) > 0;
  const form = useForm({
    initialValues: { endDate: todayIso(), reason: '', reassignTo: employee.managerId ?? '' },
    schema: terminateSchema,
    validate: (v): Record<string, string> =>
      hasReports && !v.reassignTo ? { reassignTo: 'Choose who their reports report to now.' } : {},
    onSubmit: async ({ reassignTo, ...rest }) => {
      const next = await unwrap(
        api.POST('/api/v1/hr/employees/{id}/terminate', {
          params: { path: { id: employee.id } },
          body: { ...rest, version: employee.version, ...(reassignTo ? { reassignTo } : {}) },
        }),
      );
      queryClient.setQueryData(hrKeys.employee(employee.id), next);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.employees) });
      toast.success(`${employee.firstName} ${employee.lastName} is terminated.`);
      onClose();
    },
  });
  return (
    <Dialog open title={`Terminate ${employee.firstName} ${employee.lastName}?`} onClose={onClose}>
      <Form form={form} onReload={() => void queryClient.invalidateQueries({ queryKey: hrKeys.employee(employee.id) })}>
        <p>
          Their employment ends on the date below. This cannot be undone here
          {hasReports ? '; their direct reports move to the manager you choose.' : '.'}
        </p>
        <DateField form={form} name="endDate" label="Last day" required />
        <TextareaField form={form} name="reason" label="Reason" required rows={2} />
        {hasReports && (
          <PickerField
            form={form}
            name="reassignTo"
            label="Their reports now report to"
            queryKey={`reassign-${employee.id}`}
            search={(q) => searchEmployees(q, employee.id)}
            current={employee.managerId ? { value: employee.managerId, label: employee.managerName ?? '' } : null}
          />
        )}
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={form.submitting}>
            {form.submitting ? 'Terminating…' : 'Terminate'}
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
