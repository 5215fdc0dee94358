import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { EmptyState, PageHeader, QueryState, useAuth } from '../../components';
import { CyclePicker } from './CyclePicker';
import {
  currentCycle,
  LEVEL_LABELS,
  LEVELS,
  ownerName,
  useCycles,
  useObjectives,
  useUserNames,
  type Cycle,
  type Objective,
} from './queries';
import { HealthBadge, ProgressMeter } from './ui';

/** The alignment tree of a cycle: company → department → team → person objectives. */
export default function AlignmentPage() {
  const cycles = useCycles();
  return (
    <QueryState query={cycles} height="12em">
      {({ items }) =>
        items.length === 0 ? (
          <>
            <PageHeader title="Strategy" />
            <EmptyState title="No cycles yet">
              <p>A strategy administrator opens a cycle (a quarter or a year) for the objectives.</p>
            </EmptyState>
          </>
        ) : (
          <CycleTree cycles={items} />
        )
      }
    </QueryState>
  );
}

function CycleTree({ cycles }: { cycles: Cycle[] }) {
  const { can } = useAuth();
  const search = useSearch({ strict: false }) as { cycle?: string };
  const [cycleId, setCycleId] = useState(
    () => cycles.find((c) => c.id === search.cycle)?.id ?? currentCycle(cycles)?.id ?? '',
  );
  const cycle = cycles.find((c) => c.id === cycleId);
  const objectives = useObjectives(cycleId);
  return (
    <>
      <PageHeader
        title="Strategy"
        description={cycle ? `Alignment of ${cycle.name} (${cycle.status})` : undefined}
        actions={
          <>
            <CyclePicker cycles={cycles} value={cycleId} onChange={setCycleId} />
            <Link to="/strategy/scorecard" search={{ cycle: cycleId }} className="btn">
              Scorecard
            </Link>
            {can('strategy:write') && cycle?.status === 'open' && (
              <Link to="/strategy/objectives/new" search={{ cycle: cycleId }} className="btn btn-primary">
                New objective
              </Link>
            )}
          </>
        }
      />
      <section className="card" aria-labelledby="st-tree-title">
        <h2 id="st-tree-title">Objectives</h2>
        <QueryState query={objectives} height="12em">
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState title="No objectives in this cycle yet" />
            ) : (
              <ObjectiveTree objectives={items} />
            )
          }
        </QueryState>
      </section>
    </>
  );
}

const levelRank = (o: Objective) => LEVELS.indexOf(o.level);
const byLevelThenTitle = (a: Objective, b: Objective) => levelRank(a) - levelRank(b) || a.title.localeCompare(b.title);

/** The objectives as nested lists under their parents (an objective whose parent is elsewhere is a root). */
export function ObjectiveTree({ objectives }: { objectives: Objective[] }) {
  const { user } = useAuth();
  const names = useUserNames();
  const ids = new Set(objectives.map((o) => o.id));
  const children = new Map<string, Objective[]>();
  const roots: Objective[] = [];
  for (const o of objectives) {
    if (o.parentId && ids.has(o.parentId)) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
    else roots.push(o);
  }
  const render = (list: Objective[]) => (
    <ul>
      {[...list].sort(byLevelThenTitle).map((o) => (
        <li key={o.id}>
          <div className="st-node">
            <span className="badge">{LEVEL_LABELS[o.level]}</span>
            <Link to={`/strategy/objectives/${o.id}`}>{o.title}</Link>
            <span className="muted">{ownerName(names, o.ownerId, user.id)}</span>
            {o.department && <span className="muted">{o.department}</span>}
            <ProgressMeter progress={o.progress} label={o.title} />
            <HealthBadge health={o.health} />
            {o.status !== 'active' && <span className="badge">{o.status === 'done' ? 'Done' : 'Cancelled'}</span>}
          </div>
          {children.has(o.id) && render(children.get(o.id)!)}
        </li>
      ))}
    </ul>
  );
  return <div className="st-tree">{render(roots)}</div>;
}
