import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { api, ProblemError, unwrap } from '../../../api';
import {
  DateField,
  Form,
  listQueryKey,
  TextareaField,
  TextField,
  useAuth,
  useForm,
  useToast,
} from '../../../components';
import { isOne, isZero, minorUnits, today } from '../decimal';
import { financeKeys, postableOptions, useAccounts, useSettings, type JournalEntry } from '../queries';
import { emptyLine, entryTotals, lineProblem, type EntryLine } from './entryLines';
import { EntryLinesEditor } from './EntryLinesEditor';
import { EntryTotals } from './EntryTotals';
import '../finance.css';

/**
 * The balanced journal entry form: header, a line editor (account, description, debit, credit; add and
 * remove lines) and the running totals with the difference, live. Saves a draft, or saves and posts
 * (finance:approve) — posting is refused while the entry does not balance.
 */
export function JournalEntryForm({
  entry,
  onSaved,
  onReload,
}: {
  entry?: JournalEntry;
  onSaved: (id: string, posted: boolean) => void;
  /** Offered on a 409 version conflict (someone changed the draft since it was loaded). */
  onReload?: () => void;
}) {
  const { can } = useAuth();
  const canPost = can('finance:approve');
  const accounts = useAccounts();
  const settings = useSettings();
  const base = settings.data?.baseCurrency ?? 'USD';
  const toast = useToast();
  const queryClient = useQueryClient();
  const postRef = useRef(false);
  const [attempted, setAttempted] = useState(false);
  const [serverLineErrors, setServerLineErrors] = useState<Record<string, string>>({});
  const uid = useId();

  const form = useForm({
    initialValues: {
      date: entry?.date ?? today(),
      reference: entry?.reference ?? '',
      memo: entry?.memo ?? '',
      currency: entry?.currency ?? '',
      exchangeRate: entry && !isOne(entry.exchangeRate) ? entry.exchangeRate : '',
      lines: entry
        ? entry.lines.map((l) => ({
            accountId: l.accountId,
            description: l.description,
            debit: isZero(l.debit) ? '' : l.debit,
            credit: isZero(l.credit) ? '' : l.credit,
          }))
        : [emptyLine(), emptyLine()],
    },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!v.date) errors.date = 'Required.';
      const currency = v.currency.trim() || base;
      if (!/^[A-Z]{3}$/.test(currency)) errors.currency = 'A three-letter code such as EUR.';
      if (currency !== base && !/^\d+(\.\d{1,10})?$/.test(v.exchangeRate.trim()))
        errors.exchangeRate = `The rate to ${base} is required for ${currency}.`;
      const places = minorUnits(currency);
      if (v.lines.length < 2) errors.lines = 'An entry has at least two lines.';
      else if (v.lines.some((l) => lineProblem(l, places))) errors.lines = 'Some lines are not complete.';
      else if (!entryTotals(v.lines, places).balanced)
        errors.lines = 'Debits and credits must be equal: the entry does not balance.';
      return errors;
    },
    onSubmit: async (v) => {
      const post = postRef.current;
      const currency = v.currency.trim() || undefined;
      const body = {
        date: v.date,
        reference: v.reference,
        memo: v.memo,
        ...(currency ? { currency } : {}),
        ...(currency && currency !== base ? { exchangeRate: v.exchangeRate.trim() } : {}),
        lines: v.lines.map((l) => ({
          accountId: l.accountId,
          description: l.description,
          ...(l.debit.trim() && !isZero(l.debit) ? { debit: l.debit.trim() } : {}),
          ...(l.credit.trim() && !isZero(l.credit) ? { credit: l.credit.trim() } : {}),
        })),
      };
      setServerLineErrors({});
      try {
        let id: string;
        if (entry) {
          const saved = await unwrap(
            api.PUT('/api/v1/finance/journal-entries/{id}', {
              params: { path: { id: entry.id } },
              body: { ...body, version: entry.version },
            }),
          );
          id = entry.id;
          // Post exactly what was just saved: a change by someone else in between is a 409.
          if (post)
            await unwrap(
              api.POST('/api/v1/finance/journal-entries/{id}/post', {
                params: { path: { id } },
                body: { version: saved.version },
              }),
            );
        } else {
          id = (await unwrap(api.POST('/api/v1/finance/journal-entries', { body: { ...body, post } }))).id;
        }
        await queryClient.invalidateQueries({ queryKey: listQueryKey(financeKeys.lists.entries) });
        await queryClient.invalidateQueries({ queryKey: financeKeys.entry(id) });
        await queryClient.invalidateQueries({ queryKey: financeKeys.reports });
        toast.success(post ? 'Entry posted.' : 'Draft saved.');
        onSaved(id, post);
      } catch (error) {
        if (error instanceof ProblemError) setServerLineErrors(error.fieldErrors);
        throw error;
      }
    },
  });

  const lines = form.values.lines;
  const currency = form.values.currency.trim() || base;
  const places = minorUnits(/^[A-Z]{3}$/.test(currency) ? currency : base);
  const totals = entryTotals(lines, places);
  const options = postableOptions(accounts.data?.items);
  const setLines = (next: EntryLine[]) => form.setValue('lines', next);
  const lineError = (i: number) =>
    serverLineErrors[`lines.${i}.accountId`] ??
    serverLineErrors[`lines.${i}.debit`] ??
    serverLineErrors[`lines.${i}.credit`] ??
    serverLineErrors[`lines.${i}`] ??
    (attempted ? lineProblem(lines[i]!, places) : null);
  const submit = (post: boolean) => {
    postRef.current = post;
    setAttempted(true);
    void form.handleSubmit().finally(() => {
      postRef.current = false;
    });
  };
  const postBlocked = !totals.balanced;

  return (
    <Form form={form} className="fin-form" {...(onReload ? { onReload } : {})}>
      <div className="fin-header-fields">
        <DateField form={form} name="date" label="Date" required />
        <TextField form={form} name="reference" label="Reference" maxLength={100} />
        <TextField
          form={form}
          name="currency"
          label="Currency"
          placeholder={base}
          maxLength={3}
          hint={`Empty: the base currency ${base}.`}
        />
        {currency !== base && (
          <TextField form={form} name="exchangeRate" label={`Exchange rate (${base} per ${currency})`} required />
        )}
      </div>
      <TextareaField form={form} name="memo" label="Memo" rows={2} />

      <EntryLinesEditor
        lines={lines}
        onChange={setLines}
        lineError={lineError}
        options={options}
        accountsLoading={accounts.isPending}
        disabled={form.submitting}
        error={form.errors.lines}
      />

      <EntryTotals totals={totals} currency={currency} />

      <div className="form-actions">
        <button
          type="button"
          className="btn"
          onClick={() => submit(false)}
          disabled={form.submitting}
          aria-busy={form.submitting && !postRef.current}
        >
          {form.submitting && !postRef.current ? 'Saving…' : 'Save draft'}
        </button>
        {canPost && (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => submit(true)}
            disabled={form.submitting || postBlocked}
            aria-describedby={postBlocked ? `${uid}-post-hint` : undefined}
          >
            {form.submitting && postRef.current ? 'Posting…' : entry ? 'Save and post' : 'Post'}
          </button>
        )}
        {canPost && postBlocked && (
          <span id={`${uid}-post-hint`} className="muted">
            The entry can be posted once debits equal credits.
          </span>
        )}
      </div>
    </Form>
  );
}
