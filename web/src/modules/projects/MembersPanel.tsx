import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, errorMessage, unwrap } from '../../api';
import { QueryState, useAuth, useConfirm } from '../../components';
import { pKeys, useMembers, type Project } from './queries';

type Role = 'manager' | 'member' | 'viewer';

/** The project's members and their roles; its managers add (from the user directory) and remove them. */
export function MembersPanel({ project: p }: { project: Project }) {
  const uid = useId();
  const { can } = useAuth();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const members = useMembers(p.id);
  const manage = p.canManage && !p.archived;
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [rate, setRate] = useState('');
  const users = useQuery({
    queryKey: ['projects', 'users'],
    queryFn: () => unwrap(api.GET('/api/v1/auth/users', { params: { query: { limit: 200, status: 'active' } } })),
    enabled: manage && can('auth:read'),
    staleTime: 5 * 60_000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: pKeys.members(p.id) });
  const put = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/projects/projects/{id}/members/{userId}', {
          params: { path: { id: p.id, userId } },
          body: { role, ...(rate.trim() ? { billingRate: rate.trim() } : {}) },
        }),
      ),
    onSuccess: () => {
      setUserId('');
      setRate('');
    },
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE('/api/v1/projects/projects/{id}/members/{userId}', { params: { path: { id: p.id, userId: id } } }),
      ),
    onSettled: refresh,
  });
  const error = put.error ?? remove.error;
  return (
    <section className="card" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Members</h2>
      <QueryState query={members}>
        {(m) => (
          <ul aria-label="Members">
            {m.items.map((x) => (
              <li key={x.userId}>
                {x.name ?? x.userId} <span className="muted">({x.role})</span>
                {x.billingRate && <span className="muted"> · bills {x.billingRate}/h</span>}
                {manage && x.userId !== p.managerId && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="btn btn-ghost"
                      aria-label={`Remove ${x.name ?? 'member'}`}
                      onClick={async () => {
                        if (
                          await confirm({
                            title: `Remove ${x.name ?? 'this member'}?`,
                            message: 'They will no longer see this project.',
                            confirmLabel: 'Remove',
                          })
                        )
                          remove.mutate(x.userId);
                      }}
                    >
                      Remove
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {manage && can('auth:read') && (
        <div className="toolbar" role="group" aria-label="Add a member">
          <div className="filter">
            <label htmlFor={`${uid}-u`}>Person</label>
            <select id={`${uid}-u`} value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">Choose…</option>
              {(users.data?.items ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name || u.email}
                </option>
              ))}
            </select>
          </div>
          <div className="filter">
            <label htmlFor={`${uid}-r`}>Role</label>
            <select id={`${uid}-r`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              <option value="member">Member</option>
              <option value="manager">Manager</option>
              <option value="viewer">Viewer</option>
            </select>
          </div>
          <div className="filter">
            <label htmlFor={`${uid}-b`}>Billing rate</label>
            <input id={`${uid}-b`} inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} />
          </div>
          <button type="button" className="btn" disabled={!userId || put.isPending} onClick={() => put.mutate()}>
            Add member
          </button>
        </div>
      )}
      {error && (
        <p className="banner banner-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
    </section>
  );
}
