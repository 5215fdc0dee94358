import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { api, ProblemError, unwrap } from '../../../api';
import {
  DateField,
  Form,
  formatMoney,
  listQueryKey,
  Spinner,
  TextareaField,
  TextField,
  useAuth,
  useForm,
  useToast,
} from '../../../components';
import {
  compareDecimals,
  fromUnits,
  isDecimal,
  isOne,
  isZero,
  minorUnits,
  sumDecimals,
  toUnits,
  today,
} from '../decimal';
import { financeKeys, postableOptions, useAccounts, useSettings, type JournalEntry } from '../queries';
import '../finance.css';

export interface EntryLine {
  accountId: string;
  description: string;
  debit: string;
  credit: string;
}

const emptyLine = (): EntryLine => ({ accountId: '', description: '', debit: '', credit: '' });

/** Running totals of the lines, exact on strings: total debit, total credit, difference (debit − credit). */
export function entryTotals(lines: EntryLine[], places: number) {
  const debit = sumDecimals(
    lines.map((l) => (isDecimal(l.debit.trim()) ? l.debit : '0')),
    places,
  );
  const credit = sumDecimals(
    lines.map((l) => (isDecimal(l.credit.trim()) ? l.credit : '0')),
    places,
  );
  const difference = fromUnits((toUnits(debit) ?? 0n) - (toUnits(credit) ?? 0n), places);
  return { debit, credit, difference, balanced: isZero(difference) && !isZero(debit) };
}

/** Client checks of one line (the server checks the same and more: accounts active, periods open). */
function lineProblem(line: EntryLine, places: number): string | null {
  if (!line.accountId) return 'Choose an account.';
  const d = line.debit.trim();
  const c = line.credit.trim();
  for (const v of [d, c])
    if (v !== '' && (!isDecimal(v, places) || v.startsWith('-')))
      return `Amounts are positive numbers with at most ${places} decimals.`;
  const hasD = d !== '' && !isZero(d);
  const hasC = c !== '' && !isZero(c);
  if (hasD === hasC) return 'Enter either a debit or a credit.';
  return null;
}

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
  const setLine = (i: number, patch: Partial<EntryLine>) =>
    setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
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

      <fieldset className="field">
        <legend>Lines</legend>
        <div className="table-scroll">
          <table className="fin-lines" aria-label="Entry lines">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col" className="fin-col-account">
                  Account
                </th>
                <th scope="col" className="fin-col-desc">
                  Description
                </th>
                <th scope="col" className="num">
                  Debit
                </th>
                <th scope="col" className="num">
                  Credit
                </th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line, i) => {
                const error = lineError(i);
                const errId = `${uid}-l${i}-err`;
                const aria = {
                  'aria-invalid': error ? true : undefined,
                  'aria-describedby': error ? errId : undefined,
                };
                return (
                  <tr key={i}>
                    <td className="muted">{i + 1}</td>
                    <td>
                      {accounts.isPending ? (
                        <Spinner label="Loading accounts" />
                      ) : (
                        <select
                          aria-label={`Account, line ${i + 1}`}
                          value={line.accountId}
                          onChange={(e) => setLine(i, { accountId: e.target.value })}
                          disabled={form.submitting}
                          {...aria}
                        >
                          <option value="">Choose an account…</option>
                          {options.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      )}
                      {error && (
                        <p id={errId} className="fin-line-error">
                          {error}
                        </p>
                      )}
                    </td>
                    <td>
                      <input
                        aria-label={`Description, line ${i + 1}`}
                        value={line.description}
                        maxLength={500}
                        onChange={(e) => setLine(i, { description: e.target.value })}
                        disabled={form.submitting}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={`Debit, line ${i + 1}`}
                        className="fin-amount fin-wide-amount"
                        inputMode="decimal"
                        value={line.debit}
                        onChange={(e) => {
                          const debit = e.target.value.replace(',', '.');
                          setLine(i, debit.trim() ? { debit, credit: '' } : { debit });
                        }}
                        disabled={form.submitting}
                        {...aria}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={`Credit, line ${i + 1}`}
                        className="fin-amount fin-wide-amount"
                        inputMode="decimal"
                        value={line.credit}
                        onChange={(e) => {
                          const credit = e.target.value.replace(',', '.');
                          setLine(i, credit.trim() ? { credit, debit: '' } : { credit });
                        }}
                        disabled={form.submitting}
                        {...aria}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-ghost btn-icon"
                        aria-label={`Remove line ${i + 1}`}
                        disabled={lines.length <= 2 || form.submitting}
                        onClick={() => setLines(lines.filter((_, j) => j !== i))}
                      >
                        ✕
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => setLines([...lines, emptyLine()])}>
            Add line
          </button>
        </div>
        {form.errors.lines && (
          <p className="field-error" role="alert">
            {form.errors.lines}
          </p>
        )}
      </fieldset>

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
