import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { api, unwrap } from '../../../api';
import { DateText, Dialog, EmptyState, PageHeader, QueryState, useAuth, useToast } from '../../../components';
import '../finance.css';
import { today } from '../decimal';
import { postableOptions, useAccounts, useParties } from '../queries';
import { termsKeys, usePaymentTerms, type RecurringTemplate } from './termsQueries';

type Kind = 'invoice' | 'bill';
type Frequency = 'monthly' | 'quarterly' | 'yearly';
interface LineDraft {
  description: string;
  quantity: string;
  unitPrice: string;
  accountId: string;
}
interface DocumentShape {
  partyId?: string;
  currency?: string;
  paymentTermId?: string;
  lines?: { description?: string; quantity?: string; unitPrice?: string; accountId?: string }[];
}

/** Recurring invoices and bills: a template with a schedule; the daily job issues each period once. */
export default function RecurringPage() {
  const { can } = useAuth();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<RecurringTemplate | 'new' | null>(null);
  const [running, setRunning] = useState(false);
  const templates = useQuery({
    queryKey: termsKeys.recurring,
    queryFn: () => unwrap(api.GET('/api/v1/finance/recurring-templates')),
  });
  const reload = () => queryClient.invalidateQueries({ queryKey: termsKeys.recurring });
  const runNow = async () => {
    setRunning(true);
    try {
      const r = await unwrap(api.POST('/api/v1/finance/recurring-templates/run', { body: {} }));
      toast.success(`${r.issued} issued${r.failed ? `, ${r.failed} failed (see the template)` : ''}.`);
      await reload();
    } catch (error) {
      toast.error(error);
    } finally {
      setRunning(false);
    }
  };
  return (
    <>
      <PageHeader
        title="Recurring invoices and bills"
        description="Each template is issued on its schedule by a daily job — once per period, even when the job runs twice — and emailed when asked."
        actions={
          can('finance:approve') && (
            <span className="fin-row-actions">
              <button type="button" className="btn" onClick={() => void runNow()} disabled={running}>
                Issue what is due now
              </button>
              <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
                New recurring template
              </button>
            </span>
          )
        }
      />
      <QueryState query={templates} height="8em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="No recurring templates yet">
              Subscriptions, rent, retainers: set them up once.
            </EmptyState>
          ) : (
            <div className="table-scroll card">
              <table aria-label="Recurring templates">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Party</th>
                    <th scope="col">Schedule</th>
                    <th scope="col">Next run</th>
                    <th scope="col">Last issued</th>
                    <th scope="col">Email</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((t) => (
                    <tr key={t.id}>
                      <td>
                        {t.name}
                        {!t.active && <span className="muted"> (inactive)</span>}
                        {t.lastError && (
                          <div className="error-text" role="note">
                            {t.lastError}
                          </div>
                        )}
                      </td>
                      <td>{t.kind}</td>
                      <td>{t.partyName}</td>
                      <td>
                        {t.frequency}, day {t.dayOfMonth}
                        {t.endDate && (
                          <>
                            {' '}
                            until <DateText value={t.endDate} />
                          </>
                        )}
                      </td>
                      <td>
                        <DateText value={t.nextRunDate} />
                      </td>
                      <td>
                        {t.runs[0] ? (
                          <Link to={`/finance/${t.kind === 'invoice' ? 'invoices' : 'bills'}/${t.runs[0].documentId}`}>
                            {t.runs[0].period}
                          </Link>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td>{t.emailOnIssue ? 'Yes' : 'No'}</td>
                      <td>
                        {can('finance:approve') && (
                          <button type="button" className="btn btn-small" onClick={() => setEditing(t)}>
                            Edit
                          </button>
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
        title={editing === 'new' ? 'New recurring template' : `Edit ${editing?.name ?? ''}`}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <TemplateForm
            template={editing === 'new' ? null : editing}
            onDone={async () => {
              setEditing(null);
              await reload();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function TemplateForm({ template, onDone }: { template: RecurringTemplate | null; onDone: () => Promise<void> }) {
  const id = useId();
  const toast = useToast();
  const doc = (template?.document ?? {}) as DocumentShape;
  const [v, setV] = useState({
    kind: (template?.kind ?? 'invoice') as Kind,
    name: template?.name ?? '',
    partyId: template?.partyId ?? '',
    frequency: (template?.frequency ?? 'monthly') as Frequency,
    dayOfMonth: String(template?.dayOfMonth ?? 1),
    startDate: template?.startDate ?? today(),
    endDate: template?.endDate ?? '',
    emailOnIssue: template?.emailOnIssue ?? false,
    active: template?.active ?? true,
    currency: doc.currency ?? '',
    paymentTermId: doc.paymentTermId ?? '',
  });
  const [lines, setLines] = useState<LineDraft[]>(
    doc.lines?.map((l) => ({
      description: l.description ?? '',
      quantity: l.quantity ?? '1',
      unitPrice: l.unitPrice ?? '',
      accountId: l.accountId ?? '',
    })) ?? [{ description: '', quantity: '1', unitPrice: '', accountId: '' }],
  );
  const [busy, setBusy] = useState(false);
  const parties = useParties(v.kind === 'invoice' ? 'customer' : 'vendor');
  const accounts = useAccounts();
  const terms = usePaymentTerms();
  const accountOptions = postableOptions(accounts.data?.items, (a) =>
    v.kind === 'invoice' ? a.type === 'income' : a.type === 'expense' || a.type === 'asset',
  );
  const set = (patch: Partial<typeof v>) => setV((x) => ({ ...x, ...patch }));
  const setLine = (i: number, patch: Partial<LineDraft>) =>
    setLines((ls) => ls.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const body = {
      kind: v.kind,
      name: v.name.trim(),
      frequency: v.frequency,
      dayOfMonth: Number(v.dayOfMonth),
      startDate: v.startDate,
      endDate: v.endDate || null,
      emailOnIssue: v.emailOnIssue,
      active: v.active,
      document: {
        partyId: v.partyId,
        ...(v.currency.trim() ? { currency: v.currency.trim().toUpperCase() } : {}),
        ...(v.paymentTermId ? { paymentTermId: v.paymentTermId } : {}),
        reference: '',
        memo: '',
        lines: lines.map((l) => ({
          description: l.description,
          quantity: l.quantity.trim(),
          unitPrice: l.unitPrice.trim(),
          discountPercent: '0',
          ...(l.accountId ? { accountId: l.accountId } : {}),
        })),
      },
    };
    try {
      if (template)
        await unwrap(
          api.PUT('/api/v1/finance/recurring-templates/{id}', {
            params: { path: { id: template.id } },
            body: { ...body, version: template.version },
          }),
        );
      else await unwrap(api.POST('/api/v1/finance/recurring-templates', { body }));
      toast.success(`${body.name} saved.`);
      await onDone();
    } catch (error) {
      toast.error(error);
    } finally {
      setBusy(false);
    }
  };
  const input = (name: 'name' | 'dayOfMonth' | 'startDate' | 'endDate' | 'currency', label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input id={`${id}-${name}`} type={type} value={v[name]} onChange={(e) => set({ [name]: e.target.value })} />
    </div>
  );
  return (
    <form className="fin-form" onSubmit={(e) => void submit(e)} aria-label="Recurring template">
      <div className="fin-header-fields">
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select
            id={`${id}-kind`}
            value={v.kind}
            disabled={template !== null}
            onChange={(e) => set({ kind: e.target.value as Kind, partyId: '' })}
          >
            <option value="invoice">Invoice</option>
            <option value="bill">Bill</option>
          </select>
        </div>
        {input('name', 'Name')}
        <div className="field">
          <label htmlFor={`${id}-party`}>{v.kind === 'invoice' ? 'Customer' : 'Vendor'}</label>
          <select id={`${id}-party`} value={v.partyId} onChange={(e) => set({ partyId: e.target.value })} required>
            <option value="">(choose)</option>
            {(parties.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-freq`}>Frequency</label>
          <select
            id={`${id}-freq`}
            value={v.frequency}
            onChange={(e) => set({ frequency: e.target.value as Frequency })}
          >
            <option value="monthly">Monthly</option>
            <option value="quarterly">Quarterly</option>
            <option value="yearly">Yearly</option>
          </select>
        </div>
        {input('dayOfMonth', 'Day of month')}
        {input('startDate', 'Start', 'date')}
        {input('endDate', 'End (optional)', 'date')}
        {input('currency', 'Currency (optional)')}
        <div className="field">
          <label htmlFor={`${id}-term`}>Payment term</label>
          <select id={`${id}-term`} value={v.paymentTermId} onChange={(e) => set({ paymentTermId: e.target.value })}>
            <option value="">(the party's net days)</option>
            {(terms.data?.items ?? [])
              .filter((t) => t.active)
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
          </select>
        </div>
      </div>
      <table aria-label="Template lines">
        <thead>
          <tr>
            <th scope="col">Description</th>
            <th scope="col">Quantity</th>
            <th scope="col">Unit price</th>
            <th scope="col">Account</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={`Description, line ${i + 1}`}
                  value={l.description}
                  onChange={(e) => setLine(i, { description: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Quantity, line ${i + 1}`}
                  inputMode="decimal"
                  value={l.quantity}
                  onChange={(e) => setLine(i, { quantity: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Unit price, line ${i + 1}`}
                  inputMode="decimal"
                  value={l.unitPrice}
                  onChange={(e) => setLine(i, { unitPrice: e.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={`Account, line ${i + 1}`}
                  value={l.accountId}
                  onChange={(e) => setLine(i, { accountId: e.target.value })}
                >
                  <option value="">(default)</option>
                  {accountOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {lines.length > 1 && (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => setLines((ls) => ls.filter((_, k) => k !== i))}
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
        onClick={() => setLines((ls) => [...ls, { description: '', quantity: '1', unitPrice: '', accountId: '' }])}
      >
        Add line
      </button>
      <label>
        <input type="checkbox" checked={v.emailOnIssue} onChange={(e) => set({ emailOnIssue: e.target.checked })} />{' '}
        Email each document when issued
      </label>
      <label>
        <input type="checkbox" checked={v.active} onChange={(e) => set({ active: e.target.checked })} /> Active
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Save template
        </button>
      </div>
    </form>
  );
}
