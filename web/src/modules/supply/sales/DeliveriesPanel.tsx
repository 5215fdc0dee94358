import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap, type Schema } from '../../../api';
import { DateText, FormErrorBanner, Money, useAuth, useToast } from '../../../components';
import { compareDecimals, subDecimals } from '../../../components/decimal';
import { qty, type Delivery, type SalesOrder } from '../queries';
import { CustomerReturnDialog } from './CustomerReturnDialog';

type InvoiceResult = Schema<'SupplyInvoiceResult'>;

/**
 * The order's deliveries (from the server, so a reload keeps them), each with "Invoice this delivery"
 * until it is invoiced (the customer invoice is created and issued in Finance), and what the order
 * has delivered but not yet invoiced. `deliveries` are those made on this page, for their lines.
 */
export function DeliveriesPanel({
  order,
  deliveries,
  onInvoiced,
}: {
  order: SalesOrder;
  deliveries: Delivery[];
  onInvoiced: () => Promise<void>;
}) {
  const { can } = useAuth();
  const toast = useToast();
  const [invoices, setInvoices] = useState<Record<string, InvoiceResult>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [returning, setReturning] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const toInvoice = order.lines
    .map((l) => ({ sku: l.sku, open: subDecimals(l.deliveredQuantity, l.invoicedQuantity, 4) }))
    .filter((l) => compareDecimals(l.open, '0') > 0);
  const sku = (itemId: string) => order.lines.find((l) => l.itemId === itemId)?.sku ?? '…';
  const madeHere = new Map(deliveries.map((d) => [d.id, d]));
  const rows = order.deliveries;
  const invoice = async (d: { id: string }) => {
    setBusy(d.id);
    setError(null);
    try {
      const result = await unwrap(
        api.POST('/api/v1/supply/deliveries/{id}/invoice', { params: { path: { id: d.id } }, body: {} }),
      );
      setInvoices((all) => ({ ...all, [d.id]: result }));
      toast.success(`Invoice ${result.number ?? ''} issued.`);
      await onInvoiced();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="card">
      <h2>Deliveries</h2>
      <FormErrorBanner error={error} />
      {toInvoice.length > 0 ? (
        <p data-testid="to-invoice">
          Delivered, not yet invoiced: {toInvoice.map((l) => `${l.sku} × ${qty(l.open)}`).join(', ')}.
        </p>
      ) : (
        <p className="muted">Nothing delivered is waiting to be invoiced.</p>
      )}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Deliveries">
            <thead>
              <tr>
                <th scope="col">Delivery</th>
                <th scope="col">Date</th>
                <th scope="col">Lines</th>
                <th scope="col">Invoice</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => {
                const inv = invoices[d.id];
                const made = madeHere.get(d.id);
                return (
                  <tr key={d.id}>
                    <td>
                      {d.number}
                      {d.kind === 'return' ? ' (return)' : ''}
                    </td>
                    <td>
                      <DateText value={d.date} />
                    </td>
                    <td>{made ? made.lines.map((l) => `${sku(l.itemId)} × ${qty(l.quantity)}`).join(', ') : '—'}</td>
                    <td>
                      {inv ? (
                        <span data-testid="invoice-result">
                          <Link to={`/finance/invoices/${inv.invoiceId}`}>Invoice {inv.number ?? ''}</Link> ·{' '}
                          <Money amount={inv.total} currency={order.currency} />
                        </span>
                      ) : d.invoiceId ? (
                        <Link to={`/finance/invoices/${d.invoiceId}`}>Open the invoice</Link>
                      ) : (
                        d.kind === 'delivery' &&
                        can('supply:write') && (
                          <button
                            type="button"
                            className="btn"
                            disabled={busy === d.id}
                            onClick={() => void invoice(d)}
                          >
                            Invoice this delivery
                          </button>
                        )
                      )}
                    </td>
                    <td>
                      {d.kind === 'delivery' && can('supply:write') && (
                        <button type="button" className="btn" onClick={() => setReturning(d.id)}>
                          Customer return
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {returning && (
        <CustomerReturnDialog
          order={order}
          deliveryId={returning}
          onClose={() => setReturning(null)}
          onReturned={onInvoiced}
        />
      )}
    </section>
  );
}
