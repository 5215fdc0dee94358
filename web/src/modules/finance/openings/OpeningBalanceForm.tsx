import { useState } from 'react';
import { api, unwrap } from '../../../api';
import {
  DateField,
  DecimalField,
  Form,
  SelectField,
  SubmitButton,
  TextField,
  useForm,
  useToast,
} from '../../../components';
import { isDecimal, isZero, minorUnits } from '../decimal';
import { PartyPicker } from '../parties/PartyPicker';
import { KINDS, useParty, useSettings, type DocumentKind, type FinanceDocument } from '../queries';

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `ob-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

const KIND_OPTIONS = [
  { value: 'invoice', label: 'Customer owes us (invoice)' },
  { value: 'credit-note', label: 'We owe the customer (credit note)' },
  { value: 'bill', label: 'We owe the vendor (bill)' },
  { value: 'vendor-credit', label: 'The vendor owes us (vendor credit)' },
];

/**
 * One open item of a customer or vendor when the books start: `POST /opening-balances` issues it at
 * once against the opening-balance equity account, dated before the books' first entry.
 */
export function OpeningBalanceForm({
  onDone,
  onCancel,
}: {
  onDone: (doc: FinanceDocument) => Promise<void>;
  onCancel: () => void;
}) {
  const toast = useToast();
  const settings = useSettings();
  const base = settings.data?.baseCurrency ?? 'USD';
  const [idempotencyKey] = useState(newKey);
  const form = useForm({
    initialValues: {
      kind: 'invoice' as DocumentKind,
      partyId: '',
      date: '',
      dueDate: '',
      amount: '',
      currency: '',
      exchangeRate: '',
      reference: '',
    },
    validate: (v) => {
      const errors: Record<string, string> = {};
      const cur = v.currency.trim() || party.data?.currency || base;
      if (!v.partyId) errors.partyId = 'Choose a party.';
      if (!v.date) errors.date = 'Required.';
      const places = minorUnits(cur);
      if (!isDecimal(v.amount.trim(), places) || v.amount.trim().startsWith('-') || isZero(v.amount))
        errors.amount = `An amount greater than 0, with at most ${places} decimals.`;
      if (v.currency.trim() && !/^[A-Z]{3}$/.test(v.currency.trim()))
        errors.currency = 'A three-letter code such as EUR.';
      if (cur !== base && !/^\d+(\.\d{1,10})?$/.test(v.exchangeRate.trim()))
        errors.exchangeRate = `The rate to ${base} is required for ${cur}.`;
      return errors;
    },
    onSubmit: async (v) => {
      const doc = await unwrap(
        api.POST('/api/v1/finance/opening-balances', {
          headers: { 'Idempotency-Key': idempotencyKey },
          body: {
            kind: v.kind,
            partyId: v.partyId,
            date: v.date,
            ...(v.dueDate ? { dueDate: v.dueDate } : {}),
            amount: v.amount.trim(),
            ...(v.currency.trim() ? { currency: v.currency.trim() } : {}),
            ...(v.exchangeRate.trim() ? { exchangeRate: v.exchangeRate.trim() } : {}),
            reference: v.reference.trim(),
            memo: '',
          },
        }),
      );
      toast.success(`Opening balance ${doc.number} recorded.`);
      await onDone(doc);
    },
  });
  const party = useParty(form.values.partyId);
  const side = KINDS[form.values.kind].side;
  return (
    <Form form={form}>
      <SelectField form={form} name="kind" label="Open item" options={KIND_OPTIONS} />
      <PartyPicker key={side} form={form} side={side} label={side === 'customer' ? 'Customer' : 'Vendor'} required />
      <DateField form={form} name="date" label="Opening date" required hint="Before the books' first entry" />
      <DateField form={form} name="dueDate" label="Due date" hint="The item's own due date; the aging uses it" />
      <DecimalField form={form} name="amount" label="Amount" required />
      <TextField
        form={form}
        name="currency"
        label="Currency"
        maxLength={3}
        placeholder={party.data?.currency ?? base}
      />
      <DecimalField form={form} name="exchangeRate" label="Exchange rate" hint={`${base} per unit; foreign only`} />
      <TextField form={form} name="reference" label="Reference" maxLength={100} hint="E.g. the original number" />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <SubmitButton form={form}>Record opening balance</SubmitButton>
      </div>
    </Form>
  );
}
