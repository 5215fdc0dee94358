import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { Money, PageHeader, QueryState } from '../../../components';
import { today } from '../decimal';
import { DateInput, ReportControls, ReportTabs, useReport } from './common';

const PATH = '/api/v1/finance/reports/tie-out';
const SIDE_LABELS: Record<string, string> = { receivables: 'Receivables', payables: 'Payables' };

/** The receivables and payables aging totals beside their control accounts; the difference is always zero. */
export default function TieOutPage() {
  const [date, setDate] = useState(today());
  const query = { date };
  const report = useReport([PATH, query], (signal) => unwrap(api.GET(PATH, { params: { query }, signal })));
  return (
    <>
      <PageHeader
        title="Tie-out"
        description="The aging totals beside their control accounts' balances, in the base currency: the difference is always zero."
      />
      <ReportTabs />
      <ReportControls>
        <DateInput label="As of" value={date} onChange={setDate} />
      </ReportControls>
      <QueryState query={report} height="8em">
        {(data) => (
          <section className="card" aria-label="Tie-out">
            {!data.tied && (
              <div className="banner banner-error" role="alert">
                The aging does not tie to the ledger: something posted to a control account outside documents and
                payments.
              </div>
            )}
            <div className="table-scroll">
              <table
                className="fin-report-table"
                aria-label="Aging against control accounts"
                aria-busy={report.isFetching}
              >
                <thead>
                  <tr>
                    <th scope="col">Subledger</th>
                    <th scope="col">Control account</th>
                    <th scope="col" className="num">
                      Aging total
                    </th>
                    <th scope="col" className="num">
                      Ledger balance
                    </th>
                    <th scope="col" className="num">
                      Difference
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((r) => (
                    <tr key={r.side}>
                      <td>{SIDE_LABELS[r.side] ?? r.side}</td>
                      <td>
                        {r.accountCode} {r.accountName}
                      </td>
                      <td className="num">
                        <Money amount={r.agingTotal} currency={data.currency} />
                      </td>
                      <td className="num">
                        <Money amount={r.ledgerBalance} currency={data.currency} />
                      </td>
                      <td className="num">
                        <Money amount={r.difference} currency={data.currency} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}
      </QueryState>
    </>
  );
}
