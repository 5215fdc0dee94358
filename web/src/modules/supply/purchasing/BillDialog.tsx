import { Link } from '@tanstack/react-router';
import { Fragment, useState } from 'react';
import { api, ProblemError, unwrap, type Schema } from '../../../api';
import { Dialog, FormErrorBanner, Money } from '../../../components';
import { compareDecimals } from '../../../components/decimal';
import { qty, type PurchaseOrder, type Receipt } from '../queries';
import { unbilled } from './ReceiptsPanel';
import '../supply.css';

type BillResult = Schema<'SupplyBillResult'>;
interface Row {
  receiptLineId: string;
  sku: string;
  open: string;
  orderPrice: string;
  quantity: string;
  unitPrice: string;
}

/**
 * Bill a receipt in Finance: the supplier's quantities and prices per line (default: everything
 * unbilled at the order price). The server's 3-way match refuses any line off the order or the
 * receipt; each refused line is marked here with the reason. On success: the bill and its link.
 */
export function BillDialog({
  order,
  receipt,
  onClose,
  onBilled,
}: {
  order: PurchaseOrder;
  receipt: Receipt;
  onClose: () => void;
  onBilled: () => Promise<void>;
}) {
  const [rows, setRows] = useState<Row[]>(() =>
    receipt.lines
      .filter((l) => compareDecimals(unbilled(l), '0') > 0)
      .map((l) => {
        const ol = order.lines.find((o) => o.id === l.orderLineId);
        return {
          receiptLineId: l.id,
          sku: ol?.sku ?? '…',
          open: qty(unbilled(l)),
          orderPrice: ol?.unitPrice ?? '',
          quantity: qty(unbilled(l)),
          unitPrice: qty(ol?.unitPrice ?? ''),
        };
      }),
  );
  const [reference, setReference] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BillResult | null>(null);
  const mismatches = error instanceof ProblemError && error.code === 'three-way-mismatch' ? error.errors : [];
  const lineProblems = (i: number) => mismatches.filter((m) => m.path?.startsWith(`lines.${i}.`));
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const bill = await unwrap(
        api.POST('/api/v1/supply/receipts/{id}/bill', {
          params: { path: { id: receipt.id } },
          body: {
            supplierReference: reference,
            lines: rows.map((r) => ({ receiptLineId: r.receiptLineId, quantity: r.quantity, unitPrice: r.unitPrice })),
          },
        }),
      );
      setResult(bill);
      await onBilled();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (result)
    return (
      <Dialog
        open
        title="Bill created"
        onClose={onClose}
        footer={
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        }
      >
        <p role="status" data-testid="bill-result">
          Bill {result.number ?? '(draft)'} for <Money amount={result.total} currency={order.currency} /> was created
          and issued in Finance.
          {compareDecimals(result.priceDifference, '0') !== 0 && (
            <>
              {' '}
              Price difference: <Money amount={result.priceDifference} currency={order.currency} />.
            </>
          )}
        </p>
        <p>
          <Link to={`/finance/bills/${result.billId}`}>Open the bill in Finance</Link>
        </p>
      </Dialog>
    );
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Dialog
      open
      title={`Bill receipt ${receipt.number}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void submit()}>
            {busy ? 'Billing…' : 'Create bill'}
          </button>
        </>
      }
    >
      {mismatches.length > 0 ? (
        <div className="banner banner-error" role="alert">
          <strong>The bill does not match the order and the receipt</strong>
          <p>Nothing was posted. Correct the marked lines (or bill what was received at the order price).</p>
        </div>
      ) : (
        <FormErrorBanner error={error} />
      )}
      <div className="field">
        <label htmlFor="bill-reference">Supplier's invoice number</label>
        <input id="bill-reference" value={reference} onChange={(e) => setReference(e.target.value)} />
      </div>
      <div className="table-scroll supply-lines">
        <table aria-label="Bill lines">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                Open
              </th>
              <th scope="col" className="num">
                Order price
              </th>
              <th scope="col" className="num">
                Billed quantity
              </th>
              <th scope="col" className="num">
                Billed price
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const problems = lineProblems(i);
              const bad = (field: string) => problems.some((m) => m.path === `lines.${i}.${field}`) || undefined;
              return (
                <Fragment key={r.receiptLineId}>
                  <tr>
                    <td>{r.sku}</td>
                    <td className="num">{r.open}</td>
                    <td className="num">
                      <Money amount={r.orderPrice} currency={order.currency} />
                    </td>
                    <td className="num">
                      <input
                        aria-label={`Billed quantity, ${r.sku}`}
                        aria-invalid={bad('quantity')}
                        inputMode="decimal"
                        value={r.quantity}
                        onChange={(e) => set(i, { quantity: e.target.value.trim() })}
                      />
                    </td>
                    <td className="num">
                      <input
                        aria-label={`Billed price, ${r.sku}`}
                        aria-invalid={bad('unitPrice')}
                        inputMode="decimal"
                        value={r.unitPrice}
                        onChange={(e) => set(i, { unitPrice: e.target.value.trim() })}
                      />
                    </td>
                  </tr>
                  {problems.length > 0 && (
                    <tr>
                      <td colSpan={5}>
                        {problems.map((m) => (
                          <p key={m.message} className="field-error" data-testid="mismatch">
                            {r.sku}: {m.message}
                          </p>
                        ))}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}
