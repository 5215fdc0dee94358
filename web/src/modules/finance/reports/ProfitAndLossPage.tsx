import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { BarChart, formatDate, formatMoney, Money, PageHeader, QueryState } from '../../../components';
import { today, toChartNumber } from '../decimal';
import { CsvButton, DateInput, ReportControls, ReportTabs, SectionRows, startOfYear, useReport } from './common';

const PATH = '/api/v1/finance/reports/profit-and-loss';

export default function ProfitAndLossPage() {
  const [to, setTo] = useState(today());
  const [from, setFrom] = useState(startOfYear(to));
  const query = { from, to };
  const report = useReport([PATH, query], (signal) => unwrap(api.GET(PATH, { params: { query }, signal })), from <= to);
  return (
    <>
      <PageHeader title="Profit and loss" description="Income and expenses over a period, and the net result." />
      <ReportTabs />
      <ReportControls>
        <DateInput label="From" value={from} onChange={setFrom} />
        <DateInput label="To" value={to} onChange={setTo} />
        <CsvButton path={PATH} query={query} filename={`profit-and-loss-${from}-${to}.csv`} />
      </ReportControls>
      {from > to ? (
        <div className="banner banner-warning" role="alert">
          “From” is after “To”: choose a period the right way round.
        </div>
      ) : (
        <QueryState query={report} height="12em">
          {(data) => (
            <section className="card" aria-label="Profit and loss">
              <dl className="fin-kpis">
                <div>
                  <dt>Income</dt>
                  <dd>
                    <Money amount={data.income.total} currency={data.currency} />
                  </dd>
                </div>
                <div>
                  <dt>Expenses</dt>
                  <dd>
                    <Money amount={data.expenses.total} currency={data.currency} />
                  </dd>
                </div>
                <div>
                  <dt>{data.netResult.startsWith('-') ? 'Net loss' : 'Net profit'}</dt>
                  <dd>
                    <Money amount={data.netResult} currency={data.currency} />
                  </dd>
                </div>
              </dl>
              <BarChart
                title={`Income, expenses and result, ${formatDate(from)} – ${formatDate(to)}`}
                data={[
                  { label: 'Income', value: toChartNumber(data.income.total) },
                  { label: 'Expenses', value: toChartNumber(data.expenses.total) },
                  { label: 'Result', value: toChartNumber(data.netResult) },
                ]}
                formatValue={(v) => formatMoney(String(v), data.currency)}
              />
              <div className="table-scroll">
                <table
                  className="fin-report-table"
                  aria-label="Profit and loss by account"
                  aria-busy={report.isFetching}
                >
                  <thead>
                    <tr>
                      <th scope="col">Code</th>
                      <th scope="col">Account</th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                    </tr>
                  </thead>
                  <SectionRows title="Income" section={data.income} currency={data.currency} />
                  <SectionRows title="Expenses" section={data.expenses} currency={data.currency} />
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={2}>
                        Net result
                      </th>
                      <td className="num">
                        <Money amount={data.netResult} currency={data.currency} />
                      </td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            </section>
          )}
        </QueryState>
      )}
    </>
  );
}
