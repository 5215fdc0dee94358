import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { Dialog, FormErrorBanner, useToast } from '../../../components';
import { compareDecimals, isZero } from '../../../components/decimal';
import { QTY } from '../orderLines';
import { qty, type Delivery, type SalesOrder } from '../queries';
import '../supply.css';

/** Deliver a sales order: a quantity per line (default: what is reserved for it); the rest stays a backorder. */
export function DeliverDialog({
  order,
  onClose,
  onDelivered,
}: {
  order: SalesOrder;
  onClose: () => void;
  onDelivered: (delivery: Delivery) => Promise<void>;
}) {
  const toast = useToast();
  const [quantities, setQuantities] = useState<string[]>(() =>
    order.lines.map((l) =>
      qty(compareDecimals(l.reservedQuantity, l.backorderQuantity) < 0 ? l.reservedQuantity : l.backorderQuantity),
    ),
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const bad = quantities.findIndex((q) => q !== '' && !QTY.test(q));
    if (bad >= 0) return setError(new Error(`Line ${bad + 1}: a quantity like 10 or 2.5.`));
    const lines = order.lines
      .map((l, i) => ({ orderLineId: l.id, quantity: quantities[i] ?? '' }))
      .filter((l) => l.quantity !== '' && !isZero(l.quantity));
    if (lines.length === 0) return setError(new Error('Enter a quantity on at least one line.'));
    setBusy(true);
    setError(null);
    try {
      const delivery = await unwrap(
        api.POST('/api/v1/supply/sales-orders/{id}/deliveries', {
          params: { path: { id: order.id } },
          body: { lines },
        }),
      );
      toast.success(`Delivery ${delivery.number} done.`);
      await onDelivered(delivery);
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      title={`Deliver ${order.number}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void submit()}>
            {busy ? 'Delivering…' : 'Deliver'}
          </button>
        </>
      }
    >
      <FormErrorBanner error={error} />
      <div className="table-scroll supply-lines">
        <table aria-label="Quantities to deliver">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                Still to deliver
              </th>
              <th scope="col" className="num">
                Reserved
              </th>
              <th scope="col" className="num">
                Deliver now
              </th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((l, i) => (
              <tr key={l.id}>
                <td>{l.sku}</td>
                <td className="num">{qty(l.backorderQuantity)}</td>
                <td className="num">{qty(l.reservedQuantity)}</td>
                <td className="num">
                  <input
                    aria-label={`Deliver now, ${l.sku}`}
                    inputMode="decimal"
                    value={quantities[i] ?? ''}
                    onChange={(e) => setQuantities(quantities.map((q, j) => (j === i ? e.target.value.trim() : q)))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}
