import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api';
import { EmptyState, formatDateTime, PageHeader, Pager, QueryState, useAuth, useToast } from '../../components';

export const mailKeys = {
  outbox: (cursor: string | undefined) => ['mail', 'outbox', cursor ?? null] as const,
  message: (id: string) => ['mail', 'message', id] as const,
};

/**
 * The local outbox: mail MOMS wrote to `.moms/mail/*.eml` instead of sending (MAIL_TRANSPORT=local).
 * On AWS (SES) the API answers 404 with an explanation, which this page shows.
 */
export default function MailOutboxPage() {
  const { can } = useAuth();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const outbox = useQuery({
    queryKey: mailKeys.outbox(cursor),
    queryFn: () =>
      unwrap(api.GET('/api/v1/mail/outbox', { params: { query: { limit: 25, ...(cursor ? { cursor } : {}) } } })),
    refetchInterval: 5000,
  });
  const sendTest = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/mail/test', { body: {} })),
    onSuccess: () => {
      toast.success('Test message queued: it appears here once the send job has run.');
      void queryClient.invalidateQueries({ queryKey: ['mail', 'outbox'] });
    },
    onError: (error) => toast.error(error),
  });
  return (
    <>
      <PageHeader
        title="Mail outbox"
        description="Mail written to the local outbox (.moms/mail) instead of being sent. Newest first."
        actions={
          can('mail:send-test') && (
            <button type="button" className="btn" disabled={sendTest.isPending} onClick={() => sendTest.mutate()}>
              Send a test message to me
            </button>
          )
        }
      />
      <QueryState query={outbox} height="10em">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No mail yet">Messages MOMS sends appear here.</EmptyState>
          ) : (
            <>
              <div className="table-scroll">
                <table aria-label="Mail outbox">
                  <thead>
                    <tr>
                      <th scope="col">Sent</th>
                      <th scope="col">Subject</th>
                      <th scope="col">To</th>
                      <th scope="col">Attachments</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((m) => (
                      <tr key={m.id}>
                        <td>{formatDateTime(m.sentAt)}</td>
                        <td>
                          <Link to={`/admin/mail/${m.id}`}>{m.subject || '(no subject)'}</Link>
                        </td>
                        <td className="wrap">{[...m.to, ...m.cc].join(', ')}</td>
                        <td>{m.attachmentCount || ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                label="Outbox pages"
                cursors={cursors}
                setCursors={setCursors}
                nextCursor={page.nextCursor}
                busy={outbox.isFetching}
              />
            </>
          )
        }
      </QueryState>
    </>
  );
}
