import { Link, useSearch } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { api, unwrap, type Schema } from '../../../api';
import { BarChart, EmptyState, formatMoney, Money, PageHeader, QueryState } from '../../../components';
import { today, toChartNumber } from '../decimal';
import { CsvButton, ReportControls, ReportTabs, useReport } from './common';

type BudgetVsActual = Schema<'BudgetVsActual'>;
const PATH = '/api/v1/finance/reports/budget-vs-actual';
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function MonthInput({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="month"
        value={value}
        onChange={(e) => MONTH.test(e.target.value) && onChange(e.target.value)}
      />
    </div>
  );
}

/** Budget against actual per account over a range of fiscal periods, with the variance and a chart. */
export default function BudgetVsActualPage() {
  const search = useSearch({ strict: false }) as { year?: string | number };
  const year = /^\d{4}$/.test(String(search.year ?? '')) ? String(search.year) : today().slice(0, 4);
  const [from, setFrom] = useState(`${year}-01`);
  const [to, setTo] = useState(`${year}-12`);
  const [department, setDepartment] = useState('');
  const [dept, setDept] = useState('');
  const deptId = useId();
  const query = { from, to, ...(dept ? { department: dept } : {}) };
  const report = useReport(
    ['budget-vs-actual', query],
    (signal) => unwrap(api.GET(PATH, { params: { query }, signal })),
    from <= to,
  );
  return (
    <>
      <PageHeader
        title="Budget vs actual"
        description={
          <>
            Posted figures against the <Link to="/finance/budgets">budget</Link>, per account, in each account’s natural
            sign. Variance = actual − budget.
          </>
        }
      />
      <ReportTabs />
      <ReportControls>
        <MonthInput label="From period" value={from} onChange={setFrom} />
        <MonthInput label="To period" value={to} onChange={setTo} />
        <form
          className="field"
          onSubmit={(e) => {
            e.preventDefault();
            setDept(department.trim());
          }}
        >
          <label htmlFor={deptId}>Department</label>
          <input
            id={deptId}
            type="search"
            value={department}
            placeholder="All (Enter to apply)"
            onChange={(e) => setDepartment(e.target.value)}
            onBlur={() => setDept(department.trim())}
          />
        </form>
        <CsvButton path={PATH} query={query} filename={`budget-vs-actual-${from}-${to}.csv`} />
      </ReportControls>
      {from > to ? (
        <p className="field-error" role="alert">
          The first period is after the last.
        </p>
      ) : (
        <QueryState query={report} height="12em">
          {(data) => <Figures data={data} busy={report.isFetching} />}
        </QueryState>
      )}
    </>
  );
}

function Figures({ data, busy }: { data: BudgetVsActual; busy: boolean }) {
  const { totals, currency } = data;
  const fmt = (v: number) => formatMoney(String(v), currency);
  const withVariance = data.rows.filter((r) => toChartNumber(r.variance) !== 0).slice(0, 12);
  return (
    <section className="card" aria-label="Budget vs actual">
      <dl className="fin-kpis">
        {(
          [
            ['Income', totals.income],
            ['Expenses', totals.expenses],
            ['Net result', totals.netResult],
          ] as const
        ).map(([label, c]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <Money amount={c.actual} currency={currency} />
              <span className="muted">
                {' '}
                of <Money amount={c.budget} currency={currency} /> budgeted
              </span>
            </dd>
          </div>
        ))}
      </dl>
      <div className="grid-2">
        <BarChart
          title="Budget and actual"
          data={[
            { label: 'Income budget', value: toChartNumber(totals.income.budget) },
            { label: 'Income actual', value: toChartNumber(totals.income.actual) },
            { label: 'Expenses budget', value: toChartNumber(totals.expenses.budget) },
            { label: 'Expenses actual', value: toChartNumber(totals.expenses.actual) },
            { label: 'Result budget', value: toChartNumber(totals.netResult.budget) },
            { label: 'Result actual', value: toChartNumber(totals.netResult.actual) },
          ]}
          formatValue={fmt}
        />
        {withVariance.length > 0 && (
          <BarChart
            title="Variance by account (actual − budget)"
            data={withVariance.map((r) => ({ label: r.code, value: toChartNumber(r.variance) }))}
            formatValue={fmt}
          />
        )}
      </div>
      {data.rows.length === 0 ? (
        <EmptyState title="No budget and nothing posted in these periods">
          <Link to="/finance/budgets">Enter a budget</Link> to compare against.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="fin-report-table" aria-label="Budget vs actual by account" aria-busy={busy}>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Account</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">
                  Budget
                </th>
                <th scope="col" className="num">
                  Actual
                </th>
                <th scope="col" className="num">
                  Variance
                </th>
                <th scope="col" className="num">
                  Variance %
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.accountId}>
                  <td>{r.code}</td>
                  <th scope="row">{r.name}</th>
                  <td>{r.type}</td>
                  <td className="num">
                    <Money amount={r.budget} currency={currency} />
                  </td>
                  <td className="num">
                    <Money amount={r.actual} currency={currency} />
                  </td>
                  <td
                    className={`num ${r.favourable === true ? 'fin-favourable' : r.favourable === false ? 'fin-unfavourable' : ''}`}
                  >
                    <Money amount={r.variance} currency={currency} />
                    {r.favourable !== null && (
                      <span className="visually-hidden">{r.favourable ? ' (favourable)' : ' (unfavourable)'}</span>
                    )}
                  </td>
                  <td className="num">{r.variancePercent === null ? '—' : `${r.variancePercent} %`}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {(
                [
                  ['Income', totals.income],
                  ['Expenses', totals.expenses],
                  ['Net result', totals.netResult],
                ] as const
              ).map(([label, c]) => (
                <tr key={label}>
                  <th scope="row" colSpan={3}>
                    {label}
                  </th>
                  <td className="num">
                    <Money amount={c.budget} currency={currency} />
                  </td>
                  <td className="num">
                    <Money amount={c.actual} currency={currency} />
                  </td>
                  <td className="num" data-testid={label === 'Net result' ? 'bva-net-variance' : undefined}>
                    <Money amount={c.variance} currency={currency} />
                  </td>
                  <td />
                </tr>
              ))}
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
