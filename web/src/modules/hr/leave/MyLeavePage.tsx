import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { api, errorMessage, listFetcher, unwrap } from '../../../api';
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
  Spinner,
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
  type LeaveRequest,
} from '../queries';
import '../hr.css';
import { LeaveSpan, leaveStatusLabels } from './leaveUi';

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
      <NewRequest employeeId={me.data} />
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

function NewRequest({ employeeId }: { employeeId: string }) {
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
        queryClient.invalidateQueries({ queryKey: hrKeys.leavePreview }),
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
            <RequestPreview
              values={v}
              typeName={activeTypes.find((t) => t.id === v.leaveTypeId)?.name ?? 'This type'}
            />
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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `value`, once it has stopped changing for `ms` (a string, so that equal values compare equal). */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

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
function RequestPreview({ values, typeName }: { values: PreviewValues; typeName: string }) {
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
      queryClient.invalidateQueries({ queryKey: hrKeys.leavePreview }),
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
        fixedFilters={{ mine: 'true' }}
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
