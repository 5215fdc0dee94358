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
import { nameOf, qty, statusBadgeClass, supplyKeys, useParties, useWarehouses, type PurchaseOrder } from '../queries';
import { PartyName } from '../PartyName';
import { ReceiptsPanel } from './ReceiptsPanel';
import { ReceiveDialog } from './ReceiveDialog';

export default function PurchaseOrderPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const order = useQuery({
    queryKey: supplyKeys.purchaseOrder(id),
    queryFn: () => unwrap(api.GET('/api/v1/supply/purchase-orders/{id}', { params: { path: { id } } })),
  });
  return <QueryState query={order}>{(o) => <OrderView order={o} onReload={() => void order.refetch()} />}</QueryState>;
}

function OrderView({ order, onReload }: { order: PurchaseOrder; onReload: () => void }) {
  const { can } = useAuth();
  const confirm = useConfirm();
  const toast = useToast();
  const queryClient = useQueryClient();
  const vendors = useParties('vendor');
  const warehouses = useWarehouses();
  const [receiving, setReceiving] = useState(false);
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: supplyKeys.purchaseOrder(order.id) }),
      queryClient.invalidateQueries({ queryKey: listQueryKey(supplyKeys.lists.purchaseOrders) }),
    ]);
  };
  const action = useMutation({
    mutationFn: async (which: 'confirm' | 'cancel') => {
      const params = { params: { path: { id: order.id } }, body: { version: order.version } };
      return which === 'confirm'
        ? unwrap(api.POST('/api/v1/supply/purchase-orders/{id}/confirm', params))
        : unwrap(api.POST('/api/v1/supply/purchase-orders/{id}/cancel', params));
    },
    onSuccess: async (o) => {
      toast.success(`Purchase order ${o.number} is ${o.status}.`);
      await refresh();
    },
  });
  const writable = can('supply:write');
  const receivable = order.status === 'ordered' || order.status === 'partially-received';
  return (
    <>
      <PageHeader
        title={`Purchase order ${order.number}`}
        description={
          <>
            <span className={statusBadgeClass(order.status)} data-testid="po-status">
              {order.status}
            </span>{' '}
            <PartyName id={order.supplierId} known={vendors.data ?? null} /> →{' '}
            {nameOf(warehouses.data, order.warehouseId)}
          </>
        }
        actions={
          writable && (
            <>
              {order.status === 'draft' && (
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={action.isPending}
                  onClick={() => action.mutate('confirm')}
                >
                  Confirm order
                </button>
              )}
              {receivable && (
                <button type="button" className="btn btn-primary" onClick={() => setReceiving(true)}>
                  Receive
                </button>
              )}
              {(order.status === 'draft' || order.status === 'ordered') && (
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
          Ordered <DateText value={order.orderDate} />
          {order.expectedDate && (
            <>
              , expected <DateText value={order.expectedDate} />
            </>
          )}
          {order.memo && ` · ${order.memo}`}
        </p>
        <div className="table-scroll">
          <table aria-label="Purchase order lines">
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
                  Received
                </th>
                <th scope="col" className="num">
                  Billed
                </th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((l) => (
                <tr key={l.id}>
                  <td>{l.lineNo}</td>
                  <td>{l.sku}</td>
                  <td className="num">{qty(l.quantity)}</td>
                  <td className="num">
                    <Money amount={l.unitPrice} currency={order.currency} />
                  </td>
                  <td className="num">{qty(l.receivedQuantity)}</td>
                  <td className="num">{qty(l.billedQuantity)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Total
                </th>
                <td className="num" data-testid="po-total">
                  <Money amount={order.total} currency={order.currency} />
                </td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      {order.status !== 'draft' && <ReceiptsPanel order={order} onChanged={refresh} />}
      {receiving && <ReceiveDialog order={order} onClose={() => setReceiving(false)} onReceived={refresh} />}
    </>
  );
}
