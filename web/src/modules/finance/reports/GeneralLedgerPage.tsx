import { Link, useSearch } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { api, unwrap } from '../../../api';
import { DateText, EmptyState, formatMoney, LineChart, Money, PageHeader, QueryState } from '../../../components';
import { today, toChartNumber } from '../decimal';
import { useAccounts } from '../queries';
import { BackgroundExportButton } from './BackgroundExportButton';
import { CsvButton, DateInput, isIsoDate, ReportControls, ReportTabs, startOfYear, useReport } from './common';

const PATH = '/api/v1/finance/reports/general-ledger';
const PAGE_SIZE = 100;

/** One account's posted lines over a date range with the running balance; keyset pages of 100 lines. */
export default function GeneralLedgerPage() {
  // A report's figure links here with its account and period (`?accountId=…&from=…&to=…`).
  const search = useSearch({ strict: false }) as { accountId?: string; from?: unknown; to?: unknown };
  const accounts = useAccounts();
  const [accountId, setAccountId] = useState(search.accountId ?? '');
  const [to, setTo] = useState(isIsoDate(search.to) ? search.to : today());
  const [from, setFrom] = useState(isIsoDate(search.from) ? search.from : startOfYear(to));
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const accountSelect = useId();
  const cursor = cursors.at(-1);
  const query = { accountId, from, to, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
  const valid = accountId !== '' && from <= to;
  const report = useReport(
    ['general-ledger', query],
    (signal) => unwrap(api.GET(PATH, { params: { query }, signal })),
    valid,
  );
  const restart =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setCursors([undefined]);
    };
  const options = (accounts.data?.items ?? []).filter((a) => !a.isGroup);
  return (
    <>
      <PageHeader
        title="General ledger"
        description="Every posted line of one account over a period, with the running balance on the account's normal side."
      />
      <ReportTabs />
      <ReportControls>
        <div className="field">
          <label htmlFor={accountSelect}>Account</label>
          <select id={accountSelect} value={accountId} onChange={(e) => restart(setAccountId)(e.target.value)}>
            <option value="">Choose an account…</option>
            {options.map((a) => (
              <option key={a.id} value={a.id}>
                {a.code} — {a.name}
                {a.active ? '' : ' (deactivated)'}
              </option>
            ))}
          </select>
        </div>
        <DateInput label="From" value={from} onChange={restart(setFrom)} />
        <DateInput label="To" value={to} onChange={restart(setTo)} />
        {valid && (
          <CsvButton
            path={PATH}
            query={{ accountId, from, to }}
            filename={`general-ledger-${report.data?.account.code ?? 'account'}-${from}-${to}.csv`}
          />
        )}
        {valid && <BackgroundExportButton query={{ accountId, from, to }} />}
      </ReportControls>
      {from > to && (
        <p className="field-error" role="alert">
          The start date is after the end date.
        </p>
      )}
      {!accountId ? (
        <EmptyState title="Choose an account">Its opening balance, lines and closing balance appear here.</EmptyState>
      ) : (
        <QueryState query={report} height="12em">
          {(data) => (
            <section className="card" aria-label={`General ledger of ${data.account.code} ${data.account.name}`}>
              <dl className="fin-kpis">
                <div>
                  <dt>Opening balance</dt>
                  <dd>
                    <Money amount={data.openingBalance} currency={data.currency} />
                  </dd>
                </div>
                <div>
                  <dt>Debits</dt>
                  <dd>
                    <Money amount={data.totalDebit} currency={data.currency} />
                  </dd>
                </div>
                <div>
                  <dt>Credits</dt>
                  <dd>
                    <Money amount={data.totalCredit} currency={data.currency} />
                  </dd>
                </div>
                <div>
                  <dt>Closing balance</dt>
                  <dd data-testid="gl-closing">
                    <Money amount={data.closingBalance} currency={data.currency} />
                  </dd>
                </div>
              </dl>
              {data.lines.length > 1 && (
                <LineChart
                  title="Running balance on this page"
                  data={data.lines.map((l) => ({ label: l.date.slice(5), value: toChartNumber(l.balance) }))}
                  formatValue={(v) => formatMoney(String(v), data.currency)}
                />
              )}
              {data.lines.length === 0 ? (
                <EmptyState title="Nothing posted to this account in the period" />
              ) : (
                <div className="table-scroll">
                  <table className="fin-report-table" aria-label="Ledger lines" aria-busy={report.isFetching}>
                    <thead>
                      <tr>
                        <th scope="col">Date</th>
                        <th scope="col">Entry</th>
                        <th scope="col">Reference</th>
                        <th scope="col">Description</th>
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
                      <tr className="fin-group-row">
                        <th scope="row" colSpan={6}>
                          {cursor ? 'Balance brought forward' : 'Opening balance'}
                        </th>
                        <td className="num">
                          <Money amount={data.pageOpeningBalance} currency={data.currency} />
                        </td>
                      </tr>
                      {data.lines.map((l) => (
                        <tr key={l.lineId}>
                          <td>
                            <DateText value={l.date} />
                          </td>
                          <td>
                            <Link to={`/finance/journal/${l.entryId}`}>{l.entryNumber ?? 'entry'}</Link>
                          </td>
                          <td>{l.reference}</td>
                          <td>{l.description || l.memo}</td>
                          <td className="num">
                            <Money amount={l.debit} currency={data.currency} />
                          </td>
                          <td className="num">
                            <Money amount={l.credit} currency={data.currency} />
                          </td>
                          <td className="num">
                            <Money amount={l.balance} currency={data.currency} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <nav className="pager" aria-label="Ledger pages">
                <button
                  type="button"
                  className="btn"
                  disabled={cursors.length <= 1 || report.isFetching}
                  onClick={() => setCursors((c) => c.slice(0, -1))}
                >
                  Previous
                </button>
                <span className="muted">Page {cursors.length}</span>
                <button
                  type="button"
                  className="btn"
                  disabled={!data.nextCursor || report.isFetching}
                  onClick={() => data.nextCursor && setCursors((c) => [...c, data.nextCursor!])}
                >
                  Next
                </button>
              </nav>
            </section>
          )}
        </QueryState>
      )}
    </>
  );
}
