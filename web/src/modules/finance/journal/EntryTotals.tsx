import { formatMoney } from '../../../components';
import { compareDecimals, isZero } from '../decimal';
import type { entryTotals } from './entryLines';

/** The running totals under the lines: debit, credit, the difference, and whether the entry balances. */
export function EntryTotals({ totals, currency }: { totals: ReturnType<typeof entryTotals>; currency: string }) {
  return (
    <section className="fin-totals" aria-label="Entry totals" aria-live="polite">
      <dl>
        <div>
          <dt>Total debit</dt>
          <dd data-testid="total-debit">{formatMoney(totals.debit, currency)}</dd>
        </div>
        <div>
          <dt>Total credit</dt>
          <dd data-testid="total-credit">{formatMoney(totals.credit, currency)}</dd>
        </div>
        <div className="fin-grand">
          <dt>Difference</dt>
          <dd data-testid="difference" className={totals.balanced ? 'fin-balanced' : 'fin-unbalanced'}>
            {formatMoney(totals.difference, currency)}
          </dd>
        </div>
        <div>
          <dd className={totals.balanced ? 'fin-balanced' : 'fin-unbalanced'}>
            {totals.balanced
              ? '✓ Balanced'
              : isZero(totals.debit) && isZero(totals.credit)
                ? 'Enter the amounts'
                : compareDecimals(totals.debit, totals.credit) > 0
                  ? '✗ Out of balance: debits exceed credits'
                  : '✗ Out of balance: credits exceed debits'}
          </dd>
        </div>
      </dl>
    </section>
  );
}
