import { formatMoney } from '../../../components';

/** Under the payment form: the amount, what is allocated and what stays unallocated (red when over-allocated). */
export function PaymentTotals({
  amount,
  allocated,
  unallocated,
  currency,
}: {
  /** null while the amount is not a valid number. */
  amount: string | null;
  allocated: string;
  unallocated: string | null;
  currency: string;
}) {
  return (
    <section className="fin-totals" aria-label="Payment totals" aria-live="polite">
      <dl>
        <div>
          <dt>Payment</dt>
          <dd>{amount === null ? '—' : formatMoney(amount, currency)}</dd>
        </div>
        <div>
          <dt>Allocated</dt>
          <dd data-testid="allocated">{formatMoney(allocated, currency)}</dd>
        </div>
        <div className="fin-grand">
          <dt>Unallocated</dt>
          <dd
            data-testid="unallocated"
            className={unallocated && unallocated.startsWith('-') ? 'fin-unbalanced' : undefined}
          >
            {unallocated === null ? '—' : formatMoney(unallocated, currency)}
          </dd>
        </div>
      </dl>
    </section>
  );
}
