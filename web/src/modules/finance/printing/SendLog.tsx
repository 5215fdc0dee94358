import { useQuery } from '@tanstack/react-query';
import type { Schema } from '../../../api';
import { formatDateTime, QueryState } from '../../../components';

/** One row of a send log: Finance's document sends, or another module's (a quotation's) through Finance. */
type SendEntry = Pick<
  Schema<'DocumentSend'>,
  'id' | 'to' | 'cc' | 'subject' | 'status' | 'mailStatus' | 'error' | 'sentByEmail' | 'createdAt'
> &
  Partial<Pick<Schema<'DocumentSend'>, 'periodFrom' | 'periodTo'>>;
type SendList = { items: readonly SendEntry[] };

const STATE: Record<string, string> = {
  queued: 'Preparing the PDF',
  sent: 'Queued for delivery',
  failed: 'Failed',
};

/** Who sent the document (or statement) to whom and when, and whether the mail left. */
export function SendLog({ queryKey, load }: { queryKey: readonly unknown[]; load: () => Promise<SendList> }) {
  const log = useQuery({
    queryKey,
    queryFn: load,
    // While a send is on its way, look again every two seconds.
    refetchInterval: (q) =>
      q.state.data?.items.some((s) => s.status !== 'failed' && s.mailStatus !== 'succeeded') ? 2000 : false,
  });
  return (
    <QueryState query={log} height="3em">
      {(data) =>
        data.items.length === 0 ? (
          <p className="muted">Not sent by email yet.</p>
        ) : (
          <div className="table-scroll">
            <table aria-label="Send log">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">By</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((s) => (
                  <tr key={s.id}>
                    <td>{formatDateTime(s.createdAt)}</td>
                    <td>{s.sentByEmail ?? '—'}</td>
                    <td>{[...s.to, ...s.cc.map((c) => `cc ${c}`)].join(', ')}</td>
                    <td>
                      {s.subject}
                      {s.periodFrom && (
                        <span className="muted">
                          {' '}
                          ({s.periodFrom} – {s.periodTo})
                        </span>
                      )}
                    </td>
                    <td title={s.error ?? undefined}>
                      {s.status === 'sent' && s.mailStatus === 'succeeded' ? 'Sent' : (STATE[s.status] ?? s.status)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </QueryState>
  );
}
