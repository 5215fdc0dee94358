import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { DateText, PageHeader, QueryState, useAuth } from '../../../components';
import { qty, supplyKeys, useLocations, type Item } from '../queries';
import { LedgerTable } from '../stock/LedgerTable';
import { AdjustDialog } from './AdjustDialog';
import '../supply.css';

export default function ItemPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const item = useQuery({
    queryKey: supplyKeys.item(id),
    queryFn: () => unwrap(api.GET('/api/v1/supply/items/{id}', { params: { path: { id } } })),
  });
  return <QueryState query={item}>{(i) => <ItemView item={i} />}</QueryState>;
}

function ItemView({ item }: { item: Item }) {
  const { can } = useAuth();
  const [adjusting, setAdjusting] = useState(false);
  const stock = useQuery({
    queryKey: supplyKeys.itemStock(item.id),
    queryFn: () => unwrap(api.GET('/api/v1/supply/stock/on-hand', { params: { query: { itemId: item.id } } })),
  });
  const { nameOfLocation: locationName } = useLocations();
  return (
    <>
      <PageHeader
        title={`${item.sku} — ${item.name}`}
        description={`${item.type} · ${item.uom}${item.category ? ` · ${item.category}` : ''}`}
        actions={
          can('supply:write') && item.type !== 'service' ? (
            <button type="button" className="btn" onClick={() => setAdjusting(true)}>
              Adjust stock
            </button>
          ) : undefined
        }
      />
      <div className="grid-2">
        <section className="card">
          <h2>Details</h2>
          <dl className="supply-dl">
            <dt>On hand</dt>
            <dd data-testid="item-on-hand">
              {qty(item.onHand)} {item.uom}
            </dd>
            <dt>Available</dt>
            <dd data-testid="item-available">
              {qty(item.available)} {item.uom}
            </dd>
            <dt>Tracking</dt>
            <dd>{item.tracking}</dd>
            <dt>Barcode</dt>
            <dd>{item.barcode ?? '—'}</dd>
            <dt>Negative stock</dt>
            <dd>{item.allowNegative ? 'Allowed' : 'Not allowed'}</dd>
            <dt>Units</dt>
            <dd>
              {item.units.length ? item.units.map((u) => `${u.unit} = ${qty(u.factor)} ${item.uom}`).join(', ') : '—'}
            </dd>
          </dl>
        </section>
        <section className="card">
          <h2>Stock by location</h2>
          <QueryState query={stock}>
            {(s) =>
              s.items.length === 0 ? (
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
                      {s.items.map((r) => (
                        <tr key={`${r.locationId}-${r.lotId ?? ''}`}>
                          <td>{locationName(r.locationId)}</td>
                          <td>
                            {r.lotCode ?? '—'}
                            {r.expiryDate ? (
                              <>
                                {' '}
                                (expires <DateText value={r.expiryDate} />)
                              </>
                            ) : null}
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
        </section>
      </div>
      <h2>Stock ledger</h2>
      <LedgerTable itemId={item.id} />
      {adjusting && <AdjustDialog item={item} onClose={() => setAdjusting(false)} />}
    </>
  );
}
