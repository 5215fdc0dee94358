import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, downloadFile, errorMessage, unwrap } from '../../../api';
import { DateText, Money, PageHeader, QueryState, useAuth } from '../../../components';
import { statusBadge, type Payslip } from '../queries';
import '../hr.css';

/** One payslip: lines, totals, the raw JSON and a CSV download. */
export default function PayslipPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const slip = useQuery({
    queryKey: ['hr', 'payslip', id],
    queryFn: () =>
      unwrap(api.GET('/api/v1/hr/payslips/{id}', { params: { path: { id }, query: {} } })) as Promise<Payslip>,
  });
  return (
    <QueryState query={slip} height="16em">
      {(s) => <PayslipView slip={s} />}
    </QueryState>
  );
}

const kindLabels = { base: 'Base pay', allowance: 'Allowance', deduction: 'Deduction' } as const;

function PayslipView({ slip }: { slip: Payslip }) {
  const { can } = useAuth();
  const [showJson, setShowJson] = useState(false);
  const [downloadError, setDownloadError] = useState('');
  const download = async () => {
    setDownloadError('');
    try {
      await downloadFile(
        `/api/v1/hr/payslips/${slip.id}?format=csv`,
        `payslip-${slip.employeeNumber}-${slip.periodStart}.csv`,
      );
    } catch (e) {
      setDownloadError(errorMessage(e));
    }
  };
  const c = slip.currency;
  return (
    <>
      <PageHeader
        title={`Payslip ${slip.employeeName}`}
        description={
          <>
            <DateText value={slip.periodStart} /> – <DateText value={slip.periodEnd} /> · paid{' '}
            <DateText value={slip.payDate} /> ·{' '}
            <span className={statusBadge(slip.status)}>{slip.status === 'approved' ? 'Final' : 'Draft'}</span>
          </>
        }
        actions={
          <>
            {can('hr:compensation') ? (
              <Link to={`/hr/payroll/runs/${slip.runId}`}>The run</Link>
            ) : (
              <Link to="/hr/payslips">My payslips</Link>
            )}
            <button type="button" className="btn" onClick={() => void download()}>
              Download CSV
            </button>
            <button type="button" className="btn" aria-pressed={showJson} onClick={() => setShowJson((s) => !s)}>
              {showJson ? 'Hide JSON' : 'Show JSON'}
            </button>
          </>
        }
      />
      {downloadError && (
        <div className="banner banner-error" role="alert">
          Download failed: {downloadError}
        </div>
      )}
      {slip.flagged && (
        <div className="banner banner-warning" role="alert">
          {slip.flagReason ?? 'The net pay is negative.'}
        </div>
      )}
      <div className="grid-2">
        <section className="card" aria-labelledby="ps-h">
          <h2 id="ps-h">Summary</h2>
          <dl className="hr-dl">
            <dt>Employee</dt>
            <dd>
              <Link to={`/hr/employees/${slip.employeeId}`}>{slip.employeeName}</Link> ({slip.employeeNumber})
            </dd>
            <dt>Paid days</dt>
            <dd>
              {slip.paidDays} of {slip.periodDays}
            </dd>
            <dt>Gross</dt>
            <dd>
              <Money amount={slip.gross} currency={c} />
            </dd>
            <dt>Deductions</dt>
            <dd>
              <Money amount={slip.totalDeductions} currency={c} />
            </dd>
            <dt>Net pay</dt>
            <dd>
              <strong>
                <Money amount={slip.net} currency={c} />
              </strong>
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="pl-h">
          <h2 id="pl-h">Lines</h2>
          <div className="table-scroll">
            <table aria-label="Payslip lines">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Dates</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {slip.lines.map((l) => (
                  <tr key={l.lineNo}>
                    <td>
                      {l.name}
                      {l.rate && <span className="muted"> ({Number(l.rate)} %)</span>}
                    </td>
                    <td>{kindLabels[l.kind]}</td>
                    <td>
                      {l.from ? (
                        <>
                          <DateText value={l.from} /> – <DateText value={l.to} />
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="num">
                      <Money amount={l.kind === 'deduction' ? `-${l.amount}` : l.amount} currency={c} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    Net pay
                  </th>
                  <td className="num">
                    <strong>
                      <Money amount={slip.net} currency={c} />
                    </strong>
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      </div>
      {showJson && (
        <section className="card" aria-labelledby="json-h">
          <h2 id="json-h">JSON</h2>
          <pre className="hr-json" tabIndex={0}>
            {JSON.stringify(slip, null, 2)}
          </pre>
        </section>
      )}
    </>
  );
}
