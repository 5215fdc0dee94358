import { Money } from '../../../components';
import type { FinanceDocument } from '../queries';
import { TaxBreakdown } from './TaxBreakdown';

/** A document's subtotal, tax and total; once issued, also what is paid (or applied) and still open. */
export function DocumentTotals({ doc }: { doc: FinanceDocument }) {
  return (
    <section className="fin-totals" aria-label="Totals">
      <dl>
        <div>
          <dt>Subtotal</dt>
          <dd>
            <Money amount={doc.subtotal} currency={doc.currency} />
          </dd>
        </div>
        <div>
          <dt>Tax</dt>
          <dd>
            <Money amount={doc.taxTotal} currency={doc.currency} />
          </dd>
        </div>
        <div className="fin-grand">
          <dt>Total</dt>
          <dd>
            <Money amount={doc.total} currency={doc.currency} />
          </dd>
        </div>
        {doc.status !== 'draft' && (
          <>
            <div>
              <dt>{doc.kind === 'credit-note' || doc.kind === 'vendor-credit' ? 'Applied' : 'Paid'}</dt>
              <dd>
                <Money amount={doc.allocated} currency={doc.currency} />
              </dd>
            </div>
            <div>
              <dt>Open</dt>
              <dd data-testid="document-open">
                <Money amount={doc.open} currency={doc.currency} />
              </dd>
            </div>
          </>
        )}
      </dl>
      <TaxBreakdown doc={doc} />
    </section>
  );
}
