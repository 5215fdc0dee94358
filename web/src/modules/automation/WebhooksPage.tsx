import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, ProblemError, unwrap } from '../../api';
import { EmptyState, FormErrorBanner, PageHeader, QueryState, useToast } from '../../components';
import { useCredentials } from './api';
import { Select, Text } from './fields';
import './automation.css';

export const webhookKeys = {
  endpoints: ['automation', 'webhooks'] as const,
  endpoint: (id: string) => ['automation', 'webhooks', id] as const,
};

/** Event types typed as a list: commas, spaces or lines between them. */
export const eventList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);

/** Outbound webhooks: endpoints subscribed to event types, each delivery signed (Standard Webhooks). */
export default function WebhooksPage() {
  const endpoints = useQuery({
    queryKey: webhookKeys.endpoints,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/automation/webhooks/endpoints', { signal })),
  });
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Endpoints outside MOMS told about events as they happen: each delivery is signed with the endpoint's HMAC credential and retried with backoff."
      />
      <NewEndpoint />
      <section className="flow-section" aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading">Endpoints</h2>
        <QueryState query={endpoints} height="8em">
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState title="No endpoints yet" />
            ) : (
              <div className="card table-scroll">
                <table>
                  <caption className="visually-hidden">Webhook endpoints</caption>
                  <thead>
                    <tr>
                      <th scope="col">Endpoint</th>
                      <th scope="col">URL</th>
                      <th scope="col">Events</th>
                      <th scope="col">State</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((e) => (
                      <tr key={e.id}>
                        <td>
                          <Link to={`/automation/webhooks/${e.id}`}>{e.name}</Link>
                        </td>
                        <td>
                          <code>{e.url}</code>
                        </td>
                        <td>{e.eventTypes.join(', ')}</td>
                        <td>
                          {e.enabled ? (
                            <span className="badge badge-active">Enabled</span>
                          ) : (
                            <span className="badge badge-inactive" title={e.disabledReason ?? undefined}>
                              Disabled
                            </span>
                          )}
                          {e.consecutiveFailures > 0 && ` · ${e.consecutiveFailures} failures in a row`}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryState>
      </section>
    </>
  );
}

function NewEndpoint() {
  const client = useQueryClient();
  const toast = useToast();
  const credentials = useCredentials();
  const hmac = (credentials.data?.items ?? []).filter((c) => c.type === 'hmac');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('https://');
  const [events, setEvents] = useState('');
  const [credentialId, setCredentialId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldErrors = error instanceof ProblemError ? error.fieldErrors : {};
  const eventsError =
    fieldErrors['eventTypes'] ?? Object.entries(fieldErrors).find(([k]) => k.startsWith('eventTypes.'))?.[1];
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await unwrap(
        api.POST('/api/v1/automation/webhooks/endpoints', {
          body: { name, url: url.trim(), eventTypes: eventList(events), credentialId },
        }),
      );
      toast.success(`Subscribed ${created.name}`);
      setName('');
      setUrl('https://');
      setEvents('');
      await client.invalidateQueries({ queryKey: webhookKeys.endpoints });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="card flow-section form"
      aria-labelledby="new-endpoint"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="new-endpoint">Subscribe an endpoint</h2>
      <FormErrorBanner error={error} />
      <div className="grid-2">
        <Text label="Name" value={name} onChange={setName} error={fieldErrors['name']} required />
        <Text
          label="URL"
          value={url}
          onChange={setUrl}
          error={fieldErrors['url']}
          hint="http(s); private and loopback addresses are refused"
          required
        />
        <Text
          label="Event types"
          value={events}
          onChange={setEvents}
          error={eventsError}
          hint="Comma-separated, e.g. projects.task.completed, supply.receipt.done — or * for every event"
          required
        />
        <Select
          label="Signing credential"
          value={credentialId}
          onChange={setCredentialId}
          error={fieldErrors['credentialId']}
          hint={hmac.length === 0 ? 'Create an HMAC credential first (Automation → Credentials).' : undefined}
          options={[
            { value: '', label: 'Choose an HMAC credential' },
            ...hmac.map((c) => ({ value: c.id, label: `${c.name} (${c.hint})` })),
          ]}
          required
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Subscribing…' : 'Subscribe'}
        </button>
      </div>
    </form>
  );
}
