import { useId, useState } from 'react';
import { api, downloadFile, unwrap, withQuery } from '../../../api';
import { formatDate, Money, PageHeader, QueryState, useToast } from '../../../components';
import { today } from '../decimal';
import { CsvButton, DateInput, ReportControls, ReportTabs, startOfYear, useReport } from './common';

const PATH = '/api/v1/finance/reports/cash-flow';
const METHODS = {
  indirect: 'Indirect (from the net income)',
  direct: 'Direct (cash movements)',
} as const;
type Method = keyof typeof METHODS;
const KIND_NOTES: Record<string, string> = {
  'working-capital': 'change in working capital',
  'non-cash': 'non-cash item',
};

export default function CashFlowPage() {
  const [to, setTo] = useState(today());
  const [from, setFrom] = useState(startOfYear(to));
  const [method, setMethod] = useState<Method>('indirect');
  const methodId = useId();
  const toast = useToast();
  const query = { from, to, method };
  const report = useReport([PATH, query], (signal) => unwrap(api.GET(PATH, { params: { query }, signal })), from <= to);
  return (
    <>
      <PageHeader
        title="Cash flow"
        description="Where the cash came from and went over a period, tied to the cash and bank accounts."
      />
      <ReportTabs />
      <ReportControls>
        <DateInput label="From" value={from} onChange={setFrom} />
        <DateInput label="To" value={to} onChange={setTo} />
        <div className="field">
          <label htmlFor={methodId}>Method</label>
          <select id={methodId} value={method} onChange={(e) => setMethod(e.target.value as Method)}>
            {Object.entries(METHODS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <CsvButton path={PATH} query={query} filename={`cash-flow-${method}-${from}-${to}.csv`} />
        <button
          type="button"
          className="btn"
          disabled={from > to}
          onClick={() =>
            void downloadFile(
              withQuery(`${PATH}.pdf`, { ...query, download: 'true' }),
              `cash-flow-${method}-${from}-${to}.pdf`,
            ).catch((error: unknown) => toast.error(error))
          }
        >
          Download PDF
        </button>
      </ReportControls>
      {from > to ? (
        <div className="banner banner-warning" role="alert">
          “From” is after “To”: choose a period the right way round.
        </div>
      ) : (
        <QueryState query={report} height="12em">
          {(data) => (
            <section className="card" aria-label="Cash flow">
              <dl className="fin-kpis">
                <div>
                  <dt>Opening cash</dt>
                  <dd>
                    <Money amount={data.openingCash} currency={data.currency} />
                  </dd>
                </div>
                <div>
                  <dt>Net change</dt>
                  <dd>
                    <Money amount={data.netChange} currency={data.currency} />
                  </dd>
                </div>
                <div>
                  <dt>Closing cash</dt>
                  <dd>
                    <Money amount={data.closingCash} currency={data.currency} />
                  </dd>
                </div>
              </dl>
              <p className="muted">
                {formatDate(data.from)} – {formatDate(data.to)}. Cash accounts:{' '}
                {data.cashAccounts.map((a) => `${a.code} ${a.name}`).join(', ') || 'none'}. Operating{' '}
                <Money amount={data.activities.operating} currency={data.currency} />, investing{' '}
                <Money amount={data.activities.investing} currency={data.currency} />, financing{' '}
                <Money amount={data.activities.financing} currency={data.currency} />.
              </p>
              <div className="table-scroll">
                <table className="fin-report-table" aria-label="Cash flow by section" aria-busy={report.isFetching}>
                  <thead>
                    <tr>
                      <th scope="col">Code</th>
                      <th scope="col">Line</th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                    </tr>
                  </thead>
                  {data.sections.map((s) => (
                    <tbody key={s.key}>
                      <tr className="fin-group-row">
                        <th scope="rowgroup" colSpan={3}>
                          {s.label}
                        </th>
                      </tr>
                      {s.lines.map((l) => (
                        <tr key={`${l.kind}-${l.accountId ?? 'net'}`}>
                          <td className="fin-indent muted">{l.code}</td>
                          <td className="fin-indent">
                            {l.name}
                            {KIND_NOTES[l.kind] && <span className="muted"> ({KIND_NOTES[l.kind]})</span>}
                            {data.method === 'direct' && <span className="muted"> · {l.activity}</span>}
                          </td>
                          <td className="num">
                            <Money amount={l.amount} currency={data.currency} />
                          </td>
                        </tr>
                      ))}
                      <tr>
                        <th scope="row" colSpan={2}>
                          Total {s.label.toLowerCase()}
                        </th>
                        <td className="num">
                          <strong>
                            <Money amount={s.total} currency={data.currency} />
                          </strong>
                        </td>
                      </tr>
                    </tbody>
                  ))}
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={2}>
                        Opening cash
                      </th>
                      <td className="num">
                        <Money amount={data.openingCash} currency={data.currency} />
                      </td>
                    </tr>
                    <tr>
                      <th scope="row" colSpan={2}>
                        Net change in cash
                      </th>
                      <td className="num">
                        <Money amount={data.netChange} currency={data.currency} />
                      </td>
                    </tr>
                    <tr>
                      <th scope="row" colSpan={2}>
                        Closing cash
                      </th>
                      <td className="num">
                        <strong>
                          <Money amount={data.closingCash} currency={data.currency} />
                        </strong>
                      </td>
                    </tr>
                    <tr>
                      <th scope="row" colSpan={2}>
                        Change in the cash accounts (tie-out)
                      </th>
                      <td className="num">
                        <Money amount={data.tieOut.cashAccountsChange} currency={data.currency} />
                      </td>
                    </tr>
                  </tfoot>
                </table>
              </div>
              {data.tieOut.tied ? (
                <p className="muted">The statement’s net change equals the change in the cash accounts.</p>
              ) : (
                <div className="banner banner-warning" role="alert">
                  The statement differs from the change in the cash accounts by{' '}
                  <Money amount={data.tieOut.difference} currency={data.currency} />.
                </div>
              )}
            </section>
          )}
        </QueryState>
      )}
    </>
  );
}
