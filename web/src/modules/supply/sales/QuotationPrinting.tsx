import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, downloadFile, unwrap, type Schema } from '../../../api';
import { useAuth, useToast } from '../../../components';
import { SendButton, type SendBody } from '../../finance/printing/SendDialog';
import { SendLog } from '../../finance/printing/SendLog';
import type { SalesOrder } from '../queries';

type QuotationSend = Schema<'SupplyQuotationSend'>;

const sendsKey = (id: string) => ['supply', 'sales-order', id, 'sends'] as const;

/**
 * "Download PDF" and "Send by email" on a quotation or sales order (Finance's letterhead), and who
 * sent it to whom. A cancelled order can be downloaded (marked so) but not sent.
 */
export function QuotationPrinting({ order }: { order: SalesOrder }) {
  const { can } = useAuth();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [downloading, setDownloading] = useState(false);
  const label = order.status === 'quotation' ? 'quotation' : 'sales order';
  // The customer's email as the default recipient (readable with finance:read; else typed in).
  const customer = useQuery({
    queryKey: ['finance', 'party', order.customerId],
    enabled: can('finance:read'),
    queryFn: () => unwrap(api.GET('/api/v1/finance/parties/{id}', { params: { path: { id: order.customerId } } })),
  });
  const download = async () => {
    setDownloading(true);
    try {
      await downloadFile(`/api/v1/supply/sales-orders/${order.id}/pdf?download=true`, `${order.number}.pdf`);
    } catch (error) {
      toast.error(error);
    } finally {
      setDownloading(false);
    }
  };
  const send = (body: SendBody) =>
    unwrap(api.POST('/api/v1/supply/sales-orders/{id}/send', { params: { path: { id: order.id } }, body }));

  return (
    <section className="card" aria-labelledby="so-print-h">
      <h2 id="so-print-h">PDF and email</h2>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => void download()} disabled={downloading}>
          Download PDF
        </button>
        {can('supply:write') && (
          <SendButton<QuotationSend>
            what={`${label} ${order.number}`}
            defaultTo={customer.data?.email ?? null}
            send={send}
            disabled={order.status === 'cancelled' || customer.isLoading}
            onSent={() => void queryClient.invalidateQueries({ queryKey: sendsKey(order.id) })}
          />
        )}
      </div>
      <h3>Sent</h3>
      <SendLog
        queryKey={sendsKey(order.id)}
        load={() => unwrap(api.GET('/api/v1/supply/sales-orders/{id}/sends', { params: { path: { id: order.id } } }))}
      />
    </section>
  );
}
