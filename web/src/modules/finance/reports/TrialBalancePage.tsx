import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { BarChart, EmptyState, formatMoney, Money, PageHeader, QueryState } from '../../../components';
import { isZero, sumDecimals, today, toChartNumber } from '../decimal';
import { CsvButton, DateInput, ReportControls, ReportTabs, startOfYear, useReport } from './common';

const PATH = '/api/v1/finance/reports/trial-balance';
const TYPES = ['asset', 'liability', 'equity', 'income', 'expense'] as const;
const TYPE_LABELS: Record<string, string> = {
  asset: 'Assets',
  liability: 'Liabilities',
  equity: 'Equity',
  income: 'Income',
  expense: 'Expenses',
};

export default function TrialBalancePage() {
  const [date, setDate] = useState(today());
  const [hideZero, setHideZero] = useState(true);
  const query = { date };
  const report = useReport([PATH, query], (signal) => unwrap(api.GET(PATH, { params: { query }, signal })));
  const rows = report.data?.rows.filter((r) => !hideZero || !isZero(r.debit) || !isZero(r.credit)) ?? [];
  return (
    <>
      <PageHeader title="Trial balance" description="Posted debits and credits per account up to a date." />
      <ReportTabs />
      <ReportControls>
        <DateInput label="As of" value={date} onChange={setDate} />
        <label className="field-check">
          <input type="checkbox" checked={hideZero} onChange={(e) => setHideZero(e.target.checked)} />
          Hide accounts without movements
        </label>
        <CsvButton path={PATH} query={query} filename={`trial-balance-${date}.csv`} />
      </ReportControls>
      <QueryState query={report} height="12em">
        {(data) => (
          <section className="card" aria-label="Trial balance">
            {!data.balanced && (
              <div className="banner banner-error" role="alert">
                Debits and credits differ: the ledger does not balance.
              </div>
            )}
            <BarChart
              title="Balance by account type (debit − credit)"
              data={TYPES.map((t) => ({
                label: TYPE_LABELS[t]!,
                value: toChartNumber(
                  sumDecimals(
                    data.rows.filter((r) => r.type === t).map((r) => r.balance),
                    2,
                  ),
                ),
              }))}
              formatValue={(v) => formatMoney(String(v), data.currency)}
            />
            {rows.length === 0 ? (
              <EmptyState title="Nothing posted up to this date" />
            ) : (
              <div className="table-scroll">
                <table className="fin-report-table" aria-label="Trial balance by account" aria-busy={report.isFetching}>
                  <thead>
                    <tr>
                      <th scope="col">Code</th>
                      <th scope="col">Account</th>
                      <th scope="col">Type</th>
                      <th scope="col" className="num">
                        Debit
                      </th>
                      <th scope="col" className="num">
                        Credit
                      </th>
                      <th scope="col" className="num">
                        Balance
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.accountId}>
                        <td>{r.code}</td>
                        <th scope="row">
                          {/* The account's ledger this year: its opening balance carries everything before. */}
                          <Link
                            to="/finance/reports/general-ledger"
                            search={{ accountId: r.accountId, from: startOfYear(date), to: date }}
                          >
                            {r.name}
                          </Link>
                        </th>
                        <td>{r.type}</td>
                        <td className="num">
                          <Money amount={r.debit} currency={data.currency} />
                        </td>
                        <td className="num">
                          <Money amount={r.credit} currency={data.currency} />
                        </td>
                        <td className="num">
                          <Money amount={r.balance} currency={data.currency} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={3}>
                        Total {data.balanced ? '(balanced)' : '(not balanced)'}
                      </th>
                      <td className="num">
                        <Money amount={data.totalDebit} currency={data.currency} />
                      </td>
                      <td className="num">
                        <Money amount={data.totalCredit} currency={data.currency} />
                      </td>
                      <td />
                    </tr>
                  </tfoot>
                </table>
              </div>
            )}
          </section>
        )}
      </QueryState>
    </>
  );
}
