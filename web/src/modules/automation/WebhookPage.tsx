import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, errorMessage, listFetcher, unwrap, type Schema } from '../../api';
import {
  DataTable,
  PageHeader,
  QueryState,
  formatDateTime,
  listQueryKey,
  useConfirm,
  useToast,
  type Column,
} from '../../components';
import { Dialog } from '../../components';
import { webhookKeys } from './WebhooksPage';
import './automation.css';

type Endpoint = Schema<'WebhookEndpoint'>;
type Delivery = Schema<'WebhookDelivery'>;

const DELIVERY_STATUS: Record<Delivery['status'], string> = {
  pending: 'Pending',
  succeeded: 'Delivered',
  failed: 'Failed',
};

/** `webhooks/$id`: an endpoint, enabling it again, and its delivery log with each attempt and replay. */
export default function WebhookPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const endpoint = useQuery({
    queryKey: webhookKeys.endpoint(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/automation/webhooks/endpoints/{id}', { params: { path: { id } }, signal })),
  });
  return (
    <QueryState query={endpoint} height="12em">
      {(e) => <EndpointView endpoint={e} />}
    </QueryState>
  );
}

function EndpointView({ endpoint }: { endpoint: Endpoint }) {
  const client = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const navigate = useNavigate();
  const [open, setOpen] = useState<string | null>(null);
  const deliveriesId = `automation-deliveries-${endpoint.id}`;
  const setEnabled = async (enabled: boolean) => {
    try {
      await unwrap(
        api.PATCH('/api/v1/automation/webhooks/endpoints/{id}', {
          params: { path: { id: endpoint.id } },
          body: { version: endpoint.version, enabled },
        }),
      );
      toast.success(enabled ? 'Endpoint enabled' : 'Endpoint disabled');
    } catch (e) {
      toast.error(e);
    }
    await client.invalidateQueries({ queryKey: webhookKeys.endpoints });
  };
  const remove = async () => {
    const ok = await confirm({
      title: `Delete ${endpoint.name}?`,
      message: 'Its delivery log goes too; nothing more is sent to it.',
      confirmLabel: 'Delete',
    });
    if (!ok) return;
    try {
      await unwrap(api.DELETE('/api/v1/automation/webhooks/endpoints/{id}', { params: { path: { id: endpoint.id } } }));
      await client.invalidateQueries({ queryKey: webhookKeys.endpoints });
      await navigate({ to: '/automation/webhooks' });
    } catch (e) {
      toast.error(e);
    }
  };
  const columns: Column<Delivery>[] = [
    {
      id: 'createdAt',
      header: 'Created',
      sortKey: 'createdAt',
      alwaysVisible: true,
      cell: (d) => (
        <button type="button" className="btn btn-ghost" onClick={() => setOpen(d.id)}>
          {formatDateTime(d.createdAt)}
        </button>
      ),
    },
    { id: 'eventType', header: 'Event', cell: (d) => d.eventType },
    {
      id: 'status',
      header: 'Status',
      cell: (d) => <span className={`badge delivery-${d.status}`}>{DELIVERY_STATUS[d.status]}</span>,
    },
    { id: 'attempts', header: 'Attempts', align: 'right', cell: (d) => d.attempts },
    { id: 'lastStatus', header: 'Last answer', cell: (d) => d.lastStatus ?? d.lastError ?? '—' },
    {
      id: 'next',
      header: 'Next attempt',
      cell: (d) => (d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '—'),
    },
  ];
  return (
    <>
      <PageHeader
        title={endpoint.name}
        description={
          <>
            <code>{endpoint.url}</code> · {endpoint.eventTypes.join(', ')}
          </>
        }
        actions={
          <>
            <Link to="/automation/webhooks" className="btn">
              All endpoints
            </Link>
            <button type="button" className="btn" onClick={() => void setEnabled(!endpoint.enabled)}>
              {endpoint.enabled ? 'Disable' : 'Enable again'}
            </button>
            <button type="button" className="btn" onClick={() => void remove()}>
              Delete
            </button>
          </>
        }
      />
      {!endpoint.enabled && (
        <div className="banner banner-warning" role="status">
          Disabled{endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ''}. Nothing is sent until it is enabled
          again.
        </div>
      )}
      <section className="flow-section" aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading">Deliveries</h2>
        <DataTable
          id={deliveriesId}
          caption="Deliveries"
          columns={columns}
          fetchPage={listFetcher('/api/v1/automation/webhooks/endpoints/{id}/deliveries', { id: endpoint.id })}
          rowKey={(d) => d.id}
          defaultSort="-createdAt"
          filters={[
            {
              name: 'status',
              label: 'Status',
              type: 'select',
              options: (Object.keys(DELIVERY_STATUS) as Delivery['status'][]).map((value) => ({
                value,
                label: DELIVERY_STATUS[value],
              })),
            },
          ]}
          emptyMessage="Nothing delivered yet."
        />
      </section>
      {open && (
        <DeliveryDialog
          id={open}
          onClose={() => setOpen(null)}
          onReplayed={() => void client.invalidateQueries({ queryKey: listQueryKey(deliveriesId) })}
        />
      )}
    </>
  );
}

function DeliveryDialog({ id, onClose, onReplayed }: { id: string; onClose: () => void; onReplayed: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const key = ['automation', 'delivery', id];
  const delivery = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/automation/webhooks/deliveries/{id}', { params: { path: { id } }, signal })),
    staleTime: 0,
  });
  const replay = async () => {
    setBusy(true);
    try {
      await unwrap(api.POST('/api/v1/automation/webhooks/deliveries/{id}/replay', { params: { path: { id } } }));
      toast.success('Delivery queued again');
      onReplayed();
      await client.invalidateQueries({ queryKey: key });
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      title="Delivery"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || delivery.data?.status === 'pending'}
            aria-busy={busy}
            onClick={() => void replay()}
          >
            {busy ? 'Replaying…' : 'Replay'}
          </button>
        </>
      }
    >
      <QueryState query={delivery} height="8em">
        {(d) => (
          <div className="delivery">
            <p>
              {d.eventType} · <code>{d.messageId}</code> · {DELIVERY_STATUS[d.status]} after {d.attempts} attempt(s)
            </p>
            <figure className="json-block">
              <figcaption>Body</figcaption>
              <pre tabIndex={0}>{d.body}</pre>
            </figure>
            <h3>Attempts</h3>
            {d.attemptLog.length === 0 ? (
              <p className="muted">None yet.</p>
            ) : (
              <ol className="attempts">
                {d.attemptLog.map((a) => (
                  <li key={a.attempt}>
                    {formatDateTime(a.attemptedAt)}: {a.responseStatus ?? a.error ?? '—'} in {a.durationMs} ms
                    {a.responseBody && (
                      <details>
                        <summary>Response</summary>
                        <pre tabIndex={0}>{a.responseBody}</pre>
                      </details>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </div>
        )}
      </QueryState>
    </Dialog>
  );
}
