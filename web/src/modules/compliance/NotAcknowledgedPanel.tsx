import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api';
import { EmptyState, QueryState, useAuth, useToast } from '../../components';
import { complianceKeys, type Policy } from './api';

/** Who has not acknowledged the current version (HR's active employees, or active users), and reminders. */
export function NotAcknowledgedPanel({ policy }: { policy: Policy }) {
  const { can } = useAuth();
  const client = useQueryClient();
  const toast = useToast();
  const [sending, setSending] = useState(false);
  const report = useQuery({
    queryKey: [...complianceKeys.policy(policy.id), 'not-acknowledged', policy.currentVersion, policy.acknowledgements],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/compliance/policies/{id}/not-acknowledged', { params: { path: { id: policy.id } }, signal }),
      ),
  });
  const remind = async () => {
    setSending(true);
    try {
      const r = await unwrap(
        api.POST('/api/v1/compliance/policies/{id}/remind', { params: { path: { id: policy.id } } }),
      );
      if (r.queued) toast.success(`Reminders queued for ${r.recipients} ${r.recipients === 1 ? 'person' : 'people'}`);
      else toast.success(`Today's reminders were already sent (${r.recipients})`);
      await client.invalidateQueries({ queryKey: complianceKeys.policy(policy.id) });
    } catch (e) {
      toast.error(e);
    } finally {
      setSending(false);
    }
  };
  return (
    <section className="compliance-section" aria-labelledby="not-ack-heading">
      <h2 id="not-ack-heading">Not acknowledged yet</h2>
      <QueryState query={report} height="8em">
        {(r) => (
          <>
            <p>
              <meter min={0} max={Math.max(r.population, 1)} value={r.acknowledged} aria-label="Acknowledged" />{' '}
              <strong>
                {`${r.acknowledged} of ${r.population} ${r.basis === 'employees' ? 'active employees' : 'active users'} acknowledged version ${r.version}`}
              </strong>
            </p>
            {can('compliance:write') && r.people.some((x) => x.hasAccount) && (
              <p>
                <button type="button" className="btn" disabled={sending} onClick={() => void remind()}>
                  Send reminders
                </button>{' '}
                <span className="muted">An email to each with an account, once a day.</span>
              </p>
            )}
            {r.people.length === 0 ? (
              <EmptyState title="Everyone has acknowledged the current version" />
            ) : (
              <div className="card table-scroll">
                <table>
                  <caption className="visually-hidden">People who have not acknowledged version {r.version}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      {r.basis === 'employees' && <th scope="col">Employee</th>}
                      <th scope="col">Email</th>
                      <th scope="col">Account</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.people.map((x) => (
                      <tr key={x.employeeId ?? x.userId ?? x.email}>
                        <th scope="row">{x.name}</th>
                        {r.basis === 'employees' && <td>{x.employeeNumber}</td>}
                        <td>{x.email}</td>
                        <td>
                          {x.hasAccount ? 'Active' : <span className="badge health-amber">No active account</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
