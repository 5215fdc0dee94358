import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, ProblemError, unwrap } from '../../../api';
import {
  CheckboxField,
  DateField,
  Form,
  formatMoney,
  listQueryKey,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useForm,
  useToast,
} from '../../../components';
import { documentTotals, isOne, minorUnits, today } from '../decimal';
import { PaymentTermField } from '../terms/PaymentTermField';
import {
  financeKeys,
  KINDS,
  postableOptions,
  useAccounts,
  useOpenDocuments,
  useParty,
  useSettings,
  useTaxCodes,
  effectivePercent,
  type DocumentKind,
  type FinanceDocument,
} from '../queries';
import { PartyPicker } from '../parties/PartyPicker';
import { emptyLine, lineProblem, type Line } from './documentLine';
import { DocumentLinesEditor } from './DocumentLinesEditor';
import '../finance.css';

/**
 * An invoice / bill / credit note / vendor credit draft: party, dates, currency, and a line editor
 * with live totals computed exactly as the server does (per-line half-up rounding). After saving,
 * the server's totals are the ones shown.
 */
export function DocumentForm({
  kind,
  document,
  initialPartyId,
  onSaved,
  onDirtyChange,
}: {
  kind: DocumentKind;
  document?: FinanceDocument;
  initialPartyId?: string;
  onSaved: (doc: FinanceDocument) => void;
  /** Told whether the form holds unsaved changes (the page refuses to issue them unsaved). */
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const k = KINDS[kind];
  const accounts = useAccounts();
  const taxCodes = useTaxCodes();
  const settings = useSettings();
  const base = settings.data?.baseCurrency ?? 'USD';
  const toast = useToast();
  const queryClient = useQueryClient();
  const [attempted, setAttempted] = useState(false);
  const [serverLineErrors, setServerLineErrors] = useState<Record<string, string>>({});

  const form = useForm({
    initialValues: {
      partyId: document?.partyId ?? initialPartyId ?? '',
      date: document?.date ?? today(),
      // A payment term sets the due date (its last instalment's): the two are not sent together.
      dueDate: document?.paymentTermId ? '' : (document?.dueDate ?? ''),
      paymentTermId: document?.paymentTermId ?? '',
      currency: document?.currency ?? '',
      exchangeRate: document && !isOne(document.exchangeRate) ? document.exchangeRate : '',
      reference: document?.reference ?? '',
      memo: document?.memo ?? '',
      creditsDocumentId: document?.creditsDocumentId ?? '',
      lines: document
        ? document.lines.map((l) => ({
            description: l.description,
            accountId: l.accountId,
            quantity: l.quantity,
            unitPrice: l.unitPrice,
            discountPercent: l.discountPercent,
            taxRate: l.taxCodeId ? '0' : l.taxRate,
            taxCodeId: l.taxCodeId ?? '',
            department: l.department ?? '',
            projectId: l.projectId ?? '',
          }))
        : [emptyLine()],
      pricesIncludeTax: document?.pricesIncludeTax ?? false,
    },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!v.partyId) errors.partyId = `Choose a ${k.side}.`;
      if (!v.date) errors.date = 'Required.';
      if (v.dueDate && v.date && v.dueDate < v.date) errors.dueDate = 'The due date cannot be before the date.';
      const currency = v.currency.trim();
      if (currency && !/^[A-Z]{3}$/.test(currency)) errors.currency = 'A three-letter code such as EUR.';
      else if (currency && currency !== base && !/^\d+(\.\d{1,10})?$/.test(v.exchangeRate.trim()))
        errors.exchangeRate = `The rate to ${base} is required for ${currency}.`;
      if (v.lines.length === 0) errors.lines = 'A document has at least one line.';
      else if (v.lines.some((l) => lineProblem(l))) errors.lines = 'Some lines are not complete.';
      return errors;
    },
    onSubmit: async (v) => {
      const currency = v.currency.trim();
      const body = {
        partyId: v.partyId,
        date: v.date,
        ...(v.dueDate && !v.paymentTermId ? { dueDate: v.dueDate } : {}),
        ...(!k.credit && v.paymentTermId ? { paymentTermId: v.paymentTermId } : {}),
        ...(currency ? { currency } : {}),
        ...(currency && currency !== base ? { exchangeRate: v.exchangeRate.trim() } : {}),
        reference: v.reference,
        memo: v.memo,
        ...(k.credit && v.creditsDocumentId ? { creditsDocumentId: v.creditsDocumentId } : {}),
        lines: v.lines.map((l) => ({
          description: l.description,
          quantity: l.quantity.trim(),
          unitPrice: l.unitPrice.trim(),
          discountPercent: l.discountPercent.trim() || '0',
          ...(l.taxCodeId ? { taxCodeId: l.taxCodeId } : { taxRate: l.taxRate.trim() || '0' }),
          ...(l.accountId ? { accountId: l.accountId } : {}),
          ...(l.department.trim() ? { department: l.department.trim() } : {}),
          ...(l.projectId ? { projectId: l.projectId } : {}),
        })),
        pricesIncludeTax: v.pricesIncludeTax,
      };
      const path = `/api/v1/finance/${k.path}` as '/api/v1/finance/invoices';
      const itemPath = `/api/v1/finance/${k.path}/{id}` as '/api/v1/finance/invoices/{id}';
      setServerLineErrors({});
      try {
        const saved = document
          ? await unwrap(
              api.PUT(itemPath, {
                params: { path: { id: document.id } },
                body: { ...body, version: document.version },
              }),
            )
          : await unwrap(api.POST(path, { body }));
        queryClient.setQueryData(financeKeys.document(kind, saved.id), saved);
        await queryClient.invalidateQueries({ queryKey: listQueryKey(financeKeys.lists.documents(kind)) });
        toast.success(document ? 'Draft saved.' : `Draft ${k.label.toLowerCase()} created.`);
        onSaved(saved);
      } catch (error) {
        if (error instanceof ProblemError) setServerLineErrors(error.fieldErrors);
        throw error;
      }
    },
  });
  const dirty = form.dirty;
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const v = form.values;
  const creditable = useOpenDocuments(k.settles ?? 'invoice', k.credit ? v.partyId : '');
  const party = useParty(v.partyId).data;
  const currency = /^[A-Z]{3}$/.test(v.currency.trim()) ? v.currency.trim() : (party?.currency ?? base);
  const places = minorUnits(currency);
  const codes = taxCodes.data?.items ?? [];
  const taxKind = k.side === 'customer' ? 'sales' : 'purchase';
  const taxCodeOptions = codes
    .filter((c) => c.kind === taxKind && c.active)
    .map((c) => ({ value: c.id, label: `${c.code} — ${c.name}` }));
  // The preview charges a code's effective percentage (the server's figures are authoritative).
  const previewLines = v.lines.map((l) =>
    l.taxCodeId
      ? {
          ...l,
          taxRate: effectivePercent(
            codes.find((c) => c.id === l.taxCodeId),
            codes,
          ),
        }
      : l,
  );
  const computed = documentTotals(previewLines, places, v.pricesIncludeTax);
  const totals = {
    ...computed,
    lines: computed.lines.map((t, i) => (t ? { ...t, ratePercent: previewLines[i]!.taxRate } : t)),
  };
  const accountOptions = postableOptions(accounts.data?.items, (a) =>
    k.side === 'customer' ? a.type === 'income' : a.type === 'expense' || a.type === 'asset',
  );
  const setLines = (next: Line[]) => form.setValue('lines', next);
  const lineError = (i: number) =>
    Object.entries(serverLineErrors).find(([path]) => path === `lines.${i}` || path.startsWith(`lines.${i}.`))?.[1] ??
    (attempted || form.errors.lines ? lineProblem(v.lines[i]!) : null);
  const money = (amount: string | undefined) => (amount === undefined ? '—' : formatMoney(amount, currency));

  return (
    <Form form={form} className="fin-form">
      <div className="fin-header-fields">
        <PartyPicker form={form} side={k.side} label={k.side === 'customer' ? 'Customer' : 'Vendor'} required />
        <DateField form={form} name="date" label="Date" required />
        <DateField
          form={form}
          name="dueDate"
          label="Due date"
          hint={party ? `Empty: ${party.paymentTermsDays} days after the date.` : 'Empty: by the payment terms.'}
        />
        {!k.credit && <PaymentTermField form={form} />}
        <TextField form={form} name="reference" label="Reference" maxLength={100} />
        <TextField
          form={form}
          name="currency"
          label="Currency"
          maxLength={3}
          placeholder={party?.currency ?? base}
          hint={`Empty: the ${k.side}'s currency, else ${base}.`}
        />
        {v.currency.trim() !== '' && v.currency.trim() !== base && (
          <TextField form={form} name="exchangeRate" label={`Exchange rate (${base} per ${currency})`} required />
        )}
        {k.credit && k.settles && (
          <SelectField
            form={form}
            name="creditsDocumentId"
            label={`Credits ${KINDS[k.settles].label.toLowerCase()}`}
            placeholder="(none — apply later)"
            options={(creditable.data ?? []).map((d) => ({
              value: d.id,
              label: `${d.number} — open ${formatMoney(d.open, d.currency)}`,
            }))}
            hint={v.partyId ? 'Applied when the credit is issued.' : 'Choose the party first.'}
          />
        )}
      </div>
      <TextareaField form={form} name="memo" label="Memo" rows={2} />
      <CheckboxField
        form={form}
        name="pricesIncludeTax"
        label="Prices include tax"
        hint="The tax is taken out of the unit prices instead of added to them."
      />

      <DocumentLinesEditor
        lines={v.lines}
        onChange={setLines}
        lineError={lineError}
        totals={totals.lines}
        accountOptions={accountOptions}
        taxCodeOptions={taxCodeOptions}
        side={k.side}
        disabled={form.submitting}
        error={form.errors.lines}
        money={money}
      />

      <section className="fin-totals" aria-label="Document totals" aria-live="polite">
        <dl>
          <div>
            <dt>Subtotal</dt>
            <dd data-testid="subtotal">{money(totals.subtotal)}</dd>
          </div>
          <div>
            <dt>Tax</dt>
            <dd data-testid="tax-total">{money(totals.taxTotal)}</dd>
          </div>
          <div className="fin-grand">
            <dt>Total</dt>
            <dd data-testid="document-total">{money(totals.total)}</dd>
          </div>
        </dl>
      </section>
      <p className="muted">
        Each line is rounded to the currency&apos;s smallest unit (half up), and the totals are sums of the rounded
        lines. With tax codes the server applies the company&apos;s rounding (per line or per document), compound groups
        and reverse charge; the saved document&apos;s totals and tax breakdown are the authoritative ones.
      </p>
      <div className="form-actions" onClickCapture={() => setAttempted(true)}>
        <SubmitButton form={form}>{document ? 'Save draft' : 'Create draft'}</SubmitButton>
      </div>
    </Form>
  );
}
