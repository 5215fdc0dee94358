import { useState, type ReactNode } from 'react';
import { Dialog, FormErrorBanner, useToast } from '../../components';
import { compareDecimals, isZero } from '../../components/decimal';
import { useIdempotencyKey } from './idempotency';
import { QTY } from './orderLines';
import { qty } from './queries';
import './supply.css';

export interface ReturnLine {
  id: string;
  /** e.g. the SKU (and lot): names the line's input. */
  label: string;
  /** What the original document moved, and at most what may go back ('' = not known here). */
  moved: string;
  max: string;
}

export interface ReturnInput {
  date: string;
  reason: string;
  lines: { id: string; quantity: string }[];
  headers: () => Record<string, string>;
}

/**
 * Return goods of a delivery (from the customer) or a receipt (to the supplier): a quantity per line
 * (empty: nothing), a reason and a date. `onSubmit` sends it and returns the toast's text.
 */
export function ReturnDialog({
  title,
  lines,
  defaultReason,
  submitLabel,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  lines: ReturnLine[];
  defaultReason: string;
  submitLabel: string;
  onSubmit: (input: ReturnInput) => Promise<string>;
  onClose: () => void;
  children?: ReactNode;
}) {
  const toast = useToast();
  const idempotency = useIdempotencyKey();
  const [quantities, setQuantities] = useState<string[]>(() => lines.map(() => ''));
  const [reason, setReason] = useState(defaultReason);
  const [date, setDate] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    for (const [i, q] of quantities.entries()) {
      const line = lines[i]!;
      if (q !== '' && !QTY.test(q)) return setError(new Error(`${line.label}: a quantity like 10 or 2.5.`));
      if (q !== '' && line.max !== '' && compareDecimals(q, line.max) > 0)
        return setError(new Error(`${line.label}: at most ${qty(line.max)} can go back.`));
    }
    const chosen = lines
      .map((l, i) => ({ id: l.id, quantity: quantities[i] ?? '' }))
      .filter((l) => l.quantity !== '' && !isZero(l.quantity));
    if (chosen.length === 0) return setError(new Error('Enter a quantity on at least one line.'));
    if (!reason.trim()) return setError(new Error('Give a reason.'));
    setBusy(true);
    setError(null);
    try {
      const message = await onSubmit({ date, reason: reason.trim(), lines: chosen, headers: idempotency.headers });
      idempotency.renew();
      toast.success(message);
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
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void submit()}>
            {busy ? 'Returning…' : submitLabel}
          </button>
        </>
      }
    >
      <FormErrorBanner error={error} />
      <div className="grid-2">
        <div className="field">
          <label htmlFor="return-reason">Reason</label>
          <input id="return-reason" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="return-date">Date</label>
          <input id="return-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          <p className="field-hint">Default: today</p>
        </div>
      </div>
      {children}
      <div className="table-scroll supply-lines">
        <table aria-label="Quantities to return">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                Moved
              </th>
              <th scope="col" className="num">
                Can return
              </th>
              <th scope="col" className="num">
                Return now
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.id}>
                <td>{l.label}</td>
                <td className="num">{qty(l.moved)}</td>
                <td className="num">{l.max === '' ? '—' : qty(l.max)}</td>
                <td className="num">
                  <input
                    aria-label={`Return now, ${l.label}`}
                    inputMode="decimal"
                    value={quantities[i]}
                    onChange={(e) =>
                      setQuantities(quantities.map((q, j) => (j === i ? e.target.value.trim().replace(',', '.') : q)))
                    }
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
