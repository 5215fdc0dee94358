import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api';
import {
  Dialog,
  EmptyState,
  Form,
  formatDate,
  formatDateTime,
  listQueryKey,
  PageHeader,
  QueryState,
  TextareaField,
  TextField,
  useAuth,
  useForm,
  useToast,
} from '../../components';
import { allPages, complianceKeys, type Policy, type PolicyVersion } from './api';
import { Markdown } from './Markdown';
import { NotAcknowledgedPanel } from './NotAcknowledgedPanel';
import './compliance.css';

/**
 * A policy: its current text (or an older version's), acknowledging it, its versions, publishing a
 * new one, the controls that put it into effect and who has not acknowledged it yet.
 */
export default function PolicyPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const policy = useQuery({
    queryKey: complianceKeys.policy(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/compliance/policies/{id}', { params: { path: { id } }, signal })),
  });
  return <QueryState query={policy}>{(p) => <PolicyView policy={p} />}</QueryState>;
}

function PolicyView({ policy: p }: { policy: Policy }) {
  const { can } = useAuth();
  const client = useQueryClient();
  const toast = useToast();
  const [shown, setShown] = useState(p.currentVersion);
  const [publishing, setPublishing] = useState(false);
  const [acknowledging, setAcknowledging] = useState(false);
  const versions = useQuery({
    queryKey: [...complianceKeys.policy(p.id), 'versions'],
    queryFn: ({ signal }) =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/compliance/policies/{id}/versions', {
            params: { path: { id: p.id }, query: { limit: 200, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        ),
      ),
  });
  const version = versions.data?.find((v) => v.number === shown);
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: complianceKeys.policy(p.id) });
    await client.invalidateQueries({ queryKey: complianceKeys.policies });
    await client.invalidateQueries({ queryKey: listQueryKey('compliance-policies') });
  };
  const acknowledge = async () => {
    setAcknowledging(true);
    try {
      await unwrap(
        api.POST('/api/v1/compliance/policies/{id}/acknowledgements', {
          params: { path: { id: p.id } },
          body: { version: p.currentVersion },
        }),
      );
      toast.success(`You acknowledged ${p.title}, version ${p.currentVersion}`);
      await refresh();
    } catch (e) {
      toast.error(e);
      await refresh();
    } finally {
      setAcknowledging(false);
    }
  };
  return (
    <>
      <PageHeader
        title={p.title}
        description={`Version ${p.currentVersion}, published ${formatDate(p.current.publishedAt)}`}
        actions={
          <>
            <Link to="/compliance/policies" className="btn">
              All policies
            </Link>
            {can('compliance:write') && (
              <button type="button" className="btn" onClick={() => setPublishing(true)}>
                Publish a new version
              </button>
            )}
          </>
        }
      />
      <section className="card compliance-section" aria-labelledby="ack-heading">
        <h2 id="ack-heading">Your acknowledgement</h2>
        {p.acknowledgedByMe ? (
          <p>
            <span className="badge health-green">Acknowledged</span> You have acknowledged version {p.currentVersion}.
          </p>
        ) : (
          <>
            <p>Read version {p.currentVersion} below, then confirm you have read and understood it.</p>
            <button
              type="button"
              className="btn btn-primary"
              disabled={acknowledging}
              onClick={() => void acknowledge()}
            >
              {`Acknowledge version ${p.currentVersion}`}
            </button>
          </>
        )}
      </section>
      <section className="compliance-section" aria-labelledby="text-heading">
        <h2 id="text-heading">
          {shown === p.currentVersion ? `Current text (version ${shown})` : `Version ${shown} (superseded)`}
        </h2>
        <QueryState query={versions} height="12em">
          {() =>
            version ? (
              <article className="card policy-text" aria-label={`Text of version ${version.number}`}>
                <Markdown text={version.body} />
              </article>
            ) : (
              <EmptyState title="This version could not be found" />
            )
          }
        </QueryState>
      </section>
      <section className="compliance-section" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <QueryState query={versions} height="6em">
          {(items) => (
            <div className="card table-scroll">
              <table>
                <caption className="visually-hidden">Versions of {p.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Title</th>
                    <th scope="col">Published</th>
                    <th scope="col">Notes</th>
                    <th scope="col">
                      <span className="visually-hidden">Read</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((v) => (
                    <tr key={v.id}>
                      <th scope="row">
                        {v.number}
                        {v.current && ' (current)'}
                      </th>
                      <td>{v.title}</td>
                      <td>{formatDateTime(v.publishedAt)}</td>
                      <td>{v.notes || '—'}</td>
                      <td>
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-pressed={shown === v.number}
                          onClick={() => setShown(v.number)}
                        >
                          {`Read version ${v.number}`}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </section>
      {can('compliance:read') && <PolicyControls policyId={p.id} />}
      {can('compliance:read') && <NotAcknowledgedPanel policy={p} />}
      {publishing && versions.data && (
        <PublishDialog
          policy={p}
          current={versions.data.find((v) => v.current)}
          onClose={() => setPublishing(false)}
          onPublished={async (n) => {
            await refresh();
            await versions.refetch();
            setShown(n);
          }}
        />
      )}
    </>
  );
}

function PolicyControls({ policyId }: { policyId: string }) {
  const controls = useQuery({
    queryKey: [...complianceKeys.policy(policyId), 'controls'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/compliance/controls', { params: { query: { policyId, limit: 200 } }, signal })),
  });
  return (
    <section className="compliance-section" aria-labelledby="policy-controls">
      <h2 id="policy-controls">Controls putting it into effect</h2>
      <QueryState query={controls} height="4em">
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title="No control is linked to this policy" />
          ) : (
            <ul>
              {items.map((c) => (
                <li key={c.id}>
                  <Link to={`/compliance/controls/${c.id}`}>{c.name}</Link>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function PublishDialog({
  policy,
  current,
  onClose,
  onPublished,
}: {
  policy: Policy;
  current: PolicyVersion | undefined;
  onClose: () => void;
  onPublished: (number: number) => Promise<void>;
}) {
  const toast = useToast();
  const form = useForm({
    initialValues: { title: current?.title ?? policy.title, body: current?.body ?? '', notes: '' },
    validate: (v): Record<string, string> => (v.body.trim() === '' ? { body: 'Write the policy’s text.' } : {}),
    onSubmit: async (v) => {
      const created = await unwrap(
        api.POST('/api/v1/compliance/policies/{id}/versions', {
          params: { path: { id: policy.id } },
          body: { basedOn: policy.currentVersion, title: v.title.trim(), body: v.body, notes: v.notes },
        }),
      );
      toast.success(`Published version ${created.number}`);
      await onPublished(created.number);
      onClose();
    },
  });
  return (
    <Dialog open title={`Publish version ${policy.currentVersion + 1}`} onClose={onClose}>
      <Form form={form} confirmLeave={false}>
        <TextField form={form} name="title" label="Policy title" required />
        <TextareaField form={form} name="body" label="Policy text" rows={12} required hint="Markdown." />
        <TextareaField form={form} name="notes" label="What changed" rows={2} />
        <p className="muted">Everyone will need to acknowledge the new version.</p>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={form.submitting}>
            Publish
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
