import { Link, useParams } from '@tanstack/react-router';
import { EmptyState, PageHeader, QueryState, useAuth } from '../../components';
import { AddKeyResultForm } from './AddKeyResultForm';
import { KeyResultCard } from './KeyResultCard';
import {
  LEVEL_LABELS,
  ownerName,
  PERSPECTIVE_LABELS,
  useCycles,
  useObjective,
  useObjectives,
  useUserNames,
  type Objective,
} from './queries';
import { HealthBadge, ProgressMeter } from './ui';

/** An objective: its key results with their history and check-ins, its children, and adding a key result. */
export default function ObjectivePage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const objective = useObjective(id);
  return (
    <QueryState query={objective} height="20em">
      {(o) => <ObjectiveView objective={o} />}
    </QueryState>
  );
}

function ObjectiveView({ objective: o }: { objective: Objective }) {
  const { user, can } = useAuth();
  const names = useUserNames();
  const cycles = useCycles();
  const siblings = useObjectives(o.cycleId);
  const cycle = cycles.data?.items.find((c) => c.id === o.cycleId);
  const open = cycle?.status === 'open';
  const canEdit = open && can('strategy:write') && (o.ownerId === user.id || can('strategy:admin'));
  const byId = new Map((siblings.data?.items ?? []).map((s) => [s.id, s]));
  const parent = o.parentId ? byId.get(o.parentId) : undefined;
  const children = o.childIds.map((c) => byId.get(c)).filter((c): c is Objective => Boolean(c));
  return (
    <>
      <PageHeader
        title={o.title}
        description={[
          LEVEL_LABELS[o.level],
          o.department,
          `owned by ${ownerName(names, o.ownerId, user.id)}`,
          o.perspective && PERSPECTIVE_LABELS[o.perspective],
          cycle?.name,
        ]
          .filter(Boolean)
          .join(' · ')}
        actions={
          <>
            <HealthBadge health={o.health} />
            <Link to="/strategy" search={{ cycle: o.cycleId }} className="btn">
              Alignment
            </Link>
            {can('strategy:write') && open && (
              <Link to="/strategy/objectives/new" search={{ cycle: o.cycleId, parent: o.id }} className="btn">
                Add a child objective
              </Link>
            )}
          </>
        }
      />
      <section className="card" aria-labelledby="st-summary">
        <h2 id="st-summary">Progress</h2>
        <ProgressMeter progress={o.progress} label={o.title} />
        {o.status !== 'active' && <span className="badge">{o.status === 'done' ? 'Done' : 'Cancelled'}</span>}
        {o.description && <p>{o.description}</p>}
        {parent && (
          <p>
            Contributes to <Link to={`/strategy/objectives/${parent.id}`}>{parent.title}</Link>
          </p>
        )}
        {children.length > 0 && (
          <>
            <h3>Child objectives</h3>
            <ul className="plain-list">
              {children.map((c) => (
                <li key={c.id}>
                  <Link to={`/strategy/objectives/${c.id}`}>{c.title}</Link>{' '}
                  <ProgressMeter progress={c.progress} label={c.title} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="st-krs">
        <h2 id="st-krs">Key results</h2>
        {o.keyResults.length === 0 && <EmptyState title="No key results yet" />}
        {o.keyResults.map((kr) => (
          <KeyResultCard key={kr.id} kr={kr} canEdit={canEdit} />
        ))}
      </section>
      {canEdit && <AddKeyResultForm objectiveId={o.id} />}
    </>
  );
}
