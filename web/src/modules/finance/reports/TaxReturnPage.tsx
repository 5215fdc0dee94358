import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, downloadFile, withQuery, unwrap } from '../../../api';
import { FormErrorBanner, Money, PageHeader, QueryState, useAuth, useConfirm, useToast } from '../../../components';
import { today } from '../decimal';
import { financeKeys } from '../queries';
import { CsvButton, DateInput, ReportControls, ReportTabs, useReport } from './common';

const PATH = '/api/v1/finance/reports/tax-return';
const DOCS = '/api/v1/finance/reports/tax-return/documents';

const quarterStart = (date: string) => {
  const m = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`;
};

/**
 * The tax return of a period: taxable amounts and tax per code and per box, the documents behind a
 * code, the tie-out to the tax accounts, CSV, and filing (which locks the period's tax).
 */
export default function TaxReturnPage() {
  const { can } = useAuth();
  const confirm = useConfirm();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [from, setFrom] = useState(quarterStart(today()));
  const [to, setTo] = useState(today());
  const [drill, setDrill] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const query = { from, to };
  const report = useReport([PATH, query], (signal) => unwrap(api.GET(PATH, { params: { query }, signal })));
  const docsQuery = { from, to, taxCodeId: drill ?? undefined };
  const documents = useReport(
    [DOCS, docsQuery],
    (signal) => unwrap(api.GET(DOCS, { params: { query: docsQuery }, signal })),
    drill !== null,
  );

  const file = async () => {
    const ok = await confirm({
      title: `File the return for ${from} to ${to}?`,
      message:
        'Its figures are stored, and nothing that moves tax can be dated in the period any more: corrections go into the next return.',
      confirmLabel: 'File return',
    });
    if (!ok) return;
    setError(null);
    try {
      await unwrap(api.POST('/api/v1/finance/tax-returns', { body: { from, to } }));
      await queryClient.invalidateQueries({ queryKey: financeKeys.reports });
      toast.success('The return is filed.');
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <PageHeader
        title="Tax return"
        description="Taxable amounts and tax per code and per box for the period, from the issued documents; each tax account's movement beside it."
      />
      <ReportTabs />
      <ReportControls>
        <DateInput label="From" value={from} onChange={setFrom} />
        <DateInput label="To" value={to} onChange={setTo} />
        <CsvButton path={PATH} query={query} filename={`tax-return-${from}-${to}.csv`} />
        <button
          type="button"
          className="btn"
          disabled={from > to}
          onClick={() =>
            void downloadFile(
              withQuery(`${PATH}.pdf`, { ...query, download: 'true' }),
              `tax-return-${from}-${to}.pdf`,
            ).catch((error: unknown) => toast.error(error))
          }
        >
          Download PDF
        </button>
      </ReportControls>
      <FormErrorBanner error={error} />
      <QueryState query={report} height="10em">
        {(data) => (
          <>
            <section className="card" aria-label="Tax per code">
              {data.filedReturnId ? (
                <p className="badge badge-inactive">Filed</p>
              ) : (
                can('finance:approve') && (
                  <button type="button" className="btn" onClick={() => void file()}>
                    File this return
                  </button>
                )
              )}
              <div className="table-scroll">
                <table className="fin-report-table" aria-label="Tax per code" aria-busy={report.isFetching}>
                  <thead>
                    <tr>
                      <th scope="col">Code</th>
                      <th scope="col">Side</th>
                      <th scope="col">Box</th>
                      <th scope="col" className="num">
                        Taxable amount
                      </th>
                      <th scope="col" className="num">
                        Tax
                      </th>
                      <th scope="col" className="num">
                        Documents
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.codes.map((c, i) => (
                      <tr key={i}>
                        <td>
                          <button
                            type="button"
                            className="btn btn-link"
                            onClick={() => setDrill(c.taxCodeId ?? 'none')}
                            aria-label={`Documents of ${c.code}`}
                          >
                            {c.code}
                          </button>{' '}
                          {c.name}
                        </td>
                        <td>{c.selfAssessed ? 'output (self-assessed)' : c.side}</td>
                        <td>{c.box}</td>
                        <td className="num">
                          <Money amount={c.base} currency={data.currency} />
                        </td>
                        <td className="num">
                          <Money amount={c.tax} currency={data.currency} />
                        </td>
                        <td className="num">{c.documents}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <dl className="fin-dl">
                <dt>Output tax</dt>
                <dd>
                  <Money amount={data.outputTax} currency={data.currency} />
                </dd>
                <dt>Input tax</dt>
                <dd>
                  <Money amount={data.inputTax} currency={data.currency} />
                </dd>
                <dt>Net payable</dt>
                <dd data-testid="tax-net-payable">
                  <Money amount={data.netPayable} currency={data.currency} />
                </dd>
              </dl>
            </section>
            <section className="card" aria-label="Boxes">
              <h2>Boxes</h2>
              <table className="fin-report-table" aria-label="Boxes">
                <tbody>
                  {data.boxes.map((b) => (
                    <tr key={b.box}>
                      <th scope="row">Box {b.box}</th>
                      <td className="num">
                        <Money amount={b.amount} currency={data.currency} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="card" aria-label="Tie-out to the tax accounts">
              <h2>Tie-out to the tax accounts</h2>
              <table className="fin-report-table" aria-label="Tax accounts">
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col" className="num">
                      From documents
                    </th>
                    <th scope="col" className="num">
                      Ledger
                    </th>
                    <th scope="col" className="num">
                      Difference
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.accounts.map((a) => (
                    <tr key={a.accountId}>
                      <td>
                        {a.code} {a.name}
                      </td>
                      <td className="num">
                        <Money amount={a.fromDocuments} currency={data.currency} />
                      </td>
                      <td className="num">
                        <Money amount={a.ledger} currency={data.currency} />
                      </td>
                      <td className="num">
                        <Money amount={a.difference} currency={data.currency} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        )}
      </QueryState>
      {drill !== null && (
        <QueryState query={documents} height="6em">
          {(list) => (
            <section className="card" aria-label="Documents of the code">
              <h2>Documents</h2>
              <table className="fin-report-table" aria-label="Documents of the code">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Document</th>
                    <th scope="col">Party</th>
                    <th scope="col" className="num">
                      Taxable amount
                    </th>
                    <th scope="col" className="num">
                      Tax
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((d, i) => (
                    <tr key={i}>
                      <td>{d.date}</td>
                      <td>
                        {d.number} {d.voided && '(void)'}
                      </td>
                      <td>{d.partyName}</td>
                      <td className="num">{d.base}</td>
                      <td className="num">{d.tax}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </QueryState>
      )}
    </>
  );
}
