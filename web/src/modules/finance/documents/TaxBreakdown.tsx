import { Money } from '../../../components';
import { fractionToPercent } from '../decimal';
import type { FinanceDocument } from '../queries';

/** A document's tax per code: taxable amount and tax (reverse charge: self-assessed, both sides). */
export function TaxBreakdown({ doc }: { doc: FinanceDocument }) {
  if (doc.taxes.length === 0) return null;
  return (
    <section aria-labelledby={`tax-breakdown-${doc.id}`} className="fin-tax-breakdown">
      <h3 id={`tax-breakdown-${doc.id}`}>Tax breakdown</h3>
      <table className="fin-report-table" aria-label="Tax breakdown">
        <thead>
          <tr>
            <th scope="col">Tax</th>
            <th scope="col" className="num">
              Rate %
            </th>
            <th scope="col" className="num">
              Taxable amount
            </th>
            <th scope="col" className="num">
              Tax
            </th>
          </tr>
        </thead>
        <tbody>
          {doc.taxes.map((t, i) => (
            <tr key={i}>
              <td>
                {t.code ? `${t.code} — ${t.name}` : 'No tax code'}
                {t.treatment === 'reverse-charge' && (
                  <span className="muted"> (reverse charge, {t.selfAssessed ? 'output' : 'input'})</span>
                )}
                {t.exemptReason && <span className="muted"> ({t.exemptReason})</span>}
              </td>
              <td className="num">{fractionToPercent(t.rate)}</td>
              <td className="num">
                <Money amount={t.base} currency={doc.currency} />
              </td>
              <td className="num">
                <Money amount={t.tax} currency={doc.currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {doc.pricesIncludeTax && <p className="muted">Prices include tax.</p>}
    </section>
  );
}
