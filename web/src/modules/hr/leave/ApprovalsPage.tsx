import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, listFetcher, unwrap } from '../../../api';
import {
  ConflictNotice,
  DataTable,
  DateText,
  Dialog,
  Form,
  FormErrorBanner,
  listQueryKey,
  PageHeader,
  TextareaField,
  useForm,
  useToast,
  type Column,
} from '../../../components';
import { formatDays, hrKeys, type LeaveRequest } from '../queries';
import { PersonLink } from '../ui';
import { LeaveSpan } from './leaveUi';

/** Submitted requests of your reports: approve, or reject with a comment. */
export default function ApprovalsPage() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [error, setError] = useState<unknown>(null);
  const [rejecting, setRejecting] = useState<LeaveRequest | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.approvals) }),
      queryClient.invalidateQueries({ queryKey: ['hr', 'approvals-widget'] }),
      queryClient.invalidateQueries({ queryKey: ['hr', 'balances'] }),
    ]);
  const approve = async (r: LeaveRequest) => {
    setError(null);
    setBusy(r.id);
    try {
      await unwrap(
        api.POST('/api/v1/hr/leave/requests/{id}/approve', {
          params: { path: { id: r.id } },
          body: { version: r.version },
        }),
      );
      await refresh();
      toast.success(`Approved ${r.employee.firstName} ${r.employee.lastName}’s ${r.leaveType.name.toLowerCase()}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const columns: Column<LeaveRequest>[] = [
    {
      id: 'employee',
      header: 'Employee',
      alwaysVisible: true,
      cell: (r) => <PersonLink id={r.employee.id} firstName={r.employee.firstName} lastName={r.employee.lastName} />,
    },
    { id: 'type', header: 'Type', cell: (r) => r.leaveType.name },
    { id: 'dates', header: 'Dates', sortKey: 'startDate', cell: (r) => <LeaveSpan request={r} /> },
    { id: 'days', header: 'Working days', align: 'right', cell: (r) => Number(r.days) },
    { id: 'reason', header: 'Note', cell: (r) => r.reason ?? <span className="muted">—</span> },
    {
      id: 'submitted',
      header: 'Submitted',
      sortKey: 'createdAt',
      cell: (r) => <DateText value={r.submittedAt} withTime />,
    },
    {
      id: 'actions',
      header: 'Decision',
      alwaysVisible: true,
      cell: (r) => {
        const who = `${r.employee.firstName} ${r.employee.lastName}`;
        return (
          <span className="hr-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy === r.id}
              aria-busy={busy === r.id}
              onClick={() => void approve(r)}
              aria-label={`Approve ${who}, ${r.startDate}`}
            >
              Approve
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => setRejecting(r)}
              aria-label={`Reject ${who}, ${r.startDate}`}
            >
              Reject
            </button>
          </span>
        );
      },
    },
  ];
  return (
    <>
      <PageHeader
        title="Leave approvals"
        description="Requests waiting for your decision: from your reports, and from people further down whose managers cannot approve in MOMS."
        actions={<Link to="/hr/team-calendar">Team calendar</Link>}
      />
      <ConflictNotice error={error} onReload={() => void refresh()} />
      {!(error && (error as { status?: number }).status === 409) && <FormErrorBanner error={error} />}
      <DataTable
        id={hrKeys.approvals}
        caption="Waiting for approval"
        columns={columns}
        fetchPage={listFetcher('/api/v1/hr/leave/approvals')}
        rowKey={(r) => r.id}
        defaultSort="startDate"
        emptyMessage="Nothing is waiting for you."
      />
      {rejecting && (
        <RejectDialog
          request={rejecting}
          onClose={() => setRejecting(null)}
          onDone={async () => {
            setRejecting(null);
            await refresh();
          }}
        />
      )}
    </>
  );
}

const rejectSchema = z.object({ comment: z.string().trim().min(1, 'Say why, for the requester.').max(1000) });

function RejectDialog({
  request,
  onClose,
  onDone,
}: {
  request: LeaveRequest;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const toast = useToast();
  const who = `${request.employee.firstName} ${request.employee.lastName}`;
  const form = useForm({
    initialValues: { comment: '' },
    schema: rejectSchema,
    onSubmit: async ({ comment }) => {
      await unwrap(
        api.POST('/api/v1/hr/leave/requests/{id}/reject', {
          params: { path: { id: request.id } },
          body: { version: request.version, comment },
        }),
      );
      toast.success(`Rejected ${who}’s request.`);
      await onDone();
    },
  });
  return (
    <Dialog open title={`Reject ${who}’s request?`} onClose={onClose}>
      <Form form={form} onReload={() => void onDone()}>
        <p>
          {request.leaveType.name}, <LeaveSpan request={request} /> ({formatDays(request.days)}).
        </p>
        <TextareaField form={form} name="comment" label="Comment for the requester" required rows={3} />
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={form.submitting}>
            {form.submitting ? 'Rejecting…' : 'Reject request'}
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
