import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { Dialog, FormErrorBanner, useToast } from '../../../components';
import { compareDecimals, isZero, subDecimals } from '../../../components/decimal';
import { QTY } from '../orderLines';
import { qty, useItemChoices, type PurchaseOrder } from '../queries';
import '../supply.css';

interface Row {
  orderLineId: string;
  quantity: string;
  lotCode: string;
}

/** Receive an order's goods: a quantity per line (default: what is still open), partial allowed. */
export function ReceiveDialog({
  order,
  onClose,
  onReceived,
}: {
  order: PurchaseOrder;
  onClose: () => void;
  onReceived: () => Promise<void>;
}) {
  const toast = useToast();
  const items = useItemChoices();
  const open = (l: PurchaseOrder['lines'][number]) => {
    const left = subDecimals(l.quantity, l.receivedQuantity, 4);
    return compareDecimals(left, '0') > 0 ? qty(left) : '0';
  };
  const [rows, setRows] = useState<Row[]>(() =>
    order.lines.map((l) => ({ orderLineId: l.id, quantity: open(l), lotCode: '' })),
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [date, setDate] = useState('');
  const tracking = (itemId: string) => items.data?.find((i) => i.id === itemId)?.tracking ?? 'none';
  const submit = async () => {
    const bad = rows.findIndex((r) => r.quantity !== '' && !QTY.test(r.quantity));
    if (bad >= 0) {
      setError(new Error(`Line ${bad + 1}: a quantity like 10 or 2.5.`));
      return;
    }
    const lines = rows
      .filter((r) => r.quantity !== '' && !isZero(r.quantity))
      .map((r) => ({ orderLineId: r.orderLineId, quantity: r.quantity, ...(r.lotCode ? { lotCode: r.lotCode } : {}) }));
    if (lines.length === 0) {
      setError(new Error('Enter a quantity on at least one line.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const receipt = await unwrap(
        api.POST('/api/v1/supply/purchase-orders/{id}/receipts', {
          params: { path: { id: order.id } },
          body: { lines, ...(date ? { date } : {}) },
        }),
      );
      toast.success(`Receipt ${receipt.number} recorded.`);
      await onReceived();
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
      title={`Receive ${order.number}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void submit()}>
            {busy ? 'Receiving…' : 'Record receipt'}
          </button>
        </>
      }
    >
      <FormErrorBanner error={error} />
      <div className="field">
        <label htmlFor="receive-date">Date</label>
        <input id="receive-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <p className="field-hint">Default: today</p>
      </div>
      <div className="table-scroll supply-lines">
        <table aria-label="Quantities to receive">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                Ordered
              </th>
              <th scope="col" className="num">
                Received
              </th>
              <th scope="col" className="num">
                Receive now
              </th>
              <th scope="col">Lot / serial</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((l, i) => (
              <tr key={l.id}>
                <td>{l.sku}</td>
                <td className="num">{qty(l.quantity)}</td>
                <td className="num">{qty(l.receivedQuantity)}</td>
                <td className="num">
                  <input
                    aria-label={`Receive now, ${l.sku}`}
                    inputMode="decimal"
                    value={rows[i]!.quantity}
                    onChange={(e) =>
                      setRows(rows.map((r, j) => (j === i ? { ...r, quantity: e.target.value.trim() } : r)))
                    }
                  />
                </td>
                <td>
                  {tracking(l.itemId) !== 'none' ? (
                    <input
                      aria-label={`Lot, ${l.sku}`}
                      value={rows[i]!.lotCode}
                      onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, lotCode: e.target.value } : r)))}
                    />
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}
