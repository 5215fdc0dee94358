import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { api, ProblemError, unwrap } from '../../../api';
import {
  DateField,
  DecimalField,
  EmptyState,
  Form,
  formatMoney,
  listQueryKey,
  QueryState,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useForm,
  useToast,
} from '../../../components';
import {
  compareDecimals,
  fromUnits,
  isDecimal,
  isZero,
  minDecimal,
  minorUnits,
  subDecimals,
  sumDecimals,
  today,
  toUnits,
} from '../decimal';
import { PartyPicker } from '../parties/PartyPicker';
import { financeKeys, postableOptions, useAccounts, useOpenDocuments, useParty, useSettings } from '../queries';
import { AllocationTable } from './AllocationTable';
import { PaymentTotals } from './PaymentTotals';

export type Direction = 'received' | 'made';

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `pay-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * A new payment received from a customer or made to a vendor: amount, currency, bank account, and
 * its allocation to the party's open documents (prefilled from `documentId`). Posted when saved.
 */
export function PaymentForm({
  direction,
  initialPartyId,
  documentId,
}: {
  direction: Direction;
  initialPartyId: string;
  documentId: string | undefined;
}) {
  const side = direction === 'received' ? 'customer' : 'vendor';
  const docKind = direction === 'received' ? 'invoice' : 'bill';
  const accounts = useAccounts();
  const settings = useSettings();
  const base = settings.data?.baseCurrency ?? 'USD';
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [idempotencyKey] = useState(newKey);
  const [allocations, setAllocations] = useState<Record<string, string>>({});
  const [allocError, setAllocError] = useState<Record<string, string>>({});

  const form = useForm({
    initialValues: {
      partyId: initialPartyId,
      date: today(),
      amount: '',
      currency: '',
      exchangeRate: '',
      accountId: '',
      reference: '',
      memo: '',
    },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!v.partyId) errors.partyId = `Choose a ${side}.`;
      if (!v.date) errors.date = 'Required.';
      if (!isDecimal(v.amount.trim(), places) || v.amount.trim().startsWith('-') || isZero(v.amount))
        errors.amount = `An amount greater than 0, with at most ${places} decimals.`;
      if (v.currency.trim() && !/^[A-Z]{3}$/.test(v.currency.trim()))
        errors.currency = 'A three-letter code such as EUR.';
      if (currency !== base && !/^\d+(\.\d{1,10})?$/.test(v.exchangeRate.trim()))
        errors.exchangeRate = `The rate to ${base} is required for ${currency}.`;
      const problems = allocationProblems();
      if (Object.keys(problems).length > 0) errors.allocations = 'Some allocations are not valid.';
      else if (!errors.amount && compareDecimals(allocated, v.amount) > 0)
        errors.allocations = 'You allocated more than the payment amount.';
      setAllocError(problems);
      return errors;
    },
    onSubmit: async (v) => {
      const cur = v.currency.trim();
      const sent = entered
        .filter(([, a]) => a.trim() !== '' && !isZero(a))
        .map(([id, a]) => ({ documentId: id, amount: a.trim() }));
      try {
        const payment = await unwrap(
          api.POST('/api/v1/finance/payments', {
            headers: { 'Idempotency-Key': idempotencyKey },
            body: {
              direction,
              partyId: v.partyId,
              date: v.date,
              amount: v.amount.trim(),
              ...(cur ? { currency: cur } : {}),
              ...(cur && cur !== base ? { exchangeRate: v.exchangeRate.trim() } : {}),
              ...(v.accountId ? { accountId: v.accountId } : {}),
              reference: v.reference,
              memo: v.memo,
              allocations: sent,
            },
          }),
        );
        await queryClient.invalidateQueries({ queryKey: listQueryKey(financeKeys.lists.payments) });
        await queryClient.invalidateQueries({ queryKey: listQueryKey(financeKeys.lists.documents(docKind)) });
        await queryClient.invalidateQueries({ queryKey: ['finance', 'open'] });
        await queryClient.invalidateQueries({ queryKey: ['finance', docKind] });
        await queryClient.invalidateQueries({ queryKey: financeKeys.reports });
        toast.success(`Payment ${payment.number} recorded.`);
        void navigate({ to: `/finance/payments/${payment.id}` });
      } catch (error) {
        if (error instanceof ProblemError) {
          const byDoc: Record<string, string> = {};
          for (const e of error.errors) {
            const m = /^allocations\.(\d+)/.exec(e.path);
            const id = m ? sent[Number(m[1])]?.documentId : undefined;
            if (id) byDoc[id] ??= e.message;
          }
          setAllocError(byDoc);
        }
        throw error;
      }
    },
  });

  const v = form.values;
  const party = useParty(v.partyId).data;
  const currency = /^[A-Z]{3}$/.test(v.currency.trim()) ? v.currency.trim() : (party?.currency ?? base);
  const places = minorUnits(currency);
  const docs = useOpenDocuments(docKind, v.partyId);
  const sameCurrency = (docs.data ?? []).filter((d) => d.currency === currency);
  const otherCurrency = (docs.data ?? []).length - sameCurrency.length;
  const entered = Object.entries(allocations).filter(([id]) => sameCurrency.some((d) => d.id === id));
  const allocated = sumDecimals(
    entered.map(([, a]) => (isDecimal(a.trim(), places) ? a : '0')),
    places,
  );
  const amountOk = isDecimal(v.amount.trim(), places) && !v.amount.trim().startsWith('-');
  const unallocated = amountOk ? subDecimals(v.amount, allocated, places) : null;

  function allocationProblems(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [id, a] of entered) {
      const s = a.trim();
      if (s === '') continue;
      const doc = sameCurrency.find((d) => d.id === id)!;
      if (!isDecimal(s, places) || s.startsWith('-')) out[id] = `A number with at most ${places} decimals.`;
      else if (compareDecimals(s, doc.open) > 0) out[id] = `At most the open ${formatMoney(doc.open, doc.currency)}.`;
    }
    return out;
  }

  // Coming from a document's "Record payment": allocate its open amount, and pay that much.
  const prefilled = useRef(false);
  useEffect(() => {
    if (prefilled.current || !documentId || !docs.data) return;
    const doc = docs.data.find((d) => d.id === documentId);
    prefilled.current = true;
    if (!doc) return;
    setAllocations({ [doc.id]: doc.open });
    form.setValue('amount', doc.open);
    if (doc.currency !== (party?.currency ?? base)) form.setValue('currency', doc.currency);
  }, [documentId, docs.data, form, party, base]);

  const setAllocation = (id: string, value: string) => {
    setAllocations((a) => ({ ...a, [id]: value.replace(',', '.') }));
    setAllocError(({ [id]: _, ...rest }) => rest);
  };
  const autoAllocate = () => {
    if (!amountOk) return;
    let left = toUnits(v.amount) ?? 0n;
    const next: Record<string, string> = {};
    for (const d of sameCurrency) {
      if (left <= 0n) break;
      const take = minDecimal(fromUnits(left, places), d.open, places);
      next[d.id] = take;
      left -= toUnits(take) ?? 0n;
    }
    setAllocations(next);
    setAllocError({});
  };

  return (
    <Form form={form} className="fin-form">
      <div className="fin-header-fields">
        <PartyPicker form={form} side={side} label={side === 'customer' ? 'Customer' : 'Vendor'} required />
        <DateField form={form} name="date" label="Date" required />
        <DecimalField form={form} name="amount" label="Amount" required suffix={currency} />
        <TextField
          form={form}
          name="currency"
          label="Currency"
          maxLength={3}
          placeholder={party?.currency ?? base}
          hint={`Empty: the ${side}'s currency, else ${base}.`}
        />
        {currency !== base && (
          <TextField form={form} name="exchangeRate" label={`Exchange rate (${base} per ${currency})`} required />
        )}
        <SelectField
          form={form}
          name="accountId"
          label={direction === 'received' ? 'Paid into' : 'Paid from'}
          placeholder="Default bank account"
          options={postableOptions(accounts.data?.items, (a) => a.type === 'asset')}
        />
        <TextField form={form} name="reference" label="Reference" maxLength={100} />
      </div>
      <TextareaField form={form} name="memo" label="Memo" rows={2} />

      <fieldset className="field">
        <legend>Allocate to open {docKind === 'invoice' ? 'invoices' : 'bills'}</legend>
        {!v.partyId ? (
          <p className="muted">
            Choose the {side} to see their open {docKind}s.
          </p>
        ) : (
          <QueryState query={docs} height="5em">
            {() =>
              sameCurrency.length === 0 ? (
                <EmptyState title={`No open ${docKind}s in ${currency}`}>
                  The whole payment stays unallocated; you can allocate it later.
                </EmptyState>
              ) : (
                <AllocationTable
                  docs={sameCurrency}
                  docKind={docKind}
                  allocations={allocations}
                  errors={allocError}
                  disabled={form.submitting}
                  onChange={setAllocation}
                  onAutoAllocate={amountOk ? autoAllocate : undefined}
                  onClear={() => setAllocations({})}
                />
              )
            }
          </QueryState>
        )}
        {otherCurrency > 0 && (
          <p className="muted">
            {otherCurrency} open {docKind}(s) in another currency are not shown: a payment settles documents in its own
            currency.
          </p>
        )}
        {form.errors.allocations && (
          <p className="field-error" role="alert">
            {form.errors.allocations}
          </p>
        )}
      </fieldset>

      <PaymentTotals
        amount={amountOk ? v.amount || '0' : null}
        allocated={allocated}
        unallocated={unallocated}
        currency={currency}
      />
      <div className="form-actions">
        <SubmitButton form={form} busyLabel="Recording…">
          Record payment
        </SubmitButton>
      </div>
    </Form>
  );
}
