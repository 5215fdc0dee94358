import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { EmptyState, PageHeader, QueryState, useAuth } from '../../components';
import { CyclePicker } from './CyclePicker';
import { currentCycle, PERSPECTIVE_LABELS, useCycles, useKpis, useMetrics, type Cycle } from './queries';

/** A cycle's KPIs: metric, target and thresholds; new and edit for administrators. */
export default function KpisPage() {
  const cycles = useCycles();
  return (
    <QueryState query={cycles} height="12em">
      {({ items }) =>
        items.length === 0 ? (
          <>
            <PageHeader title="KPIs" />
            <EmptyState title="No cycles yet" />
          </>
        ) : (
          <CycleKpis cycles={items} />
        )
      }
    </QueryState>
  );
}

function CycleKpis({ cycles }: { cycles: Cycle[] }) {
  const search = useSearch({ strict: false }) as { cycle?: string };
  const { can } = useAuth();
  const [cycleId, setCycleId] = useState(
    () => cycles.find((c) => c.id === search.cycle)?.id ?? currentCycle(cycles)?.id ?? '',
  );
  const kpis = useKpis(cycleId);
  const metrics = useMetrics();
  const labels = new Map((metrics.data?.items ?? []).map((m) => [m.key, m.label]));
  const open = cycles.find((c) => c.id === cycleId)?.status === 'open';
  const admin = can('strategy:admin') && open;
  return (
    <>
      <PageHeader
        title="KPIs"
        description="Key performance indicators on live metrics, with red/amber/green thresholds"
        actions={
          <>
            <CyclePicker cycles={cycles} value={cycleId} onChange={setCycleId} />
            {admin && (
              <Link to="/strategy/kpis/new" search={{ cycle: cycleId }} className="btn btn-primary">
                New KPI
              </Link>
            )}
          </>
        }
      />
      <QueryState query={kpis} height="12em">
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title="No KPIs in this cycle" />
          ) : (
            <div className="card">
              <table>
                <caption className="visually-hidden">KPIs</caption>
                <thead>
                  <tr>
                    <th scope="col">KPI</th>
                    <th scope="col">Metric</th>
                    <th scope="col">Perspective</th>
                    <th scope="col">Target</th>
                    <th scope="col">Green from</th>
                    <th scope="col">Amber from</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((k) => (
                    <tr key={k.id}>
                      <td>{admin ? <Link to={`/strategy/kpis/${k.id}`}>{k.name}</Link> : k.name}</td>
                      <td>{labels.get(k.metricKey) ?? k.metricKey}</td>
                      <td>{k.perspective ? PERSPECTIVE_LABELS[k.perspective] : '—'}</td>
                      <td>{k.target}</td>
                      <td>{k.green}</td>
                      <td>{k.amber}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
