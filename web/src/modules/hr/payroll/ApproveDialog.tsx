import { useState } from 'react';
import { DateText, Dialog, Money } from '../../../components';
import type { PayrollRun } from '../queries';

/** Confirms the approval (final: payslips frozen, journal entry posted), with an exchange rate for a foreign currency. */
export function ApproveDialog({
  run,
  onClose,
  onApprove,
}: {
  run: PayrollRun;
  onClose: () => void;
  onApprove: (exchangeRate: string) => Promise<void>;
}) {
  const [rate, setRate] = useState('');
  const [rateError, setRateError] = useState('');
  return (
    <Dialog
      open
      title="Approve this payroll run?"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              if (rate && !/^(0|[1-9]\d{0,9})(\.\d{1,10})?$/.test(rate)) {
                setRateError('A positive decimal such as 1.0845.');
                return;
              }
              void onApprove(rate);
            }}
          >
            Approve and post
          </button>
        </>
      }
    >
      <p>
        {run.totals ? (
          <>
            {run.totals.employees} payslips, net <Money amount={run.totals.net} currency={run.currency} />.{' '}
          </>
        ) : null}
        The payslips become final and one journal entry (salaries / payroll liabilities) is posted to Finance, dated{' '}
        <DateText value={run.periodEnd} />. This cannot be undone; corrections go through Finance and an off-cycle run.
      </p>
      <div className="field">
        <label htmlFor="approve-rate">Exchange rate (only if {run.currency} is not Finance’s base currency)</label>
        <input
          id="approve-rate"
          inputMode="decimal"
          value={rate}
          onChange={(e) => {
            setRate(e.target.value.replace(',', '.'));
            setRateError('');
          }}
          aria-invalid={rateError ? true : undefined}
          aria-describedby={rateError ? 'approve-rate-error' : undefined}
        />
        {rateError && (
          <p id="approve-rate-error" className="field-error">
            {rateError}
          </p>
        )}
      </div>
    </Dialog>
  );
}
