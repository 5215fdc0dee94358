import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../../api';
import { DateText, QueryState, formatMoney } from '../../../components';
import { termsKeys } from './termsQueries';

/** An invoice's or bill's instalments: due dates, amounts, what is paid and open on each (oldest first). */
export function InstalmentSchedule({
  kind,
  documentId,
  stamp,
}: {
  kind: 'invoice' | 'bill';
  documentId: string;
  /** Changes whenever the document does (version, status, allocated): the schedule is fetched again. */
  stamp: string;
}) {
  const path =
    kind === 'invoice' ? '/api/v1/finance/invoices/{id}/instalments' : '/api/v1/finance/bills/{id}/instalments';
  const schedule = useQuery({
    queryKey: termsKeys.instalments(documentId, stamp),
    queryFn: () => unwrap(api.GET(path, { params: { path: { id: documentId } } })),
  });
  return (
    <section className="card" aria-labelledby="doc-instalments-h">
      <h2 id="doc-instalments-h">Instalments</h2>
      <QueryState query={schedule} height="4em">
        {(s) => (
          <div className="table-scroll">
            <table aria-label="Instalment schedule">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Due</th>
                  <th scope="col" className="num">
                    Share
                  </th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col" className="num">
                    Paid
                  </th>
                  <th scope="col" className="num">
                    Open
                  </th>
                  <th scope="col">Early-payment discount</th>
                </tr>
              </thead>
              <tbody>
                {s.instalments.map((i) => (
                  <tr key={i.seq} className={i.overdue ? 'overdue' : undefined}>
                    <td>{i.seq}</td>
                    <td>
                      <DateText value={i.dueDate} />
                      {i.overdue && <span className="badge badge-danger"> overdue</span>}
                    </td>
                    <td className="num">{i.percent} %</td>
                    <td className="num">{formatMoney(i.amount, s.currency)}</td>
                    <td className="num">{formatMoney(i.paid, s.currency)}</td>
                    <td className="num">{formatMoney(i.open, s.currency)}</td>
                    <td>
                      {i.discountUntil ? (
                        <>
                          {formatMoney(i.discountAmount, s.currency)} until <DateText value={i.discountUntil} />
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      {kind === 'invoice' && <InvoiceReminders documentId={documentId} stamp={stamp} />}
    </section>
  );
}

/** The reminders proposed and sent for an invoice (the emails themselves are in its send log). */
function InvoiceReminders({ documentId, stamp }: { documentId: string; stamp: string }) {
  const reminders = useQuery({
    queryKey: [...termsKeys.reminders('all'), documentId, stamp],
    queryFn: () => unwrap(api.GET('/api/v1/finance/reminders', { params: { query: { documentId, limit: 50 } } })),
  });
  const items = reminders.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <>
      <h3>Reminders</h3>
      <ul aria-label="Reminders of this invoice">
        {items.map((r) => (
          <li key={r.id}>
            Level {r.level} ({r.levelName}), {r.daysOverdue} days overdue, proposed <DateText value={r.proposedOn} />:{' '}
            {r.status}
            {r.sentAt && (
              <>
                {' '}
                <DateText value={r.sentAt} withTime />
              </>
            )}
            {r.feeDocumentId && (
              <>
                {' '}
                — <Link to={`/finance/invoices/${r.feeDocumentId}`}>fee invoice</Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
