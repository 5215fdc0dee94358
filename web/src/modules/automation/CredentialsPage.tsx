import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage, ProblemError, unwrap, type Schema } from '../../api';
import {
  Dialog,
  EmptyState,
  FormErrorBanner,
  PageHeader,
  QueryState,
  formatDateTime,
  useAuth,
  useConfirm,
  useToast,
} from '../../components';
import { credentialKeys, useCredentials } from './api';
import { Select, Text } from './fields';
import './automation.css';

type CredentialType = Schema<'Credential'>['type'];
type CreateBody = Schema<'CreateCredentialBody'>;
type Credential = Schema<'Credential'>;

const TYPE_LABELS: Record<CredentialType, string> = {
  bearer: 'Bearer token',
  basic: 'Basic (user and password)',
  header: 'A header and its value',
  hmac: 'HMAC signing secret (webhooks)',
};

/**
 * The credentials vault: what HTTP steps and webhooks authenticate with. Secrets go in and never come
 * back: the list shows a masked hint; a generated HMAC secret is shown once, right after it is made.
 */
export default function CredentialsPage() {
  const { can } = useAuth();
  const list = useCredentials();
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  return (
    <>
      <PageHeader
        title="Credentials"
        description="Secrets for HTTP request steps and webhook signatures, stored encrypted. A secret is never shown again after it is saved."
      />
      {created && (
        <div className="banner banner-warning" role="status">
          <strong>The signing secret of {created.name}</strong>
          <p>Copy it now and give it to the other side: it is not shown again.</p>
          <code className="secret" aria-label="Generated secret">
            {created.secret}
          </code>
          <p>
            <button type="button" className="btn" onClick={() => setCreated(null)}>
              I have copied it
            </button>
          </p>
        </div>
      )}
      {can('automation:admin') && <NewCredential onSecret={setCreated} />}
      <section className="flow-section" aria-labelledby="credentials-heading">
        <h2 id="credentials-heading">Stored credentials</h2>
        <QueryState query={list} height="8em">
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState title="No credentials yet" />
            ) : (
              <div className="card table-scroll">
                <table>
                  <caption className="visually-hidden">Credentials</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Type</th>
                      <th scope="col">Secret</th>
                      <th scope="col">Id (for flows)</th>
                      <th scope="col">Changed</th>
                      {can('automation:admin') && (
                        <th scope="col">
                          <span className="visually-hidden">Actions</span>
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((c) => (
                      <tr key={c.id}>
                        <td>{c.name}</td>
                        <td>{TYPE_LABELS[c.type]}</td>
                        <td>
                          <code>{c.hint}</code>
                        </td>
                        <td>
                          <code>{c.id}</code>
                        </td>
                        <td>{formatDateTime(c.updatedAt)}</td>
                        {can('automation:admin') && (
                          <td>
                            <RotateCredential credential={c} onSecret={setCreated} />
                            <DeleteCredential id={c.id} name={c.name} />
                          </td>
                        )}
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

function NewCredential({ onSecret }: { onSecret: (s: { name: string; secret: string }) => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState('');
  const [type, setType] = useState<CredentialType>('bearer');
  const [a, setA] = useState(''); // token, username, header name or hmac secret
  const [b, setB] = useState(''); // password or header value
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldErrors = error instanceof ProblemError ? error.fieldErrors : {};

  const body = (): CreateBody => {
    switch (type) {
      case 'bearer':
        return { name, type, token: a };
      case 'basic':
        return { name, type, username: a, password: b };
      case 'header':
        return { name, type, header: a, value: b };
      case 'hmac':
        return a.trim() ? { name, type, secret: a.trim() } : { name, type };
    }
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await unwrap(api.POST('/api/v1/automation/credentials', { body: body() }));
      toast.success(`Credential ${created.name} stored`);
      if (created.secret) onSecret({ name: created.name, secret: created.secret });
      setName('');
      setA('');
      setB('');
      await client.invalidateQueries({ queryKey: credentialKeys.list });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const s = SECOND[type];
  return (
    <form
      className="card flow-section form"
      aria-labelledby="new-credential"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="new-credential">New credential</h2>
      <FormErrorBanner error={error} />
      <div className="grid-2">
        <Text label="Name" value={name} onChange={setName} error={fieldErrors['name']} required />
        <Select
          label="Type"
          value={type}
          onChange={(t) => {
            setType(t as CredentialType);
            setA('');
            setB('');
          }}
          options={(Object.keys(TYPE_LABELS) as CredentialType[]).map((value) => ({
            value,
            label: TYPE_LABELS[value],
          }))}
        />
        <Secret
          label={FIRST[type].label}
          value={a}
          onChange={setA}
          error={fieldErrors[FIRST[type].field]}
          hint={FIRST[type].hint}
          plain={type === 'basic' || type === 'header'}
        />
        {s && <Secret label={s.label} value={b} onChange={setB} error={fieldErrors[s.field]} />}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Storing…' : 'Store credential'}
        </button>
      </div>
    </form>
  );
}

/** The fields of each type: the first (token, user name, header name, HMAC secret) and the second, if any. */
const FIRST: Record<CredentialType, { label: string; field: string; hint?: string }> = {
  bearer: { label: 'Token', field: 'token' },
  basic: { label: 'User name', field: 'username' },
  header: { label: 'Header name', field: 'header', hint: 'e.g. X-Api-Key' },
  hmac: { label: 'Secret (optional)', field: 'secret', hint: 'whsec_… — leave empty to have one generated' },
};
const SECOND: Partial<Record<CredentialType, { label: string; field: string }>> = {
  basic: { label: 'Password', field: 'password' },
  header: { label: 'Header value', field: 'value' },
};

/**
 * Rotation: a new secret for the same credential (same id and type), so the flows' HTTP steps and the
 * webhook endpoints that name it use the new one from their next request, with nothing to change there.
 */
function RotateCredential({
  credential: c,
  onSecret,
}: {
  credential: Credential;
  onSecret: (s: { name: string; secret: string }) => void;
}) {
  const client = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldErrors = error instanceof ProblemError ? error.fieldErrors : {};
  const close = () => {
    setOpen(false);
    setA('');
    setB('');
    setError(null);
  };
  const body = (): Schema<'ReplaceCredentialBody'> => {
    const version = c.version;
    switch (c.type) {
      case 'bearer':
        return { version, type: c.type, token: a };
      case 'basic':
        return { version, type: c.type, username: a, password: b };
      case 'header':
        return { version, type: c.type, header: a, value: b };
      case 'hmac':
        return a.trim() ? { version, type: c.type, secret: a.trim() } : { version, type: c.type };
    }
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const rotated = await unwrap(
        api.PUT('/api/v1/automation/credentials/{id}', { params: { path: { id: c.id } }, body: body() }),
      );
      toast.success(`The secret of ${rotated.name} was replaced`);
      if (rotated.secret) onSecret({ name: rotated.name, secret: rotated.secret });
      close();
      await client.invalidateQueries({ queryKey: credentialKeys.list });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const formId = `rotate-${c.id}`;
  const s = SECOND[c.type];
  return (
    <>
      <button type="button" className="btn btn-ghost" aria-label={`Rotate ${c.name}`} onClick={() => setOpen(true)}>
        Rotate
      </button>
      {open && (
        <Dialog
          open
          title={`Rotate ${c.name}`}
          onClose={close}
          footer={
            <>
              <button type="button" className="btn" onClick={close}>
                Cancel
              </button>
              <button type="submit" form={formId} className="btn btn-primary" disabled={busy} aria-busy={busy}>
                {busy ? 'Replacing…' : 'Replace the secret'}
              </button>
            </>
          }
        >
          <form
            id={formId}
            className="form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <FormErrorBanner error={error} />
            <p>
              {TYPE_LABELS[c.type]}, now <code>{c.hint}</code>. The new secret replaces it everywhere the credential is
              used (same id); the old one stops working at once.
            </p>
            <Secret
              label={`New ${FIRST[c.type].label.toLowerCase()}`}
              value={a}
              onChange={setA}
              error={fieldErrors[FIRST[c.type].field]}
              hint={FIRST[c.type].hint}
              plain={c.type === 'basic' || c.type === 'header'}
            />
            {s && (
              <Secret label={`New ${s.label.toLowerCase()}`} value={b} onChange={setB} error={fieldErrors[s.field]} />
            )}
          </form>
        </Dialog>
      )}
    </>
  );
}

/** A secret's input: never echoed on screen (a user name or a header's name is, with `plain`). */
function Secret({
  label,
  value,
  onChange,
  error,
  hint,
  plain,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  plain?: boolean;
}) {
  if (plain) return <Text label={label} value={value} onChange={onChange} error={error} hint={hint} />;
  return <Text label={label} value={value} onChange={onChange} error={error} hint={hint} password />;
}

function DeleteCredential({ id, name }: { id: string; name: string }) {
  const confirm = useConfirm();
  const toast = useToast();
  const client = useQueryClient();
  return (
    <button
      type="button"
      className="btn btn-ghost"
      aria-label={`Delete ${name}`}
      onClick={() =>
        void (async () => {
          if (
            !(await confirm({
              title: `Delete ${name}?`,
              message: 'Steps and webhooks that use it stop working.',
              confirmLabel: 'Delete',
            }))
          )
            return;
          try {
            await unwrap(api.DELETE('/api/v1/automation/credentials/{id}', { params: { path: { id } } }));
            toast.success(`${name} deleted`);
          } catch (e) {
            toast.error(errorMessage(e));
          }
          await client.invalidateQueries({ queryKey: credentialKeys.list });
        })()
      }
    >
      Delete
    </button>
  );
}
