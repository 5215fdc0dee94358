import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, listFetcher, unwrap } from '../../../api';
import {
  DataTable,
  DateField,
  DateText,
  ErrorState,
  Form,
  FormErrorBanner,
  listQueryKey,
  PageHeader,
  SelectField,
  Skeleton,
  TextareaField,
  useAuth,
  useConfirm,
  useForm,
  useToast,
  type Column,
} from '../../../components';
import {
  formatDays,
  hrKeys,
  statusBadge,
  todayIso,
  useBalances,
  useLeaveTypes,
  useMyEmployeeId,
  type LeaveBalance,
  type LeaveRequest,
} from '../queries';
import '../hr.css';
import { estimateWorkingDays, LeaveSpan, leaveStatusLabels } from './leaveUi';

/** Your balances, a new request, and your requests (submit drafts, cancel). */
export default function MyLeavePage() {
  const me = useMyEmployeeId();
  const year = new Date().getFullYear();
  const balances = useBalances(me.data, year);
  if (me.isPending) return <Skeleton height="16em" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data)
    return (
      <>
        <PageHeader title="My leave" />
        <div className="banner banner-info" role="status">
          You have no employee record linked to your account, so you cannot request leave. Ask HR to link your user to
          your employee record.
        </div>
      </>
    );
  return (
    <>
      <PageHeader
        title="My leave"
        description="Your balances and requests. Your manager approves what you submit."
        actions={<Link to="/hr/team-calendar">Team calendar</Link>}
      />
      <section className="card" aria-labelledby="mybal-h">
        <h2 id="mybal-h">Balances {year}</h2>
        {balances.isPending ? (
          <Skeleton height="4em" />
        ) : balances.isError ? (
          <ErrorState error={balances.error} onRetry={() => void balances.refetch()} />
        ) : balances.data.items.length === 0 ? (
          <p className="muted">No leave types are set up yet.</p>
        ) : (
          <ul className="hr-balances">
            {balances.data.items
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
        )}
      </section>
      <NewRequest employeeId={me.data} balances={balances.data?.items ?? []} />
      <section className="card" aria-labelledby="myreq-h">
        <h2 id="myreq-h">My requests</h2>
        <MyRequests />
      </section>
    </>
  );
}

const requestSchema = z
  .object({
    leaveTypeId: z.string().min(1, 'Choose a type of leave.'),
    startDate: z.string().min(1, 'Required.'),
    endDate: z.string().min(1, 'Required.'),
    startPortion: z.enum(['full', 'pm']),
    endPortion: z.enum(['full', 'am']),
    reason: z.string().max(1000),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ['endDate'], message: 'The end date is before the start date.' })
  .refine((v) => v.startDate.slice(0, 4) === v.endDate.slice(0, 4), {
    path: ['endDate'],
    message: 'A request stays within one calendar year; split it at 31 December.',
  })
  .refine((v) => !(v.startDate === v.endDate && v.startPortion === 'pm' && v.endPortion === 'am'), {
    path: ['endPortion'],
    message: 'On a one-day request choose the afternoon or the morning, not both.',
  });

function NewRequest({ employeeId, balances }: { employeeId: string; balances: LeaveBalance[] }) {
  const types = useLeaveTypes();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draftOnly, setDraftOnly] = useState(false);
  const form = useForm({
    initialValues: {
      leaveTypeId: '',
      startDate: todayIso(),
      endDate: todayIso(),
      startPortion: 'full',
      endPortion: 'full',
      reason: '',
    },
    schema: requestSchema,
    onSubmit: async (v) => {
      const created = await unwrap(
        api.POST('/api/v1/hr/leave/requests', {
          body: { ...v, reason: v.reason.trim() || null, submit: !draftOnly },
        }),
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.myRequests) }),
        queryClient.invalidateQueries({ queryKey: ['hr', 'balances', employeeId] }),
      ]);
      toast.success(
        created.status === 'draft'
          ? `Draft saved: ${formatDays(created.days)}. Submit it from your requests.`
          : created.status === 'approved'
            ? `Booked: ${formatDays(created.days)} (this type needs no approval).`
            : `Submitted: ${formatDays(created.days)}, waiting for your manager.`,
      );
      form.reset();
    },
  });
  const v = form.values;
  const estimate = estimateWorkingDays(v.startDate, v.endDate, v.startPortion, v.endPortion);
  const balance = balances.find((b) => b.leaveType.id === v.leaveTypeId);
  const activeTypes = (types.data?.items ?? []).filter((t) => t.active);
  return (
    <section className="card" aria-labelledby="newreq-h">
      <h2 id="newreq-h">Request leave</h2>
      <Form form={form}>
        <div className="grid-2">
          <div>
            <SelectField
              form={form}
              name="leaveTypeId"
              label="Type of leave"
              required
              placeholder="Choose…"
              options={activeTypes.map((t) => ({ value: t.id, label: `${t.name}${t.paid ? '' : ' (unpaid)'}` }))}
            />
            <DateField form={form} name="startDate" label="First day" required />
            <SelectField
              form={form}
              name="startPortion"
              label="On the first day"
              options={[
                { value: 'full', label: 'The whole day' },
                { value: 'pm', label: 'Afternoon only (half day)' },
              ]}
            />
            <DateField form={form} name="endDate" label="Last day" required />
            <SelectField
              form={form}
              name="endPortion"
              label="On the last day"
              options={[
                { value: 'full', label: 'The whole day' },
                { value: 'am', label: 'Morning only (half day)' },
              ]}
            />
          </div>
          <div>
            <TextareaField form={form} name="reason" label="Note for your manager" rows={3} />
            <div className="banner banner-info" role="status" aria-live="polite">
              {estimate === null ? (
                'Choose the dates to see how many working days this takes.'
              ) : (
                <>
                  About <strong>{formatDays(String(estimate))}</strong> (weekdays; the server also leaves out public
                  holidays of your location and shows the exact count once saved — save a draft to see it first).
                </>
              )}
              {balance && (
                <p>
                  {balance.leaveType.name}: <strong>{formatDays(balance.available)}</strong> available
                  {estimate !== null && !balance.allowNegative && estimate > Number(balance.available) && (
                    <strong className="field-error"> — more than you have left.</strong>
                  )}
                </p>
              )}
            </div>
          </div>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={form.submitting}
            onClick={() => setDraftOnly(false)}
          >
            {form.submitting && !draftOnly ? 'Submitting…' : 'Submit request'}
          </button>
          <button type="submit" className="btn" disabled={form.submitting} onClick={() => setDraftOnly(true)}>
            {form.submitting && draftOnly ? 'Saving…' : 'Save as draft'}
          </button>
        </div>
      </Form>
    </section>
  );
}

function MyRequests() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const { can } = useAuth();
  const [error, setError] = useState<unknown>(null);
  const types = useLeaveTypes();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.myRequests) }),
      queryClient.invalidateQueries({ queryKey: ['hr', 'balances'] }),
    ]);
  const act = async (r: LeaveRequest, action: 'submit' | 'cancel') => {
    if (action === 'cancel') {
      const ok = await confirm({
        title: r.status === 'draft' ? 'Discard this draft?' : 'Cancel this leave?',
        message: (
          <>
            {r.leaveType.name}, <LeaveSpan request={r} /> ({formatDays(r.days)}).{' '}
            {r.status === 'approved' ? 'The days go back to your balance; tell your manager.' : ''}
          </>
        ),
        confirmLabel: r.status === 'draft' ? 'Discard draft' : 'Cancel leave',
      });
      if (!ok) return;
    }
    setError(null);
    try {
      await unwrap(
        api.POST(`/api/v1/hr/leave/requests/{id}/${action}`, {
          params: { path: { id: r.id } },
          body: { version: r.version },
        }),
      );
      await refresh();
      toast.success(action === 'submit' ? 'Submitted for approval.' : 'Cancelled.');
    } catch (e) {
      setError(e);
    }
  };
  const today = todayIso();
  const columns: Column<LeaveRequest>[] = [
    { id: 'type', header: 'Type', alwaysVisible: true, cell: (r) => r.leaveType.name },
    { id: 'dates', header: 'Dates', sortKey: 'startDate', cell: (r) => <LeaveSpan request={r} /> },
    { id: 'days', header: 'Working days', align: 'right', cell: (r) => Number(r.days) },
    {
      id: 'status',
      header: 'Status',
      cell: (r) => (
        <span className={statusBadge(r.status)} title={r.decisionComment ?? undefined}>
          {leaveStatusLabels[r.status] ?? r.status}
        </span>
      ),
    },
    { id: 'comment', header: 'Manager’s comment', cell: (r) => r.decisionComment ?? '—' },
    { id: 'reason', header: 'Note', hiddenByDefault: true, cell: (r) => r.reason ?? '—' },
    {
      id: 'created',
      header: 'Requested',
      sortKey: 'createdAt',
      hiddenByDefault: true,
      cell: (r) => <DateText value={r.createdAt} />,
    },
    {
      id: 'actions',
      header: 'Actions',
      cell: (r) => (
        <span className="hr-actions">
          {r.status === 'draft' && (
            <button type="button" className="btn" onClick={() => void act(r, 'submit')}>
              Submit
            </button>
          )}
          {(r.status === 'draft' ||
            r.status === 'submitted' ||
            (r.status === 'approved' && (r.startDate > today || can('hr:admin')))) && (
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => void act(r, 'cancel')}
              aria-label={`Cancel ${r.leaveType.name} from ${r.startDate}`}
            >
              Cancel
            </button>
          )}
        </span>
      ),
    },
  ];
  return (
    <>
      <FormErrorBanner error={error} onReload={() => void refresh()} />
      <DataTable
        id={hrKeys.myRequests}
        caption="My requests"
        columns={columns}
        fetchPage={listFetcher('/api/v1/hr/leave/requests')}
        rowKey={(r) => r.id}
        defaultSort="-startDate"
        initialFilters={{ mine: 'true' }}
        pageSize={10}
        filters={[
          {
            name: 'status',
            label: 'Status',
            type: 'select',
            options: Object.entries(leaveStatusLabels).map(([value, label]) => ({ value, label })),
          },
          {
            name: 'leaveTypeId',
            label: 'Type',
            type: 'select',
            options: (types.data?.items ?? []).map((t) => ({ value: t.id, label: t.name })),
          },
          { name: 'from', label: 'From', type: 'date' },
          { name: 'to', label: 'To', type: 'date' },
        ]}
        emptyMessage="You have not requested any leave."
      />
    </>
  );
}
