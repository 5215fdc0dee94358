import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { DateText, PageHeader, QueryState } from '../../../components';
import { qty, useWarehouses } from '../queries';
import '../supply.css';

/** Stock on hand in one warehouse (or all): per item, location and lot, with reserved and available. */
export default function OnHandPage() {
  const warehouses = useWarehouses();
  const [warehouseId, setWarehouseId] = useState('');
  const stock = useQuery({
    queryKey: ['supply', 'on-hand', warehouseId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/supply/stock/on-hand', { params: { query: warehouseId ? { warehouseId } : {} } })),
  });
  const location = (id: string) => {
    for (const w of warehouses.data ?? []) {
      const l = w.locations.find((x) => x.id === id);
      if (l) return `${w.code} / ${l.code}`;
    }
    return '…';
  };
  return (
    <>
      <PageHeader title="Stock on hand" description="Available is on hand less what is reserved for orders." />
      <div className="field supply-filter">
        <label htmlFor="onhand-warehouse">Warehouse</label>
        <select id="onhand-warehouse" value={warehouseId} onChange={(e) => setWarehouseId(e.target.value)}>
          <option value="">All warehouses</option>
          {(warehouses.data ?? []).map((w) => (
            <option key={w.id} value={w.id}>
              {w.code} — {w.name}
            </option>
          ))}
        </select>
      </div>
      <QueryState query={stock}>
        {(s) =>
          s.items.length === 0 ? (
            <p className="muted">No stock.</p>
          ) : (
            <div className="table-scroll">
              <table aria-label="Stock on hand">
                <thead>
                  <tr>
                    <th scope="col">Item</th>
                    <th scope="col">Location</th>
                    <th scope="col">Lot</th>
                    <th scope="col">Expiry</th>
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
                  {s.items.map((r) => (
                    <tr key={`${r.itemId}-${r.locationId}-${r.lotId ?? ''}`}>
                      <td>
                        <Link to={`/supply/items/${r.itemId}`}>{r.sku}</Link>
                      </td>
                      <td>{location(r.locationId)}</td>
                      <td>{r.lotCode ?? '—'}</td>
                      <td>
                        <DateText value={r.expiryDate} />
                      </td>
                      <td className="num">{qty(r.onHand)}</td>
                      <td className="num">{qty(r.reserved)}</td>
                      <td className="num">{qty(r.available)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
