import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, listFetcher, unwrap } from '../../../api';
import {
  DataTable,
  DateText,
  FormErrorBanner,
  listQueryKey,
  useAuth,
  useConfirm,
  useToast,
  type Column,
} from '../../../components';
import { formatDays, hrKeys, statusBadge, todayIso, useLeaveTypes, type LeaveRequest } from '../queries';
import { approverText, LeaveSpan, leaveStatusLabels } from './leaveUi';

/** Your requests, newest first: submit a draft, cancel (a draft, a waiting request, or approved leave not yet started). */
export function MyRequests() {
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
        <>
          <span className={statusBadge(r.status)} title={r.decisionComment ?? undefined}>
            {leaveStatusLabels[r.status] ?? r.status}
          </span>
          {r.approver && <span className="muted"> {approverText(r.approver)}</span>}
        </>
      ),
    },
    { id: 'comment', header: 'Approver’s comment', cell: (r) => r.decisionComment ?? '—' },
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
