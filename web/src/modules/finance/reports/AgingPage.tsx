import { useId, useState } from 'react';
import { api, unwrap, type Schema } from '../../../api';
import { BarChart, EmptyState, formatDate, formatMoney, Money, PageHeader, QueryState } from '../../../components';
import { subDecimals, today, toChartNumber } from '../decimal';
import { CsvButton, DateInput, ReportControls, ReportTabs, useReport } from './common';

type Aging = Schema<'Aging'>;
const PATH = '/api/v1/finance/reports/aging';
const INSTALMENTS_PATH = '/api/v1/finance/reports/aging/instalments';
export const BUCKETS = [
  { key: 'current', label: 'Current' },
  { key: '1-30', label: '1–30 days' },
  { key: '31-60', label: '31–60 days' },
  { key: '61-90', label: '61–90 days' },
  { key: '90+', label: 'Over 90 days' },
] as const;

export default function AgingPage() {
  const [side, setSide] = useState<'receivables' | 'payables'>('receivables');
  const [date, setDate] = useState(today());
  const [by, setBy] = useState<'party' | 'instalment'>('party');
  const sideId = useId();
  const byId = useId();
  const query = { side, date };
  const report = useReport(
    [PATH, query],
    (signal) => unwrap(api.GET(PATH, { params: { query }, signal })),
    by === 'party',
  );
  return (
    <>
      <PageHeader title="Aging" description="What customers owe you and what you owe vendors, by days past due." />
      <ReportTabs />
      <ReportControls>
        <div className="field">
          <label htmlFor={sideId}>Side</label>
          <select id={sideId} value={side} onChange={(e) => setSide(e.target.value as typeof side)}>
            <option value="receivables">Receivables (customers)</option>
            <option value="payables">Payables (vendors)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={byId}>By</label>
          <select id={byId} value={by} onChange={(e) => setBy(e.target.value as typeof by)}>
            <option value="party">Party</option>
            <option value="instalment">Instalment</option>
          </select>
        </div>
        <DateInput label="As of" value={date} onChange={setDate} />
        {by === 'party' && <CsvButton path={PATH} query={query} filename={`${side}-aging-${date}.csv`} />}
      </ReportControls>
      {by === 'instalment' ? (
        <InstalmentAging side={side} date={date} />
      ) : (
        <QueryState query={report} height="12em">
          {(data) => (
            <section className="card" aria-label={`${side === 'receivables' ? 'Receivables' : 'Payables'} aging`}>
              <dl className="fin-kpis">
                <div>
                  <dt>Total open</dt>
                  <dd data-testid="aging-total">
                    <Money amount={data.totals.total} currency={data.currency} />
                  </dd>
                </div>
                <div>
                  <dt>Overdue</dt>
                  <dd>
                    <Money amount={overdue(data.totals)} currency={data.currency} />
                  </dd>
                </div>
              </dl>
              <BarChart
                title={`${side === 'receivables' ? 'Receivables' : 'Payables'} by age on ${formatDate(date)}`}
                data={BUCKETS.map((b) => ({ label: b.label, value: toChartNumber(data.totals[b.key]) }))}
                formatValue={(v) => formatMoney(String(v), data.currency)}
              />
              {data.rows.length === 0 ? (
                <EmptyState title={`Nothing open on ${formatDate(date)}`} />
              ) : (
                <div className="table-scroll">
                  <table className="fin-report-table" aria-label="Aging by party" aria-busy={report.isFetching}>
                    <thead>
                      <tr>
                        <th scope="col">{side === 'receivables' ? 'Customer' : 'Vendor'}</th>
                        <th scope="col" className="num">
                          Documents
                        </th>
                        {BUCKETS.map((b) => (
                          <th key={b.key} scope="col" className="num">
                            {b.label}
                          </th>
                        ))}
                        <th scope="col" className="num">
                          Total
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.rows.map((r) => (
                        <tr key={r.partyId}>
                          <th scope="row">{r.partyName}</th>
                          <td className="num">{r.documents}</td>
                          {BUCKETS.map((b) => (
                            <td key={b.key} className="num">
                              <Money amount={r[b.key]} currency={data.currency} />
                            </td>
                          ))}
                          <td className="num">
                            <Money amount={r.total} currency={data.currency} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr>
                        <th scope="row">Total</th>
                        <td />
                        {BUCKETS.map((b) => (
                          <td key={b.key} className="num">
                            <Money amount={data.totals[b.key]} currency={data.currency} />
                          </td>
                        ))}
                        <td className="num">
                          <Money amount={data.totals.total} currency={data.currency} />
                        </td>
                      </tr>
                    </tfoot>
                  </table>
                </div>
              )}
            </section>
          )}
        </QueryState>
      )}
    </>
  );
}

/** Each open instalment in the bucket of its own due date (`/reports/aging/instalments`). */
function InstalmentAging({ side, date }: { side: 'receivables' | 'payables'; date: string }) {
  const query = { side, date };
  const report = useReport([INSTALMENTS_PATH, query], (signal) =>
    unwrap(api.GET(INSTALMENTS_PATH, { params: { query }, signal })),
  );
  const label = BUCKETS.reduce<Record<string, string>>((m, b) => ({ ...m, [b.key]: b.label }), {});
  return (
    <QueryState query={report} height="12em">
      {(data) => (
        <section
          className="card"
          aria-label={`${side === 'receivables' ? 'Receivables' : 'Payables'} aging by instalment`}
        >
          <dl className="fin-kpis">
            <div>
              <dt>Total open</dt>
              <dd data-testid="aging-total">
                <Money amount={data.totals.total} currency={data.currency} />
              </dd>
            </div>
            <div>
              <dt>Overdue</dt>
              <dd>
                <Money amount={overdue(data.totals)} currency={data.currency} />
              </dd>
            </div>
          </dl>
          {data.items.length === 0 ? (
            <EmptyState title={`Nothing open on ${formatDate(date)}`} />
          ) : (
            <div className="table-scroll">
              <table className="fin-report-table" aria-label="Aging by instalment" aria-busy={report.isFetching}>
                <thead>
                  <tr>
                    <th scope="col">{side === 'receivables' ? 'Customer' : 'Vendor'}</th>
                    <th scope="col">Document</th>
                    <th scope="col" className="num">
                      Instalment
                    </th>
                    <th scope="col">Due</th>
                    <th scope="col">Age</th>
                    <th scope="col" className="num">
                      Open
                    </th>
                    <th scope="col" className="num">
                      Open ({data.currency})
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((i) => (
                    <tr key={`${i.documentId}-${i.seq}`}>
                      <th scope="row">{i.partyName}</th>
                      <td>{i.number ?? '—'}</td>
                      <td className="num">{i.seq}</td>
                      <td>{formatDate(i.dueDate)}</td>
                      <td>{label[i.bucket] ?? i.bucket}</td>
                      <td className="num">
                        <Money amount={i.open} currency={i.currency} />
                      </td>
                      <td className="num">
                        <Money amount={i.openBase} currency={data.currency} />
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={6}>
                      Total
                    </th>
                    <td className="num">
                      <Money amount={data.totals.total} currency={data.currency} />
                    </td>
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
        </section>
      )}
    </QueryState>
  );
}

/** Everything past due: total − current (exact, on strings). */
export function overdue(totals: Aging['totals']): string {
  const places = totals.total.split('.')[1]?.length ?? 0;
  return subDecimals(totals.total, totals.current, places);
}
