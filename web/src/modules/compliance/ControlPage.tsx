import { Link, useParams } from '@tanstack/react-router';
import { EmptyState, PageHeader, QueryState, formatDate, useAuth } from '../../components';
import { CONTROL_STATUS_LABELS, useControl, usePolicies, useRequirement, useUsers } from './api';
import { CollectorArtefacts } from './CollectorArtefacts';
import { EvidencePanel } from './EvidencePanel';
import { HealthBadge, OwnerName } from './ui';
import './compliance.css';

/**
 * A control: its health with reasons, the requirements and policies it is linked to, its evidence
 * (added, edited and removed here) and the latest artefacts of the collectors it requires.
 */
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
          <LinkedPolicies ids={c.policyIds} />
          <EvidencePanel controlId={c.id} controlName={c.name} />
          <CollectorArtefacts collectors={c.collectors} />
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

function LinkedPolicies({ ids }: { ids: string[] }) {
  const policies = usePolicies();
  return (
    <section className="compliance-section" aria-labelledby="control-policies">
      <h2 id="control-policies">Linked policies</h2>
      {ids.length === 0 ? (
        <EmptyState title="Not linked to any policy" />
      ) : (
        <ul>
          {ids.map((pid) => {
            const p = policies.data?.find((x) => x.id === pid);
            return (
              <li key={pid}>
                <Link to={`/compliance/policies/${pid}`}>{p ? p.title : 'A policy'}</Link>
                {p && <span className="muted"> (version {p.currentVersion})</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
