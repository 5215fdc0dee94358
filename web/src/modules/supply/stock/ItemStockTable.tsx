import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api';
import { QueryState } from '../../../components';
import { qty, supplyKeys, useLocations } from '../queries';

/** An item's on hand, reserved and available per location and lot (the same query as the item page). */
export function ItemStockTable({ itemId, locationId }: { itemId: string; locationId?: string }) {
  const { nameOfLocation } = useLocations();
  const stock = useQuery({
    queryKey: supplyKeys.itemStock(itemId),
    queryFn: () => unwrap(api.GET('/api/v1/supply/stock/on-hand', { params: { query: { itemId } } })),
  });
  return (
    <QueryState query={stock}>
      {(s) => {
        const rows = locationId ? s.items.filter((r) => r.locationId === locationId) : s.items;
        return rows.length === 0 ? (
          <p className="muted">No stock.</p>
        ) : (
          <div className="table-scroll">
            <table aria-label="Stock by location">
              <thead>
                <tr>
                  <th scope="col">Location</th>
                  <th scope="col">Lot</th>
                  <th scope="col" className="num">
                    On hand
                  </th>
                  <th scope="col" className="num">
                    Reserved
                  </th>
                  <th scope="col" className="num">
                    Available
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.locationId}-${r.lotId ?? ''}`}>
                    <td>{nameOfLocation(r.locationId)}</td>
                    <td>{r.lotCode ?? '—'}</td>
                    <td className="num">{qty(r.onHand)}</td>
                    <td className="num">{qty(r.reserved)}</td>
                    <td className="num">{qty(r.available)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      }}
    </QueryState>
  );
}
