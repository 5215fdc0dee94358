import { useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap, type Schema } from '../../api';
import { EmptyState, formatMoney, PageHeader, QueryState, Spinner } from '../../components';
import { CyclePicker } from './CyclePicker';
import {
  currentCycle,
  LEVEL_LABELS,
  PERSPECTIVE_LABELS,
  sKeys,
  useCycles,
  type Cycle,
  type Scorecard,
} from './queries';
import { objectiveRag, ProgressMeter, RagBadge } from './ui';

/** The balanced scorecard of a cycle: objectives and KPIs by perspective, each red, amber or green. */
export default function ScorecardPage() {
  const cycles = useCycles();
  return (
    <QueryState query={cycles} height="12em">
      {({ items }) =>
        items.length === 0 ? (
          <>
            <PageHeader title="Scorecard" />
            <EmptyState title="No cycles yet" />
          </>
        ) : (
          <CycleScorecard cycles={items} />
        )
      }
    </QueryState>
  );
}

function CycleScorecard({ cycles }: { cycles: Cycle[] }) {
  const search = useSearch({ strict: false }) as { cycle?: string };
  const [cycleId, setCycleId] = useState(
    () => cycles.find((c) => c.id === search.cycle)?.id ?? currentCycle(cycles)?.id ?? '',
  );
  const scorecard = useQuery({
    queryKey: sKeys.scorecard(cycleId),
    queryFn: () => unwrap(api.GET('/api/v1/strategy/cycles/{id}/scorecard', { params: { path: { id: cycleId } } })),
    enabled: Boolean(cycleId),
  });
  return (
    <>
      <PageHeader
        title="Scorecard"
        description="Objectives and KPIs by perspective"
        actions={
          <>
            <CyclePicker cycles={cycles} value={cycleId} onChange={setCycleId} />
            <Link to="/strategy" search={{ cycle: cycleId }} className="btn">
              Alignment
            </Link>
          </>
        }
      />
      <QueryState query={scorecard} height="16em">
        {(s) =>
          s.perspectives.length === 0 ? (
            <EmptyState title="Nothing on the scorecard yet">
              <p>Objectives and KPIs show here once they have a perspective.</p>
            </EmptyState>
          ) : (
            s.perspectives.map((p) => <PerspectiveCard key={p.perspective} group={p} />)
          )
        }
      </QueryState>
    </>
  );
}

type Group = Scorecard['perspectives'][number];

const kpiValue = (s: Schema<'StrategyKpiStatus'>) =>
  s.value === null ? 'No value' : s.currency ? formatMoney(s.value, s.currency) : s.value;

function PerspectiveCard({ group }: { group: Group }) {
  const headingId = `st-p-${group.perspective}`;
  return (
    <section className="card st-perspective" aria-labelledby={headingId}>
      <h2 id={headingId}>{PERSPECTIVE_LABELS[group.perspective]}</h2>
      {group.objectives.length === 0 && group.kpis.length === 0 && (
        <p className="muted">No objectives or KPIs in this perspective.</p>
      )}
      {group.objectives.length > 0 && (
        <table>
          <caption className="visually-hidden">Objectives: {PERSPECTIVE_LABELS[group.perspective]}</caption>
          <thead>
            <tr>
              <th scope="col">Objective</th>
              <th scope="col">Level</th>
              <th scope="col">Progress</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {group.objectives.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link to={`/strategy/objectives/${o.id}`}>{o.title}</Link>
                </td>
                <td>{LEVEL_LABELS[o.level]}</td>
                <td>
                  <ProgressMeter progress={o.progress} label={o.title} />
                </td>
                <td>
                  <RagBadge rag={objectiveRag(o.progress, o.health)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {group.kpis.length > 0 && (
        <table>
          <caption className="visually-hidden">KPIs: {PERSPECTIVE_LABELS[group.perspective]}</caption>
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col">Target</th>
              <th scope="col">Value</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {group.kpis.map((k) => (
              <KpiRow key={k.id} kpi={k} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A KPI's row: its value over the cycle so far and red/amber/green, evaluated live. */
function KpiRow({ kpi }: { kpi: Group['kpis'][number] }) {
  const status = useQuery({
    queryKey: sKeys.kpi(kpi.id),
    queryFn: () => unwrap(api.POST('/api/v1/strategy/kpis/{id}/evaluate', { params: { path: { id: kpi.id } } })),
    staleTime: 60_000,
  });
  return (
    <tr>
      <td>
        {kpi.name} <span className="muted">{kpi.metricKey}</span>
      </td>
      <td>{kpi.target}</td>
      <td>{status.data ? kpiValue(status.data) : status.isError ? 'Not available' : <Spinner />}</td>
      <td>{status.data ? <RagBadge rag={status.data.rag} /> : null}</td>
    </tr>
  );
}
