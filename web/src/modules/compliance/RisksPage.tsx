import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api';
import { EmptyState, PageHeader, QueryState, useAuth } from '../../components';
import { complianceKeys, TREATMENT_LABELS, useAssets, useUsers, type HeatMap, type Risk } from './api';
import { OwnerName } from './ui';
import './compliance.css';

type Basis = 'inherent' | 'residual';
interface Cell {
  likelihood: number;
  impact: number;
}

/** The risk register: a likelihood × impact heat map (a table of counts; a cell filters the list) and the risks. */
export default function RisksPage() {
  const [basis, setBasis] = useState<Basis>('inherent');
  const [cell, setCell] = useState<Cell | null>(null);
  const { can } = useAuth();
  const heatMap = useQuery({
    queryKey: [...complianceKeys.risks, 'heat-map', basis],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/compliance/risks/heat-map', { params: { query: { basis } }, signal })),
  });
  const risks = useQuery({
    queryKey: [...complianceKeys.risks, 'all'],
    queryFn: async ({ signal }) => {
      const all: Risk[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 25; i++) {
        const page = await unwrap(
          api.GET('/api/v1/compliance/risks', {
            params: { query: { limit: 200, sort: 'title', ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        );
        all.push(...(page.items as Risk[]));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return all;
    },
  });
  return (
    <>
      <PageHeader
        title="Risk register"
        description="Threats to assets rated by likelihood and impact, with their treatment. Choose a cell of the heat map to list its risks."
        actions={
          <>
            <Link to="/compliance/assets" className="btn">
              Assets
            </Link>
            {can('compliance:write') && (
              <Link to="/compliance/risks/new" className="btn btn-primary">
                New risk
              </Link>
            )}
          </>
        }
      />
      <section className="card compliance-section" aria-labelledby="heat-heading">
        <h2 id="heat-heading">Heat map</h2>
        <label>
          Rating{' '}
          <select
            value={basis}
            onChange={(e) => {
              setBasis(e.target.value as Basis);
              setCell(null);
            }}
          >
            <option value="inherent">Inherent (before controls)</option>
            <option value="residual">Residual (after controls)</option>
          </select>
        </label>
        <QueryState query={heatMap} height="12em">
          {(map) => <HeatMapTable map={map} selected={cell} onSelect={setCell} />}
        </QueryState>
      </section>
      <section className="compliance-section" aria-labelledby="risks-heading">
        <h2 id="risks-heading">
          Risks
          {cell && heatMap.data && (
            <>
              {' '}
              — likelihood {heatMap.data.likelihoodLevels[cell.likelihood - 1]}, impact{' '}
              {heatMap.data.impactLevels[cell.impact - 1]}
            </>
          )}
        </h2>
        {cell && (
          <button type="button" className="btn" onClick={() => setCell(null)}>
            Show all risks
          </button>
        )}
        <QueryState query={risks} height="8em">
          {(items) => <RiskTable risks={filterRisks(items, basis, cell)} />}
        </QueryState>
      </section>
    </>
  );
}

function filterRisks(risks: Risk[], basis: Basis, cell: Cell | null): Risk[] {
  if (!cell) return risks;
  return risks.filter((r) => {
    const rating = basis === 'inherent' ? r.inherent : r.residual;
    return rating !== null && rating.likelihood === cell.likelihood && rating.impact === cell.impact;
  });
}

/** The cell's colour: the matrix's band when it is one of the usual names, else by score (text says it too). */
function heatClass(count: number, band: string | undefined, score: number, max: number) {
  if (count === 0) return 'heat-0';
  if (band && ['low', 'medium', 'high', 'critical'].includes(band.toLowerCase())) return `heat-${band.toLowerCase()}`;
  const share = score / max;
  return share >= 0.6 ? 'heat-high' : share >= 0.25 ? 'heat-medium' : 'heat-low';
}

function HeatMapTable({
  map,
  selected,
  onSelect,
}: {
  map: HeatMap;
  selected: Cell | null;
  onSelect: (cell: Cell | null) => void;
}) {
  const max = map.likelihoodLevels.length * map.impactLevels.length;
  const count = (likelihood: number, impact: number) =>
    map.cells.find((c) => c.likelihood === likelihood && c.impact === impact);
  // Highest likelihood on top, as a heat map is read.
  const likelihoods = map.likelihoodLevels.map((label, i) => ({ label, value: i + 1 })).reverse();
  return (
    <div className="table-scroll">
      <table className="heat-map">
        <caption>
          Risks by likelihood and impact ({map.basis}): {map.total} rated
          {map.unrated > 0 && `, ${map.unrated} without a residual rating`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Likelihood \ Impact</th>
            {map.impactLevels.map((label) => (
              <th scope="col" key={label}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {likelihoods.map((l) => (
            <tr key={l.value}>
              <th scope="row">{l.label}</th>
              {map.impactLevels.map((impactLabel, j) => {
                const impact = j + 1;
                const c = count(l.value, impact);
                const n = c?.count ?? 0;
                const pressed = selected?.likelihood === l.value && selected.impact === impact;
                return (
                  <td key={impactLabel}>
                    <button
                      type="button"
                      className={`btn ${heatClass(n, c?.band, l.value * impact, max)}`}
                      aria-pressed={pressed}
                      aria-label={`${n} ${n === 1 ? 'risk' : 'risks'}: likelihood ${l.label}, impact ${impactLabel}${c ? ` (${c.band})` : ''}`}
                      onClick={() => onSelect(pressed ? null : { likelihood: l.value, impact })}
                    >
                      {n}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RiskTable({ risks }: { risks: Risk[] }) {
  const names = useUsers();
  const assets = useAssets();
  const { can } = useAuth();
  if (risks.length === 0) return <EmptyState title="No risks here" />;
  return (
    <div className="card table-scroll">
      <table>
        <caption className="visually-hidden">Risks</caption>
        <thead>
          <tr>
            <th scope="col">Risk</th>
            <th scope="col">Inherent</th>
            <th scope="col">Residual</th>
            <th scope="col">Treatment</th>
            <th scope="col">Owner</th>
          </tr>
        </thead>
        <tbody>
          {risks.map((r) => (
            <tr key={r.id}>
              <td>
                {can('compliance:write') ? (
                  <Link to={`/compliance/risks/${r.id}/edit`} aria-label={`Edit risk ${r.title}`}>
                    {r.title}
                  </Link>
                ) : (
                  r.title
                )}
                {r.threat && <div className="muted">{r.threat}</div>}
                {r.assetId && (
                  <div className="muted">Asset: {assets.data?.find((a) => a.id === r.assetId)?.name ?? '…'}</div>
                )}
              </td>
              <td>
                {r.inherent.band} ({r.inherent.likelihoodLabel} × {r.inherent.impactLabel})
              </td>
              <td>
                {r.residual ? `${r.residual.band} (${r.residual.likelihoodLabel} × ${r.residual.impactLabel})` : '—'}
              </td>
              <td>
                {r.treatment ? TREATMENT_LABELS[r.treatment] : '—'}
                {r.acceptanceExpired && <span className="badge health-red"> Acceptance expired</span>}
              </td>
              <td>
                <OwnerName id={r.ownerId} names={names} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
