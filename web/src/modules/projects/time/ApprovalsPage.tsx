import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, errorMessage, unwrap } from '../../../api';
import { Dialog, EmptyState, PageHeader, QueryState, useToast } from '../../../components';
import type { Timesheet } from '../queries';

const KEY = ['projects', 'approvals'] as const;

/** Submitted weeks of the projects I manage: approve, or reject with a comment (reopens the week). */
export default function ApprovalsPage() {
  const sheets = useQuery({
    queryKey: KEY,
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects/timesheets', { params: { query: { toApprove: 'true', limit: 100 } } })),
  });
  return (
    <>
      <PageHeader title="Timesheet approvals" description="Weeks submitted in the projects you manage." />
      <QueryState query={sheets}>
        {(s) =>
          s.items.length === 0 ? (
            <EmptyState title="Nothing waits for your approval" />
          ) : (
            <table>
              <caption className="visually-hidden">Timesheets to approve</caption>
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col">Person</th>
                  <th scope="col">Week</th>
                  <th scope="col" className="num">
                    Hours
                  </th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {s.items.map((t) => (
                  <SheetRow key={t.id} sheet={t} />
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </>
  );
}

function SheetRow({ sheet: t }: { sheet: Timesheet }) {
  const uid = useId();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  const who = `${t.userName ?? 'someone'}’s week of ${t.weekStart}`;
  const decide = useMutation({
    mutationFn: (action: 'approve' | 'reject') =>
      action === 'approve'
        ? unwrap(
            api.POST('/api/v1/projects/timesheets/{id}/approve', {
              params: { path: { id: t.id } },
              body: { version: t.version },
            }),
          )
        : unwrap(
            api.POST('/api/v1/projects/timesheets/{id}/reject', {
              params: { path: { id: t.id } },
              body: { version: t.version, comment },
            }),
          ),
    onSuccess: (_s, action) => {
      setRejecting(false);
      toast.success(action === 'approve' ? `Approved ${who}.` : `Rejected ${who}.`);
    },
    onError: (e) => toast.error(errorMessage(e)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
  return (
    <tr>
      <td>{t.projectCode}</td>
      <td>{t.userName ?? t.userId}</td>
      <td>{t.weekStart}</td>
      <td className="num">{t.totalHours}</td>
      <td>
        {t.canApprove && (
          <>
            <button
              type="button"
              className="btn btn-primary"
              aria-label={`Approve ${who}`}
              disabled={decide.isPending}
              onClick={() => decide.mutate('approve')}
            >
              Approve
            </button>{' '}
            <button
              type="button"
              className="btn"
              aria-label={`Reject ${who}`}
              disabled={decide.isPending}
              onClick={() => setRejecting(true)}
            >
              Reject
            </button>
          </>
        )}
        <Dialog
          open={rejecting}
          title={`Reject ${who}?`}
          onClose={() => setRejecting(false)}
          footer={
            <button type="button" className="btn btn-danger" onClick={() => decide.mutate('reject')}>
              Reject
            </button>
          }
        >
          <label htmlFor={`${uid}-c`}>Why (the person sees it)</label>
          <textarea id={`${uid}-c`} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Dialog>
      </td>
    </tr>
  );
}
