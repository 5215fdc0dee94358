import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../../api';
import { DateText, Money, QueryState } from '../../../components';

/** What a refund settled: the credit note / vendor credit or the payment it took back (and undoings). */
export function RefundSettles({ id, currency, version }: { id: string; currency: string; version: number }) {
  const refund = useQuery({
    queryKey: ['finance', 'refund', id, version],
    queryFn: () => unwrap(api.GET('/api/v1/finance/refunds/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={refund} height="4em">
      {(r) => (
        <table aria-label="Refunded">
          <thead>
            <tr>
              <th scope="col">Refunded</th>
              <th scope="col">Date</th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {r.settles.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.paymentId ? (
                    <Link to={`/finance/payments/${s.paymentId}`}>{s.sourceNumber}</Link>
                  ) : (
                    <Link
                      to={`/finance/${r.direction === 'made' ? 'credit-notes' : 'vendor-credits'}/${s.creditDocumentId}`}
                    >
                      {s.sourceNumber}
                    </Link>
                  )}
                  {s.reversesAllocationId && ' · given back'}
                </td>
                <td>
                  <DateText value={s.date} />
                </td>
                <td className="num">
                  <Money amount={s.amount} currency={currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </QueryState>
  );
}
