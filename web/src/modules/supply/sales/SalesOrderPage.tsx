import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import {
  DateText,
  FormErrorBanner,
  listQueryKey,
  Money,
  PageHeader,
  QueryState,
  useAuth,
  useConfirm,
  useToast,
} from '../../../components';
import { compareDecimals, subDecimals } from '../../../components/decimal';
import {
  nameOf,
  qty,
  statusBadgeClass,
  supplyKeys,
  useParties,
  useWarehouses,
  type Delivery,
  type SalesOrder,
} from '../queries';
import { PartyName } from '../PartyName';
import { DeliverDialog } from './DeliverDialog';
import { DeliveriesPanel } from './DeliveriesPanel';
import { QuotationPrinting } from './QuotationPrinting';

export default function SalesOrderPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const order = useQuery({
    queryKey: supplyKeys.salesOrder(id),
    queryFn: () => unwrap(api.GET('/api/v1/supply/sales-orders/{id}', { params: { path: { id } } })),
  });
  return <QueryState query={order}>{(o) => <OrderView order={o} onReload={() => void order.refetch()} />}</QueryState>;
}

function OrderView({ order, onReload }: { order: SalesOrder; onReload: () => void }) {
  const { can } = useAuth();
  const confirm = useConfirm();
  const toast = useToast();
  const queryClient = useQueryClient();
  const customers = useParties('customer');
  const warehouses = useWarehouses();
  const [delivering, setDelivering] = useState(false);
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: supplyKeys.salesOrder(order.id) }),
      queryClient.invalidateQueries({ queryKey: listQueryKey(supplyKeys.lists.salesOrders) }),
      queryClient.invalidateQueries({ queryKey: ['supply', 'item'] }),
    ]);
  };
  const action = useMutation({
    mutationFn: async (which: 'confirm' | 'cancel') => {
      const params = { params: { path: { id: order.id } }, body: { version: order.version } };
      return which === 'confirm'
        ? unwrap(api.POST('/api/v1/supply/sales-orders/{id}/confirm', params))
        : unwrap(api.POST('/api/v1/supply/sales-orders/{id}/cancel', params));
    },
    onSuccess: async (o) => {
      const backorder = o.lines.some((l) => compareDecimals(l.backorderQuantity, l.reservedQuantity) > 0);
      toast.success(
        o.status === 'cancelled'
          ? `Order ${o.number} cancelled.`
          : `Order ${o.number} confirmed${backorder ? ': part of it is on backorder' : ''}.`,
      );
      await refresh();
    },
  });
  const writable = can('supply:write');
  const deliverable = order.status === 'confirmed' || order.status === 'partially-delivered';
  const isQuotation = order.status === 'quotation';
  return (
    <>
      <PageHeader
        title={`${isQuotation ? 'Quotation' : 'Sales order'} ${order.number}`}
        description={
          <>
            <span className={statusBadgeClass(order.status)} data-testid="so-status">
              {order.status}
            </span>{' '}
            <PartyName id={order.customerId} known={customers.data ?? null} /> ←{' '}
            {nameOf(warehouses.data, order.warehouseId)}
          </>
        }
        actions={
          writable && (
            <>
              {isQuotation && (
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={action.isPending}
                  onClick={() => action.mutate('confirm')}
                >
                  Confirm order
                </button>
              )}
              {deliverable && (
                <button type="button" className="btn btn-primary" onClick={() => setDelivering(true)}>
                  Deliver
                </button>
              )}
              {(isQuotation || order.status === 'confirmed') && (
                <button
                  type="button"
                  className="btn btn-danger"
                  disabled={action.isPending}
                  onClick={async () => {
                    if (
                      await confirm({
                        title: 'Cancel this order?',
                        message: order.number,
                        confirmLabel: 'Cancel order',
                      })
                    )
                      action.mutate('cancel');
                  }}
                >
                  Cancel order
                </button>
              )}
            </>
          )
        }
      />
      <FormErrorBanner error={action.error} onReload={onReload} />
      <section className="card">
        <h2>Lines</h2>
        <p className="muted">
          <DateText value={order.date} />
          {order.validUntil && (
            <>
              , valid until <DateText value={order.validUntil} />
            </>
          )}
          {order.memo && ` · ${order.memo}`}
        </p>
        <div className="table-scroll">
          <table aria-label="Sales order lines">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Item</th>
                <th scope="col" className="num">
                  Ordered
                </th>
                <th scope="col" className="num">
                  Unit price
                </th>
                <th scope="col" className="num">
                  Discount %
                </th>
                <th scope="col" className="num">
                  Reserved
                </th>
                <th scope="col" className="num">
                  Delivered
                </th>
                <th scope="col" className="num">
                  Backorder
                </th>
                <th scope="col" className="num">
                  Invoiced
                </th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((l) => {
                const short = isQuotation ? '0' : subDecimals(l.backorderQuantity, l.reservedQuantity, 4);
                return (
                  <tr key={l.id}>
                    <td>{l.lineNo}</td>
                    <td>{l.sku}</td>
                    <td className="num">{qty(l.quantity)}</td>
                    <td className="num">
                      <Money amount={l.unitPrice} currency={order.currency} />
                    </td>
                    <td className="num">{qty(l.discountPercent)}</td>
                    <td className="num">{qty(l.reservedQuantity)}</td>
                    <td className="num">{qty(l.deliveredQuantity)}</td>
                    <td className="num" data-testid={`backorder-${l.lineNo}`}>
                      {qty(l.backorderQuantity)}
                      {compareDecimals(short, '0') > 0 && (
                        <span className="badge badge-inactive">{qty(short)} not in stock</span>
                      )}
                    </td>
                    <td className="num">{qty(l.invoicedQuantity)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Total
                </th>
                <td className="num" data-testid="so-total">
                  <Money amount={order.total} currency={order.currency} />
                </td>
                <td colSpan={5} />
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      {!isQuotation && <DeliveriesPanel order={order} deliveries={deliveries} onInvoiced={refresh} />}
      <QuotationPrinting order={order} />
      {delivering && (
        <DeliverDialog
          order={order}
          onClose={() => setDelivering(false)}
          onDelivered={async (d) => {
            setDeliveries((list) => [d, ...list]);
            await refresh();
          }}
        />
      )}
    </>
  );
}
