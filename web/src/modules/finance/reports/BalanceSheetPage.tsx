import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { BarChart, formatDate, formatMoney, Money, PageHeader, QueryState } from '../../../components';
import { today, toChartNumber } from '../decimal';
import { CsvButton, DateInput, ReportControls, ReportTabs, SectionRows, useReport } from './common';

const PATH = '/api/v1/finance/reports/balance-sheet';

export default function BalanceSheetPage() {
  const [date, setDate] = useState(today());
  const query = { date };
  const report = useReport([PATH, query], (signal) => unwrap(api.GET(PATH, { params: { query }, signal })));
  return (
    <>
      <PageHeader title="Balance sheet" description="Assets, liabilities and equity at a date." />
      <ReportTabs />
      <ReportControls>
        <DateInput label="As of" value={date} onChange={setDate} />
        <CsvButton path={PATH} query={query} filename={`balance-sheet-${date}.csv`} />
      </ReportControls>
      <QueryState query={report} height="12em">
        {(data) => (
          <section className="card" aria-label="Balance sheet">
            {!data.balanced && (
              <div className="banner banner-error" role="alert">
                Assets do not equal liabilities and equity.
              </div>
            )}
            <BarChart
              title={`Balance sheet on ${formatDate(data.date)}`}
              data={[
                { label: 'Assets', value: toChartNumber(data.assets.total) },
                { label: 'Liabilities', value: toChartNumber(data.liabilities.total) },
                { label: 'Equity', value: toChartNumber(data.equity.total) },
              ]}
              formatValue={(v) => formatMoney(String(v), data.currency)}
            />
            <div className="table-scroll">
              <table className="fin-report-table" aria-label="Balance sheet by account" aria-busy={report.isFetching}>
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Account</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                  </tr>
                </thead>
                <SectionRows
                  title="Assets"
                  section={data.assets}
                  currency={data.currency}
                  drill={{ from: data.fiscalYearStart, to: data.date }}
                />
                <SectionRows
                  title="Liabilities"
                  section={data.liabilities}
                  currency={data.currency}
                  drill={{ from: data.fiscalYearStart, to: data.date }}
                />
                <tbody>
                  <tr className="fin-group-row">
                    <th scope="rowgroup" colSpan={3}>
                      Equity
                    </th>
                  </tr>
                  {data.equity.groups.flatMap((g) =>
                    g.accounts.map((a) => (
                      <tr key={a.accountId}>
                        <td className="fin-indent muted">{a.code}</td>
                        <td className="fin-indent">
                          <Link
                            to="/finance/reports/general-ledger"
                            search={{ accountId: a.accountId, from: data.fiscalYearStart, to: data.date }}
                          >
                            {a.name}
                          </Link>
                        </td>
                        <td className="num">
                          <Money amount={a.amount} currency={data.currency} />
                        </td>
                      </tr>
                    )),
                  )}
                  <tr>
                    <td />
                    <td className="fin-indent">Result of the current year (since {data.fiscalYearStart})</td>
                    <td className="num">
                      <Money amount={data.equity.currentYearResult} currency={data.currency} />
                    </td>
                  </tr>
                  <tr>
                    <td />
                    <td className="fin-indent">Result of earlier years not yet closed</td>
                    <td className="num">
                      <Money amount={data.equity.priorYearsResult} currency={data.currency} />
                    </td>
                  </tr>
                  <tr>
                    <th scope="row" colSpan={2}>
                      Total equity
                    </th>
                    <td className="num">
                      <strong>
                        <Money amount={data.equity.total} currency={data.currency} />
                      </strong>
                    </td>
                  </tr>
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={2}>
                      Liabilities and equity {data.balanced ? '(balanced)' : '(not balanced)'}
                    </th>
                    <td className="num">
                      <Money amount={data.totalLiabilitiesAndEquity} currency={data.currency} />
                    </td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>
        )}
      </QueryState>
    </>
  );
}
