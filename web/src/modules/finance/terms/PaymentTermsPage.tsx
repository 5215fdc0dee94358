import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api, unwrap } from '../../../api';
import { Dialog, EmptyState, PageHeader, QueryState, useAuth, useConfirm, useToast } from '../../../components';
import '../finance.css';
import { describeInstalments, termsKeys, usePaymentTerms, type PaymentTerm } from './termsQueries';

interface Draft {
  name: string;
  description: string;
  instalments: { percent: string; days: string }[];
  discountPercent: string;
  discountDays: string;
  active: boolean;
}

const emptyDraft = (): Draft => ({
  name: '',
  description: '',
  instalments: [{ percent: '100', days: '30' }],
  discountPercent: '',
  discountDays: '',
  active: true,
});

const toDraft = (t: PaymentTerm): Draft => ({
  name: t.name,
  description: t.description,
  instalments: t.instalments.map((i) => ({ percent: i.percent, days: String(i.days) })),
  discountPercent: t.discountDays === null ? '' : t.discountPercent,
  discountDays: t.discountDays === null ? '' : String(t.discountDays),
  active: t.active,
});

/** The percents' sum in ten-thousandths (exact for up to 4 decimals), or null when one is not a number. */
function percentSum(instalments: Draft['instalments']): number | null {
  let sum = 0;
  for (const i of instalments) {
    if (!/^\d{1,3}(\.\d{1,4})?$/.test(i.percent.trim())) return null;
    sum += Math.round(Number(i.percent) * 10_000);
  }
  return sum;
}

/** Payment terms: instalments (percent of the total, days after the document date) and an early-payment discount. */
export default function PaymentTermsPage() {
  const { can } = useAuth();
  const terms = usePaymentTerms();
  const [editing, setEditing] = useState<PaymentTerm | 'new' | null>(null);
  const queryClient = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const remove = async (term: PaymentTerm) => {
    if (
      !(await confirm({
        title: `Delete ${term.name}?`,
        message: 'Only a term no document uses can be deleted.',
        confirmLabel: 'Delete',
      }))
    )
      return;
    try {
      await unwrap(
        api.DELETE('/api/v1/finance/payment-terms/{id}', {
          params: { path: { id: term.id }, query: { version: term.version } },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: termsKeys.paymentTerms });
      toast.success(`${term.name} deleted.`);
    } catch (error) {
      toast.error(error);
    }
  };
  return (
    <>
      <PageHeader
        title="Payment terms"
        description="Instalments (a share of the total, due some days after the document date) and early-payment discounts. Invoices and bills that name a term carry its schedule."
        actions={
          can('finance:admin') && (
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              New payment term
            </button>
          )
        }
      />
      <QueryState query={terms} height="8em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="No payment terms yet">
              Without one, documents are due the party's net days after their date.
            </EmptyState>
          ) : (
            <div className="table-scroll card">
              <table aria-label="Payment terms">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Instalments</th>
                    <th scope="col">Active</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((t) => (
                    <tr key={t.id}>
                      <td>{t.name}</td>
                      <td>{describeInstalments(t)}</td>
                      <td>{t.active ? 'Yes' : 'No'}</td>
                      <td>
                        {can('finance:admin') && (
                          <span className="fin-row-actions">
                            <button type="button" className="btn btn-small" onClick={() => setEditing(t)}>
                              Edit
                            </button>
                            <button type="button" className="btn btn-small btn-danger" onClick={() => void remove(t)}>
                              Delete
                            </button>
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      <Dialog
        open={editing !== null}
        title={editing === 'new' ? 'New payment term' : `Edit ${editing?.name ?? ''}`}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <TermForm
            term={editing === 'new' ? null : editing}
            onDone={async () => {
              setEditing(null);
              await queryClient.invalidateQueries({ queryKey: termsKeys.paymentTerms });
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function TermForm({ term, onDone }: { term: PaymentTerm | null; onDone: () => Promise<void> }) {
  const id = useId();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(term ? toDraft(term) : emptyDraft());
  const [busy, setBusy] = useState(false);
  const sum = percentSum(draft.instalments);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setInstalment = (i: number, patch: Partial<Draft['instalments'][number]>) =>
    set({ instalments: draft.instalments.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
  const problem = !draft.name.trim()
    ? 'Name the term.'
    : sum !== 1_000_000
      ? `The percents sum to 100 (now ${sum === null ? '?' : sum / 10_000}).`
      : draft.instalments.some((i) => !/^\d{1,4}$/.test(i.days.trim()))
        ? 'Days are whole numbers.'
        : (draft.discountPercent.trim() === '') !== (draft.discountDays.trim() === '')
          ? 'A discount has both a percent and days.'
          : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    setBusy(true);
    const discount = draft.discountPercent.trim() !== '';
    const body = {
      name: draft.name.trim(),
      description: draft.description,
      instalments: draft.instalments.map((i) => ({ percent: i.percent.trim(), days: Number(i.days) })),
      discountPercent: discount ? draft.discountPercent.trim() : '0',
      discountDays: discount ? Number(draft.discountDays) : null,
      active: draft.active,
    };
    try {
      if (term)
        await unwrap(
          api.PUT('/api/v1/finance/payment-terms/{id}', {
            params: { path: { id: term.id } },
            body: { ...body, version: term.version },
          }),
        );
      else await unwrap(api.POST('/api/v1/finance/payment-terms', { body }));
      toast.success(`Payment term ${body.name} saved.`);
      await onDone();
    } catch (error) {
      toast.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="fin-form" onSubmit={(e) => void submit(e)} aria-label="Payment term">
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={draft.name}
          maxLength={100}
          required
          onChange={(e) => set({ name: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-desc`}>Description</label>
        <input
          id={`${id}-desc`}
          value={draft.description}
          maxLength={500}
          onChange={(e) => set({ description: e.target.value })}
        />
      </div>
      <table aria-label="Instalments">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Percent</th>
            <th scope="col">Days after the date</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.instalments.map((inst, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              <td>
                <input
                  aria-label={`Percent, instalment ${i + 1}`}
                  inputMode="decimal"
                  value={inst.percent}
                  onChange={(e) => setInstalment(i, { percent: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Days, instalment ${i + 1}`}
                  inputMode="numeric"
                  value={inst.days}
                  onChange={(e) => setInstalment(i, { days: e.target.value })}
                />
              </td>
              <td>
                {draft.instalments.length > 1 && (
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Remove instalment ${i + 1}`}
                    onClick={() => set({ instalments: draft.instalments.filter((_, k) => k !== i) })}
                  >
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => set({ instalments: [...draft.instalments, { percent: '', days: '' }] })}
        disabled={draft.instalments.length >= 24}
      >
        Add instalment
      </button>
      <div className="fin-header-fields">
        <div className="field">
          <label htmlFor={`${id}-dp`}>Early-payment discount %</label>
          <input
            id={`${id}-dp`}
            inputMode="decimal"
            value={draft.discountPercent}
            onChange={(e) => set({ discountPercent: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-dd`}>If paid within (days)</label>
          <input
            id={`${id}-dd`}
            inputMode="numeric"
            value={draft.discountDays}
            onChange={(e) => set({ discountDays: e.target.value })}
          />
        </div>
      </div>
      <label>
        <input type="checkbox" checked={draft.active} onChange={(e) => set({ active: e.target.checked })} /> Active
        (offered on new documents)
      </label>
      {problem && (
        <p className="muted" role="status">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || problem !== null}>
          Save payment term
        </button>
      </div>
    </form>
  );
}
