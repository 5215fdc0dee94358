import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useRouterState } from '@tanstack/react-router';
import { useState } from 'react';
import { EmptyState, PageHeader, QueryState, useAuth, useToast } from '../../components';
import { api, errorMessage, unwrap } from '../../api';
import { aKeys, asDashboard, asQuestion, useDashboard, useQuestion, type Share } from './api';
import './analytics.css';

type Kind = 'question' | 'dashboard';
interface Shared {
  id: string;
  name: string;
  version: number;
  canEdit: boolean;
  shares: Share[];
}

/**
 * `questions/$id/sharing`, `dashboards/$id/sharing`: who else may see and run it — users and roles —
 * added and removed here (the API replaces the list, with the version read). Sharing never widens
 * the rows anyone sees: each run applies the runner's own visibility.
 */
export default function SharingPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const path = useRouterState({ select: (s) => s.location.pathname });
  const kind: Kind = path.includes('/dashboards/') ? 'dashboard' : 'question';
  return kind === 'question' ? <QuestionSharing id={id} /> : <DashboardSharing id={id} />;
}

function QuestionSharing({ id }: { id: string }) {
  const question = useQuestion(id);
  return (
    <QueryState query={question} height="12em">
      {(q) => <SharingView kind="question" item={q} />}
    </QueryState>
  );
}

function DashboardSharing({ id }: { id: string }) {
  const dashboard = useDashboard(id);
  return (
    <QueryState query={dashboard} height="12em">
      {(d) => <SharingView kind="dashboard" item={d} />}
    </QueryState>
  );
}

const keyOf = (s: Share) => (s.type === 'user' ? `user:${s.userId}` : `role:${s.role}`);

function SharingView({ kind, item }: { kind: Kind; item: Shared }) {
  const { can } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The user and role lists need auth:read; without it, a user is named by id and a role by name.
  const directory = can('auth:read');
  const users = useQuery({
    queryKey: ['analytics', 'share-users'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/auth/users', { params: { query: { limit: 200, status: 'active' } }, signal })),
    enabled: directory,
    staleTime: 60_000,
  });
  const roles = useQuery({
    queryKey: ['analytics', 'share-roles'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/auth/roles', { signal })),
    enabled: directory,
    staleTime: 60_000,
  });
  const userName = new Map((users.data?.items ?? []).map((u) => [u.id, `${u.name} (${u.email})`]));
  const back = kind === 'question' ? `/analytics/questions/${item.id}` : `/analytics/dashboards/${item.id}`;
  const editable = can('analytics:write') && item.canEdit;

  const save = async (shares: Share[], done: string) => {
    setError(null);
    setBusy(true);
    try {
      const body = { version: item.version, shares };
      const params = { path: { id: item.id } };
      if (kind === 'question') {
        const saved = await unwrap(api.PATCH('/api/v1/analytics/questions/{id}', { params, body }));
        client.setQueryData(aKeys.question(item.id), asQuestion(saved));
      } else {
        const saved = await unwrap(api.PATCH('/api/v1/analytics/dashboards/{id}', { params, body }));
        client.setQueryData(aKeys.dashboard(item.id), asDashboard(saved));
      }
      toast.success(done);
      await client.invalidateQueries({ queryKey: kind === 'question' ? aKeys.questions : aKeys.dashboards });
    } catch (e) {
      setError(errorMessage(e));
      await client.invalidateQueries({
        queryKey: kind === 'question' ? aKeys.question(item.id) : aKeys.dashboard(item.id),
      });
    } finally {
      setBusy(false);
    }
  };
  const label = (s: Share) => (s.type === 'user' ? (userName.get(s.userId) ?? `User ${s.userId}`) : `Role ${s.role}`);
  const add = (share: Share) => {
    if (item.shares.some((s) => keyOf(s) === keyOf(share))) {
      setError(`Already shared with ${label(share)}.`);
      return;
    }
    void save([...item.shares, share], `Shared with ${label(share)}.`);
  };

  return (
    <>
      <PageHeader
        title={`Share “${item.name}”`}
        description="The people and roles you share it with can see and run it — each with their own visibility of the rows."
        actions={
          <Link to={back} className="btn">
            Back to the {kind}
          </Link>
        }
      />
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      <div className="an-sharing">
        <section className="card" aria-labelledby="an-shares-title">
          <h2 id="an-shares-title">Shared with</h2>
          {item.shares.length === 0 ? (
            <EmptyState title="Not shared yet">
              <p>Only its owner and analytics admins can see it.</p>
            </EmptyState>
          ) : (
            <ul className="an-share-list" aria-label="Shares">
              {item.shares.map((s) => (
                <li key={keyOf(s)}>
                  <span>{label(s)}</span>
                  {editable && (
                    <button
                      type="button"
                      className="btn btn-ghost"
                      disabled={busy}
                      aria-label={`Remove ${label(s)}`}
                      onClick={() =>
                        void save(
                          item.shares.filter((x) => keyOf(x) !== keyOf(s)),
                          `No longer shared with ${label(s)}.`,
                        )
                      }
                    >
                      Remove
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        {editable && (
          <section className="card" aria-labelledby="an-share-add-title">
            <h2 id="an-share-add-title">Share with</h2>
            <AddShare
              busy={busy}
              users={
                directory ? (users.data?.items ?? []).map((u) => ({ id: u.id, label: `${u.name} (${u.email})` })) : null
              }
              roles={directory ? (roles.data?.items ?? []).map((r) => r.name) : null}
              onAdd={add}
            />
          </section>
        )}
      </div>
    </>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLE = /^[a-z][a-z0-9-]{0,62}$/;

/** A user or a role: picked from the lists when the viewer may read them, typed otherwise. */
function AddShare({
  busy,
  users,
  roles,
  onAdd,
}: {
  busy: boolean;
  users: { id: string; label: string }[] | null;
  roles: string[] | null;
  onAdd: (share: Share) => void;
}) {
  const [type, setType] = useState<'user' | 'role'>('user');
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const options =
    type === 'user'
      ? users?.map((u) => ({ value: u.id, label: u.label }))
      : roles?.map((r) => ({ value: r, label: r }));
  const chosen = value || (options?.[0]?.value ?? '');
  const submit = () => {
    const text = chosen.trim();
    const problem =
      type === 'user'
        ? UUID.test(text)
          ? null
          : 'A user id (a UUID).'
        : ROLE.test(text)
          ? null
          : 'A role name: lower-case letters, digits and dashes.';
    setInvalid(problem);
    if (problem) return;
    setValue('');
    onAdd(type === 'user' ? { type: 'user', userId: text } : { type: 'role', role: text });
  };
  return (
    <form
      className="an-row"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="field">
        <label htmlFor="an-share-type">Share with a</label>
        <select
          id="an-share-type"
          value={type}
          onChange={(e) => {
            setType(e.target.value as 'user' | 'role');
            setValue('');
            setInvalid(null);
          }}
        >
          <option value="user">User</option>
          <option value="role">Role</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="an-share-who">{type === 'user' ? 'User' : 'Role'}</label>
        {options ? (
          <select id="an-share-who" value={chosen} onChange={(e) => setValue(e.target.value)}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            id="an-share-who"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            placeholder={type === 'user' ? 'User id' : 'sales-rep'}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? 'an-share-invalid' : undefined}
          />
        )}
        {invalid && (
          <p id="an-share-invalid" className="field-error">
            {invalid}
          </p>
        )}
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy || !chosen}>
        Share
      </button>
    </form>
  );
}
