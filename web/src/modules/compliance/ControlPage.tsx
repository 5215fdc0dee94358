import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { api, unwrap } from '../../api';
import { EmptyState, PageHeader, QueryState, formatDate, useAuth } from '../../components';
import { CONTROL_STATUS_LABELS, useControl, useRequirement, useUsers } from './api';
import { HealthBadge, OwnerName } from './ui';
import './compliance.css';

/** A control: its health with reasons, the requirements it is linked to and its evidence. */
export default function ControlPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const control = useControl(id);
  const { can } = useAuth();
  const names = useUsers();
  return (
    <QueryState query={control} height="12em">
      {(c) => (
        <>
          <PageHeader
            title={c.name}
            description={c.description || undefined}
            actions={
              <>
                <Link to="/compliance" className="btn">
                  All controls
                </Link>
                {can('compliance:write') && (
                  <Link to={`/compliance/controls/${c.id}/edit`} className="btn btn-primary">
                    Edit control
                  </Link>
                )}
              </>
            }
          />
          <dl className="card detail-list compliance-dl">
            <dt>Health</dt>
            <dd>
              <HealthBadge health={c.health} />
              {c.health.reasons.length > 0 && (
                <ul>
                  {c.health.reasons.map((r) => (
                    <li key={`${r.code}-${r.collector ?? ''}`}>{r.message}</li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>Status</dt>
            <dd>{CONTROL_STATUS_LABELS[c.status]}</dd>
            <dt>Owner</dt>
            <dd>
              <OwnerName id={c.ownerId} names={names} />
            </dd>
            <dt>Next review</dt>
            <dd>
              {c.nextReviewDate ? formatDate(c.nextReviewDate) : '—'} (every {c.reviewFrequencyDays} days)
            </dd>
            {c.collectors.length > 0 && (
              <>
                <dt>Evidence collectors</dt>
                <dd>{c.collectors.join(', ')}</dd>
              </>
            )}
            {c.implementationNotes && (
              <>
                <dt>Implementation notes</dt>
                <dd>{c.implementationNotes}</dd>
              </>
            )}
          </dl>
          <section className="compliance-section" aria-labelledby="control-reqs">
            <h2 id="control-reqs">Linked requirements</h2>
            {c.requirementIds.length === 0 ? (
              <EmptyState title="Not linked to any requirement" />
            ) : (
              <ul>
                {c.requirementIds.map((rid) => (
                  <RequirementItem key={rid} id={rid} />
                ))}
              </ul>
            )}
          </section>
          <Evidence controlId={c.id} />
        </>
      )}
    </QueryState>
  );
}

function RequirementItem({ id }: { id: string }) {
  const req = useRequirement(id);
  if (!req.data) return <li className="muted">{req.isError ? 'A requirement that could not be read' : '…'}</li>;
  const r = req.data;
  return (
    <li>
      <Link to={`/compliance/frameworks/${r.frameworkId}`}>
        {r.frameworkName} {r.frameworkVersion}
      </Link>
      : <strong>{r.refId}</strong> {r.title}
    </li>
  );
}

function Evidence({ controlId }: { controlId: string }) {
  const evidence = useQuery({
    queryKey: ['compliance', 'control', controlId, 'evidence'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/compliance/evidence', { params: { query: { controlId, limit: 200 } }, signal })),
  });
  return (
    <section className="compliance-section" aria-labelledby="control-evidence">
      <h2 id="control-evidence">Evidence</h2>
      <QueryState query={evidence} height="6em">
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title="No evidence yet" />
          ) : (
            <div className="card table-scroll">
              <table>
                <caption className="visually-hidden">Evidence</caption>
                <thead>
                  <tr>
                    <th scope="col">Evidence</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Expires</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((e) => (
                    <tr key={e.id}>
                      <td>
                        {e.url ? (
                          <a href={e.url} rel="noreferrer noopener" target="_blank">
                            {e.title}
                          </a>
                        ) : (
                          e.title
                        )}
                        {e.note && <div className="muted">{e.note}</div>}
                      </td>
                      <td>{e.kind}</td>
                      <td>
                        {e.expiresOn ? formatDate(e.expiresOn) : '—'}
                        {e.expired && <span className="badge health-red"> Expired</span>}
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
  );
}
