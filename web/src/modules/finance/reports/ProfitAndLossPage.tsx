import { useId, useState } from 'react';
import { api, unwrap } from '../../../api';
import { BarChart, formatDate, formatMoney, Money, PageHeader, QueryState } from '../../../components';
import { subDecimals, today, toChartNumber } from '../decimal';
import {
  AmountHeaders,
  CsvButton,
  DateInput,
  ReportControls,
  ReportTabs,
  SectionRows,
  startOfYear,
  useReport,
} from './common';

const PATH = '/api/v1/finance/reports/profit-and-loss';
const COMPARISONS = {
  '': 'Nothing',
  'previous-period': 'The period before',
  'previous-year': 'The same period last year',
} as const;
type Compare = keyof typeof COMPARISONS;

export default function ProfitAndLossPage() {
  const [to, setTo] = useState(today());
  const [from, setFrom] = useState(startOfYear(to));
  const [compare, setCompare] = useState<Compare>('');
  const compareId = useId();
  const query = { from, to, ...(compare ? { compare } : {}) };
  const report = useReport([PATH, query], (signal) => unwrap(api.GET(PATH, { params: { query }, signal })), from <= to);
  return (
    <>
      <PageHeader title="Profit and loss" description="Income and expenses over a period, and the net result." />
      <ReportTabs />
      <ReportControls>
        <DateInput label="From" value={from} onChange={setFrom} />
        <DateInput label="To" value={to} onChange={setTo} />
        <div className="field">
          <label htmlFor={compareId}>Compare with</label>
          <select id={compareId} value={compare} onChange={(e) => setCompare(e.target.value as Compare)}>
            {Object.entries(COMPARISONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
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
              {data.comparison && (
                <p className="muted">
                  Compared with {formatDate(data.comparison.from)} – {formatDate(data.comparison.to)}: net result{' '}
                  <Money amount={data.comparison.netResult} currency={data.currency} />. Click an account for its
                  general ledger.
                </p>
              )}
              <BarChart
                title={`Income, expenses and result, ${formatDate(data.from)} – ${formatDate(data.to)}`}
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
                      <AmountHeaders compareLabel={data.comparison ? comparisonLabel(data.comparison) : undefined} />
                    </tr>
                  </thead>
                  <SectionRows title="Income" section={data.income} currency={data.currency} drill={data} />
                  <SectionRows title="Expenses" section={data.expenses} currency={data.currency} drill={data} />
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={2}>
                        Net result
                      </th>
                      <td className="num">
                        <Money amount={data.netResult} currency={data.currency} />
                      </td>
                      {data.comparison && (
                        <>
                          <td className="num">
                            <Money amount={data.comparison.netResult} currency={data.currency} />
                          </td>
                          <td className="num">
                            <Money
                              amount={subDecimals(
                                data.netResult,
                                data.comparison.netResult,
                                data.netResult.split('.')[1]?.length ?? 0,
                              )}
                              currency={data.currency}
                            />
                          </td>
                        </>
                      )}
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

/** "2025-01-01 – 2025-12-31" as a column heading. */
function comparisonLabel(c: { from: string; to: string }) {
  return `${formatDate(c.from)} – ${formatDate(c.to)}`;
}
