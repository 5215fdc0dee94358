import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { DateText, QueryState, useAuth } from '../../../components';
import { compareDecimals, subDecimals } from '../../../components/decimal';
import { qty, supplyKeys, type PurchaseOrder, type Receipt } from '../queries';
import { BillDialog } from './BillDialog';
import { SupplierReturnDialog } from './SupplierReturnDialog';

/** What is received and not yet billed or returned on a receipt line. */
export const unbilled = (l: Receipt['lines'][number]) =>
  subDecimals(subDecimals(l.quantity, l.billedQuantity, 4), l.returnedQuantity, 4);

/** The order's receipts and returns; each receipt with open quantities can be billed. */
export function ReceiptsPanel({ order, onChanged }: { order: PurchaseOrder; onChanged: () => Promise<void> }) {
  const { can } = useAuth();
  const [billing, setBilling] = useState<Receipt | null>(null);
  const [returning, setReturning] = useState<Receipt | null>(null);
  const receipts = useQuery({
    queryKey: supplyKeys.receipts(order.id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/supply/purchase-orders/{id}/receipts', { params: { path: { id: order.id } } })),
  });
  const sku = (orderLineId: string) => order.lines.find((l) => l.id === orderLineId)?.sku ?? '…';
  return (
    <section className="card">
      <h2>Receipts</h2>
      <QueryState query={receipts}>
        {(r) =>
          r.items.length === 0 ? (
            <p className="muted">Nothing received yet.</p>
          ) : (
            <div className="table-scroll">
              <table aria-label="Receipts">
                <thead>
                  <tr>
                    <th scope="col">Receipt</th>
                    <th scope="col">Date</th>
                    <th scope="col">Lines</th>
                    <th scope="col">Bill</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {r.items.map((rc) => {
                    const open = rc.kind === 'receipt' && rc.lines.some((l) => compareDecimals(unbilled(l), '0') > 0);
                    return (
                      <tr key={rc.id}>
                        <td>
                          {rc.number}
                          {rc.kind === 'return' && ' (return)'}
                        </td>
                        <td>
                          <DateText value={rc.date} />
                        </td>
                        <td>
                          {rc.lines
                            .map(
                              (l) =>
                                `${sku(l.orderLineId)} × ${qty(l.quantity)}` +
                                (compareDecimals(l.billedQuantity, '0') > 0
                                  ? ` (billed ${qty(l.billedQuantity)})`
                                  : ''),
                            )
                            .join(', ')}
                        </td>
                        <td>
                          {rc.billId ? (
                            <Link to={`/finance/bills/${rc.billId}`}>View bill</Link>
                          ) : (
                            <span className="muted">—</span>
                          )}
                        </td>
                        <td>
                          {open && can('supply:write') && (
                            <>
                              <button type="button" className="btn" onClick={() => setBilling(rc)}>
                                Bill this receipt
                              </button>{' '}
                              <button type="button" className="btn" onClick={() => setReturning(rc)}>
                                Return to supplier
                              </button>
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      {returning && (
        <SupplierReturnDialog
          order={order}
          receipt={returning}
          onClose={() => setReturning(null)}
          onReturned={async () => {
            await receipts.refetch();
            await onChanged();
          }}
        />
      )}
      {billing && (
        <BillDialog
          order={order}
          receipt={billing}
          onClose={() => setBilling(null)}
          onBilled={async () => {
            await receipts.refetch();
            await onChanged();
          }}
        />
      )}
    </section>
  );
}
