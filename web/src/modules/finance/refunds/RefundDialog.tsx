import { useState } from 'react';
import { api, unwrap } from '../../../api';
import {
  DateField,
  DecimalField,
  Dialog,
  Form,
  Money,
  SubmitButton,
  TextField,
  useForm,
  useToast,
} from '../../../components';
import { compareDecimals, isDecimal, isZero, minorUnits, today } from '../decimal';
import { useSettings } from '../queries';

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `refund-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** What is refunded: a credit note / vendor credit, or the unallocated part of a payment. */
export interface RefundSource {
  creditDocumentId?: string;
  paymentId?: string;
  number: string;
  side: 'customer' | 'vendor';
  currency: string;
  /** What is left to refund. */
  available: string;
}

/**
 * "Refund…": money back to a customer (of a credit note or an overpayment) or from a vendor (of a
 * vendor credit or an overpayment), in a dialog: date, amount (all that is left by default) and,
 * in a foreign currency, the refund's exchange rate. `POST /refunds` posts and settles it at once.
 */
export function RefundButton({ source, onDone }: { source: RefundSource; onDone: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const label = source.side === 'customer' ? 'Refund to customer' : 'Refund from vendor';
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        {label}…
      </button>
      <Dialog open={open} title={`${label}: ${source.number}`} onClose={() => setOpen(false)}>
        {open && (
          <RefundForm
            source={source}
            onCancel={() => setOpen(false)}
            onDone={async () => {
              setOpen(false);
              await onDone();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function RefundForm({
  source,
  onCancel,
  onDone,
}: {
  source: RefundSource;
  onCancel: () => void;
  onDone: () => Promise<void>;
}) {
  const toast = useToast();
  const settings = useSettings();
  const base = settings.data?.baseCurrency ?? 'USD';
  const foreign = source.currency !== base;
  const places = minorUnits(source.currency);
  const [idempotencyKey] = useState(newKey);
  const form = useForm({
    initialValues: { date: today(), amount: source.available, exchangeRate: '', reference: '' },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!v.date) errors.date = 'Required.';
      const amount = v.amount.trim();
      if (!isDecimal(amount, places) || amount.startsWith('-') || isZero(amount))
        errors.amount = `An amount greater than 0, with at most ${places} decimals.`;
      else if (compareDecimals(amount, source.available) > 0) errors.amount = 'More than is left to refund.';
      if (foreign && !/^\d+(\.\d{1,10})?$/.test(v.exchangeRate.trim()))
        errors.exchangeRate = `The rate to ${base} is required for ${source.currency}.`;
      return errors;
    },
    onSubmit: async (v) => {
      const refund = await unwrap(
        api.POST('/api/v1/finance/refunds', {
          headers: { 'Idempotency-Key': idempotencyKey },
          body: {
            ...(source.creditDocumentId ? { creditDocumentId: source.creditDocumentId } : {}),
            ...(source.paymentId ? { paymentId: source.paymentId } : {}),
            date: v.date,
            amount: v.amount.trim(),
            ...(foreign ? { exchangeRate: v.exchangeRate.trim() } : {}),
            reference: v.reference.trim(),
            memo: '',
          },
        }),
      );
      toast.success(`Refund ${refund.number} recorded.`);
      await onDone();
    },
  });
  return (
    <Form form={form}>
      <p className="muted">
        Left to refund: <Money amount={source.available} currency={source.currency} />. It is posted at once against{' '}
        {source.number}.
      </p>
      <DateField form={form} name="date" label="Refund date" required />
      <DecimalField form={form} name="amount" label="Refund amount" required suffix={source.currency} />
      {foreign && (
        <DecimalField
          form={form}
          name="exchangeRate"
          label="Exchange rate"
          required
          hint={`${base} per 1 ${source.currency} on the refund date`}
        />
      )}
      <TextField form={form} name="reference" label="Reference" maxLength={100} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <SubmitButton form={form}>Record refund</SubmitButton>
      </div>
    </Form>
  );
}
