import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../../api';
import { BarChart, formatMoney, Money, QueryState } from '../../../components';
import { today, toChartNumber } from '../decimal';
import { startOfYear, useReport } from '../reports/common';

/** Dashboard widget: this calendar year's income, expenses and result. */
export default function ResultWidget() {
  const to = today();
  const query = { from: startOfYear(to), to };
  const report = useReport(['profit-and-loss', query], (signal) =>
    unwrap(api.GET('/api/v1/finance/reports/profit-and-loss', { params: { query }, signal })),
  );
  return (
    <QueryState query={report} height="8em">
      {({ income, expenses, netResult, currency }) => (
        <>
          <dl className="fin-kpis">
            <div>
              <dt>
                {netResult.startsWith('-') ? 'Loss' : 'Profit'} {to.slice(0, 4)}
              </dt>
              <dd>
                <Money amount={netResult} currency={currency} />
              </dd>
            </div>
          </dl>
          <BarChart
            title={`Income and expenses ${to.slice(0, 4)}`}
            height={140}
            data={[
              { label: 'Income', value: toChartNumber(income.total) },
              { label: 'Expenses', value: toChartNumber(expenses.total) },
              { label: 'Result', value: toChartNumber(netResult) },
            ]}
            formatValue={(v) => formatMoney(String(v), currency)}
          />
          <Link to="/finance/reports/profit-and-loss">Profit and loss</Link>
        </>
      )}
    </QueryState>
  );
}
