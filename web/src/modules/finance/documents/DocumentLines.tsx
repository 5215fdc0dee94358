import { Money } from '../../../components';
import { useAccounts, type FinanceDocument } from '../queries';
import { DocumentTotals } from './DocumentTotals';

/** An issued document's lines with their net and tax, its totals, reference and memo. */
export function DocumentLines({ doc }: { doc: FinanceDocument }) {
  const accounts = useAccounts();
  const accountName = (id: string) => {
    const a = accounts.data?.items.find((x) => x.id === id);
    return a ? `${a.code} — ${a.name}` : '';
  };
  return (
    <section className="card" aria-labelledby="doc-lines-h">
      <h2 id="doc-lines-h">Lines</h2>
      <div className="table-scroll">
        <table className="fin-report-table" aria-label="Document lines">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Description</th>
              <th scope="col">Account</th>
              <th scope="col">Department</th>
              <th scope="col" className="num">
                Quantity
              </th>
              <th scope="col" className="num">
                Unit price
              </th>
              <th scope="col" className="num">
                Discount %
              </th>
              <th scope="col" className="num">
                Tax %
              </th>
              <th scope="col" className="num">
                Net
              </th>
              <th scope="col" className="num">
                Tax
              </th>
            </tr>
          </thead>
          <tbody>
            {doc.lines.map((l) => (
              <tr key={l.lineNo}>
                <td className="muted">{l.lineNo}</td>
                <td>{l.description}</td>
                <td>{accountName(l.accountId)}</td>
                <td>{l.department ?? ''}</td>
                <td className="num">{l.quantity}</td>
                <td className="num">
                  <Money amount={l.unitPrice} currency={doc.currency} />
                </td>
                <td className="num">{l.discountPercent}</td>
                <td className="num">{l.taxRate}</td>
                <td className="num">
                  <Money amount={l.net} currency={doc.currency} />
                </td>
                <td className="num">
                  <Money amount={l.tax} currency={doc.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DocumentTotals doc={doc} />
      {(doc.reference || doc.memo) && (
        <dl className="fin-dl">
          {doc.reference && (
            <>
              <dt>Reference</dt>
              <dd>{doc.reference}</dd>
            </>
          )}
          {doc.memo && (
            <>
              <dt>Memo</dt>
              <dd>{doc.memo}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
