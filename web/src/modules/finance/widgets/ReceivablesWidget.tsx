import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../../api';
import { BarChart, formatMoney, Money, QueryState } from '../../../components';
import { today, toChartNumber } from '../decimal';
import { BUCKETS, overdue } from '../reports/AgingPage';
import { useReport } from '../reports/common';

/** Dashboard widget: receivables open today, how much is overdue, by age. */
export default function ReceivablesWidget() {
  const query = { side: 'receivables' as const, date: today() };
  const report = useReport(['aging', query], (signal) =>
    unwrap(api.GET('/api/v1/finance/reports/aging', { params: { query }, signal })),
  );
  return (
    <QueryState query={report} height="8em">
      {({ totals, currency }) => (
        <>
          <dl className="fin-kpis">
            <div>
              <dt>Open</dt>
              <dd>
                <Money amount={totals.total} currency={currency} />
              </dd>
            </div>
            <div>
              <dt>Overdue</dt>
              <dd>
                <Money amount={overdue(totals)} currency={currency} />
              </dd>
            </div>
          </dl>
          <BarChart
            title="Receivables by age"
            height={140}
            data={BUCKETS.map((b) => ({ label: b.label, value: toChartNumber(totals[b.key]) }))}
            formatValue={(v) => formatMoney(String(v), currency)}
          />
          <Link to="/finance/reports/aging">Aging report</Link>
        </>
      )}
    </QueryState>
  );
}
