import { useQueries } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../../api';
import { sumDecimals } from '../../../components/decimal';
import { Amount } from '../Amount';
import { qty, useLocations, type Count } from '../queries';

/** Items whose ledger is read for a posted count's moves (the rest: see each item's ledger). */
const MAX_ITEMS = 25;

/**
 * What posting a count did: its `count` moves (gains in, losses out) with their value and journal
 * entry, read from the ledger of each counted item (the latest 100 moves of each).
 */
export function CountPostings({ count, skuOf }: { count: Count; skuOf: (itemId: string) => string }) {
  const { nameOfLocation } = useLocations();
  const itemIds = [...new Set(count.lines.map((l) => l.itemId))].slice(0, MAX_ITEMS);
  const ledgers = useQueries({
    queries: itemIds.map((itemId) => ({
      queryKey: ['supply', 'item', itemId, 'ledger', 'latest'],
      queryFn: () =>
        unwrap(api.GET('/api/v1/supply/stock/ledger', { params: { query: { itemId, sort: '-seq', limit: 100 } } })),
    })),
  });
  if (ledgers.some((l) => l.isPending)) return <p className="muted">Loading the adjustments…</p>;
  const failed = ledgers.find((l) => l.isError);
  if (failed) return <p className="banner banner-error">The adjustments could not be loaded.</p>;
  const moves = ledgers
    .flatMap((l, i) => (l.data?.items ?? []).map((m) => ({ ...m, itemId: itemIds[i]! })))
    .filter((m) => m.sourceType === 'count' && m.sourceId === count.id)
    .reverse();
  const total = sumDecimals(
    moves.map((m) => m.value),
    2,
  );
  return (
    <section className="card">
      <h2>Adjustments posted</h2>
      {moves.length === 0 ? (
        <p className="muted">The counted quantities matched the stock: nothing was adjusted.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Adjustments posted">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Location</th>
                <th scope="col">Change</th>
                <th scope="col" className="num">
                  Quantity
                </th>
                <th scope="col" className="num">
                  Value
                </th>
                <th scope="col">Journal entry</th>
              </tr>
            </thead>
            <tbody>
              {moves.map((m) => {
                const gain = m.toLocationId !== null;
                return (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/supply/items/${m.itemId}`}>{skuOf(m.itemId)}</Link>
                    </td>
                    <td>{nameOfLocation(gain ? m.toLocationId : m.fromLocationId)}</td>
                    <td>{gain ? 'gain' : 'loss'}</td>
                    <td className="num">{qty(m.quantity)}</td>
                    <td className="num">
                      <Amount amount={m.value} />
                    </td>
                    <td>{m.journalEntryId ? <Link to={`/finance/journal/${m.journalEntryId}`}>Entry</Link> : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  Change in stock value
                </th>
                <td className="num" data-testid="count-value">
                  <Amount amount={total} />
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
