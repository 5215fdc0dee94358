import { Link } from '@tanstack/react-router';
import { BarChart, formatMoney, Money, QueryState } from '../../../components';
import { monthLabel, useForecast, type ForecastItem } from '../shared/forecast';
import { SCALE, sumDecimals, toChartNumber } from '../../../components/decimal';
import { pickPipeline, usePipelines } from '../shared/queries';
import '../crm.css';

/** Dashboard: open pipeline value, this month's weighted forecast and the next months as a chart. */
export default function PipelineWidget() {
  const pipelines = usePipelines();
  const pipeline = pickPipeline(pipelines.data?.items);
  const forecast = useForecast(pipeline?.id);
  return (
    <QueryState query={pipelines} height="8em" retry={false}>
      {() => (
        <QueryState query={forecast} height="8em" retry={false}>
          {(f) => <PipelineSummary items={f.items} />}
        </QueryState>
      )}
    </QueryState>
  );
}

function PipelineSummary({ items }: { items: ForecastItem[] }) {
  const currency = items[0]?.currency ?? 'EUR';
  const mine = items.filter((i) => i.currency === currency);
  const thisMonth = new Date().toISOString().slice(0, 7);
  const open = sumDecimals(
    mine.map((i) => i.amount),
    SCALE,
  );
  const weightedNow = sumDecimals(
    mine.filter((i) => i.month === thisMonth).map((i) => i.weightedAmount),
    SCALE,
  );
  const upcoming = mine
    .filter((i) => i.month !== null && i.month >= thisMonth)
    .sort((a, b) => a.month!.localeCompare(b.month!))
    .slice(0, 6);
  return (
    <div className="crm-widget">
      <div className="crm-kpis">
        <div className="crm-kpi">
          <span className="muted">Open pipeline</span>
          <strong>
            <Money amount={open} currency={currency} />
          </strong>
        </div>
        <div className="crm-kpi">
          <span className="muted">Weighted, closing this month</span>
          <strong>
            <Money amount={weightedNow} currency={currency} />
          </strong>
        </div>
      </div>
      {upcoming.length > 0 && (
        <BarChart
          title={`Weighted forecast by month (${currency})`}
          height={140}
          data={upcoming.map((i) => ({ label: monthLabel(i.month), value: toChartNumber(i.weightedAmount) }))}
          formatValue={(v) => formatMoney(String(v), currency)}
        />
      )}
      <p>
        <Link to="/crm/board">Open the board</Link> · <Link to="/crm/forecast">Forecast</Link>
      </p>
    </div>
  );
}
