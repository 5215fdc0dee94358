import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../../api';
import { BarChart, formatMoney, Money, PageHeader, QueryState, useAuth } from '../../../components';
import { SCALE, sumDecimals, toChartNumber } from '../../../components/decimal';
import { monthLabel, useForecast } from '../shared/forecast';
import { OwnerName, pickPipeline, usePipelines, useUserDirectory } from '../shared/queries';
import '../crm.css';

const today = () => new Date().toISOString().slice(0, 10);
const startOfYear = () => `${new Date().getUTCFullYear()}-01-01`;

/** Weighted open pipeline by expected close month and by owner, and win rate / sales cycle for a period. */
export default function ForecastPage() {
  const uid = useId();
  const { user } = useAuth();
  const pipelines = usePipelines();
  const { ownerOptions } = useUserDirectory();
  const [pipelineId, setPipelineId] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [from, setFrom] = useState(startOfYear);
  const [to, setTo] = useState(today);
  const pipeline = pickPipeline(pipelines.data?.items, pipelineId);
  const forecast = useForecast(pipeline?.id, ownerId);
  const performance = useQuery({
    queryKey: ['crm', 'performance', pipeline?.id, ownerId, from, to],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/crm/pipelines/{id}/performance', {
          params: { path: { id: pipeline!.id }, query: { from, to, ...(ownerId ? { ownerId } : {}) } },
        }),
      ),
    enabled: Boolean(pipeline) && Boolean(from) && Boolean(to) && from <= to,
  });

  const items = forecast.data?.items ?? [];
  const currencies = [...new Set(items.map((i) => i.currency))];
  const mainCurrency = currencies[0] ?? 'EUR';
  const sorted = [...items].sort((a, b) => (a.month ?? '9999').localeCompare(b.month ?? '9999'));
  const byOwner = forecast.data?.byOwner ?? [];

  return (
    <>
      <PageHeader title="Forecast" description="Open opportunities by expected close, weighted by probability." />
      <div className="toolbar" role="group" aria-label="Forecast options">
        {(pipelines.data?.items.length ?? 0) > 1 && (
          <div className="filter">
            <label htmlFor={`${uid}-p`}>Pipeline</label>
            <select id={`${uid}-p`} value={pipeline?.id ?? ''} onChange={(e) => setPipelineId(e.target.value)}>
              {pipelines.data?.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="filter">
          <label htmlFor={`${uid}-o`}>Owner</label>
          <select id={`${uid}-o`} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">All I can see</option>
            {ownerOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QueryState query={forecast} height="14em">
        {() => (
          <>
            <div className="crm-kpis">
              {currencies.map((c) => {
                const rows = items.filter((i) => i.currency === c);
                return (
                  <div className="card crm-kpi" key={c}>
                    <span className="muted">Open pipeline ({c})</span>
                    <strong>
                      <Money
                        amount={sumDecimals(
                          rows.map((r) => r.amount),
                          SCALE,
                        )}
                        currency={c}
                      />
                    </strong>
                    <span className="muted">
                      weighted{' '}
                      <Money
                        amount={sumDecimals(
                          rows.map((r) => r.weightedAmount),
                          SCALE,
                        )}
                        currency={c}
                      />{' '}
                      · {rows.reduce((n, r) => n + r.count, 0)} opportunities
                    </span>
                  </div>
                );
              })}
              {currencies.length === 0 && <p className="muted">No open opportunities.</p>}
            </div>
            <div className="grid-2">
              <section className="card" aria-labelledby={`${uid}-month`}>
                <h2 id={`${uid}-month`}>By expected close month</h2>
                {sorted.some((i) => i.currency === mainCurrency) && (
                  <BarChart
                    title={`Weighted pipeline by month (${mainCurrency})`}
                    data={sorted
                      .filter((i) => i.currency === mainCurrency)
                      .map((i) => ({ label: monthLabel(i.month), value: toChartNumber(i.weightedAmount) }))}
                    formatValue={(v) => formatMoney(String(v), mainCurrency)}
                  />
                )}
                <table aria-label="Forecast by month">
                  <thead>
                    <tr>
                      <th scope="col">Month</th>
                      <th scope="col" className="num">
                        Count
                      </th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                      <th scope="col" className="num">
                        Weighted
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {sorted.map((i) => (
                      <tr key={`${i.month}-${i.currency}`}>
                        <td>{monthLabel(i.month)}</td>
                        <td className="num">{i.count}</td>
                        <td className="num">
                          <Money amount={i.amount} currency={i.currency} />
                        </td>
                        <td className="num">
                          <Money amount={i.weightedAmount} currency={i.currency} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
              <section className="card" aria-labelledby={`${uid}-owner`}>
                <h2 id={`${uid}-owner`}>By owner</h2>
                {byOwner.some((o) => o.currency === mainCurrency) && (
                  <BarChart
                    title={`Weighted pipeline by owner (${mainCurrency})`}
                    data={byOwner
                      .filter((o) => o.currency === mainCurrency)
                      .map((o) => ({
                        label: o.ownerId === user.id ? 'You' : (o.ownerName ?? 'Unknown user'),
                        value: toChartNumber(o.weightedAmount),
                      }))}
                    formatValue={(v) => formatMoney(String(v), mainCurrency)}
                  />
                )}
                <table aria-label="Forecast by owner">
                  <thead>
                    <tr>
                      <th scope="col">Owner</th>
                      <th scope="col" className="num">
                        Count
                      </th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                      <th scope="col" className="num">
                        Weighted
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {byOwner.map((o) => (
                      <tr key={`${o.ownerId}-${o.currency}`}>
                        <td>
                          <OwnerName name={o.ownerName} />
                        </td>
                        <td className="num">{o.count}</td>
                        <td className="num">
                          <Money amount={o.amount} currency={o.currency} />
                        </td>
                        <td className="num">
                          <Money amount={o.weightedAmount} currency={o.currency} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </div>
          </>
        )}
      </QueryState>
      <section className="card" aria-labelledby={`${uid}-perf`}>
        <h2 id={`${uid}-perf`}>Win rate and sales cycle</h2>
        <div className="toolbar" role="group" aria-label="Period">
          <div className="filter">
            <label htmlFor={`${uid}-from`}>Closed from</label>
            <input id={`${uid}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="filter">
            <label htmlFor={`${uid}-to`}>to</label>
            <input id={`${uid}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
        </div>
        {from > to ? (
          <p className="field-error">The start is after the end.</p>
        ) : (
          <QueryState query={performance} height="4em">
            {(perf) => (
              <div className="crm-kpis">
                <div className="crm-kpi">
                  <span className="muted">Win rate</span>
                  <strong>{perf.winRate === null ? '—' : `${(Number(perf.winRate) * 100).toFixed(1)}%`}</strong>
                  <span className="muted">
                    {perf.won} won · {perf.lost} lost
                  </span>
                </div>
                <div className="crm-kpi">
                  <span className="muted">Average sales cycle</span>
                  <strong>{perf.averageSalesCycleDays === null ? '—' : `${perf.averageSalesCycleDays} days`}</strong>
                  <span className="muted">creation to win</span>
                </div>
                {perf.wonAmounts.map((w) => (
                  <div className="crm-kpi" key={w.currency}>
                    <span className="muted">Won ({w.currency})</span>
                    <strong>
                      <Money amount={w.amount} currency={w.currency} />
                    </strong>
                    <span className="muted">{w.count} opportunities</span>
                  </div>
                ))}
              </div>
            )}
          </QueryState>
        )}
      </section>
    </>
  );
}
