import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { api, unwrap } from '../../../api';
import {
  DateText,
  Dialog,
  EmptyState,
  PageHeader,
  QueryState,
  formatMoney,
  useAuth,
  useToast,
} from '../../../components';
import '../finance.css';
import { postableOptions, useAccounts } from '../queries';
import { termsKeys, type DunningLevel, type Reminder } from './termsQueries';

const STATUSES = ['proposed', 'sent', 'dismissed', 'superseded'] as const;
type Status = (typeof STATUSES)[number];

/**
 * Reminders for overdue invoices: the daily job proposes them (one per invoice and level); a person
 * sends them here (the invoice goes out by email with the level's text; a fee is invoiced) or
 * dismisses them. Below, the reminder levels.
 */
export default function RemindersPage() {
  const { can } = useAuth();
  const toast = useToast();
  const queryClient = useQueryClient();
  const statusId = useId();
  const [status, setStatus] = useState<Status>('proposed');
  const [busy, setBusy] = useState<string | null>(null);
  const reminders = useQuery({
    queryKey: termsKeys.reminders(status),
    queryFn: () => unwrap(api.GET('/api/v1/finance/reminders', { params: { query: { status, limit: 200 } } })),
  });
  const reload = () => queryClient.invalidateQueries({ queryKey: ['finance', 'reminders'] });
  const act = async (key: string, work: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await work();
      await reload();
      toast.success(done);
    } catch (error) {
      toast.error(error);
    } finally {
      setBusy(null);
    }
  };
  const send = (r: Reminder) =>
    act(
      r.id,
      () => unwrap(api.POST('/api/v1/finance/reminders/{id}/send', { params: { path: { id: r.id } }, body: {} })),
      `Reminder for ${r.documentNumber} sent.`,
    );
  const dismiss = (r: Reminder) =>
    act(
      r.id,
      () => unwrap(api.POST('/api/v1/finance/reminders/{id}/dismiss', { params: { path: { id: r.id } } })),
      `Reminder for ${r.documentNumber} dismissed.`,
    );
  const propose = () =>
    act(
      'propose',
      async () => {
        const result = await unwrap(api.POST('/api/v1/finance/reminders/propose', { body: {} }));
        toast.success(`${result.proposed} reminder(s) proposed.`);
      },
      'Overdue invoices checked.',
    );
  return (
    <>
      <PageHeader
        title="Reminders"
        description="Proposed every night for overdue instalments, one per invoice and level. Sending emails the invoice with the level's text and invoices its fee."
        actions={
          can('finance:write') && (
            <button type="button" className="btn" onClick={() => void propose()} disabled={busy !== null}>
              Propose now
            </button>
          )
        }
      />
      <div className="toolbar card">
        <div className="filter">
          <label htmlFor={statusId}>Status</label>
          <select id={statusId} value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QueryState query={reminders} height="8em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title={`No ${status} reminders`}>
              Reminders appear once an invoice is overdue by a level's delay.
            </EmptyState>
          ) : (
            <div className="table-scroll card">
              <table aria-label="Reminders">
                <thead>
                  <tr>
                    <th scope="col">Invoice</th>
                    <th scope="col">Customer</th>
                    <th scope="col">Level</th>
                    <th scope="col">Due</th>
                    <th scope="col" className="num">
                      Days overdue
                    </th>
                    <th scope="col" className="num">
                      Overdue amount
                    </th>
                    <th scope="col" className="num">
                      Fee
                    </th>
                    <th scope="col">Proposed</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={`/finance/invoices/${r.documentId}`}>{r.documentNumber}</Link>
                      </td>
                      <td>{r.partyName}</td>
                      <td>
                        {r.level} — {r.levelName}
                      </td>
                      <td>
                        <DateText value={r.dueDate} />
                      </td>
                      <td className="num">{r.daysOverdue}</td>
                      <td className="num">{formatMoney(r.openAmount, r.currency)}</td>
                      <td className="num">{formatMoney(r.fee, r.currency)}</td>
                      <td>
                        <DateText value={r.proposedOn} />
                      </td>
                      <td>
                        {r.status === 'proposed' && (
                          <span className="fin-row-actions">
                            {can('finance:approve') && (
                              <button
                                type="button"
                                className="btn btn-small btn-primary"
                                onClick={() => void send(r)}
                                disabled={busy !== null}
                                aria-label={`Send reminder for ${r.documentNumber}`}
                              >
                                Send
                              </button>
                            )}
                            {can('finance:write') && (
                              <button
                                type="button"
                                className="btn btn-small"
                                onClick={() => void dismiss(r)}
                                disabled={busy !== null}
                                aria-label={`Dismiss reminder for ${r.documentNumber}`}
                              >
                                Dismiss
                              </button>
                            )}
                          </span>
                        )}
                        {r.feeDocumentId && <Link to={`/finance/invoices/${r.feeDocumentId}`}>Fee invoice</Link>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {list.nextCursor && (
                <p className="muted">The 200 newest are shown: send or dismiss some to see the rest.</p>
              )}
            </div>
          )
        }
      </QueryState>
      <DunningLevels />
    </>
  );
}

function DunningLevels() {
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<DunningLevel | 'new' | null>(null);
  const levels = useQuery({
    queryKey: termsKeys.dunningLevels,
    queryFn: () => unwrap(api.GET('/api/v1/finance/dunning-levels')),
  });
  return (
    <section className="card" aria-labelledby="dunning-levels-h">
      <h2 id="dunning-levels-h">Reminder levels</h2>
      <QueryState query={levels} height="4em">
        {(list) => (
          <>
            {list.items.length === 0 ? (
              <p className="muted">No levels: nothing is proposed.</p>
            ) : (
              <table aria-label="Reminder levels">
                <thead>
                  <tr>
                    <th scope="col">Level</th>
                    <th scope="col">Name</th>
                    <th scope="col" className="num">
                      Days after due
                    </th>
                    <th scope="col" className="num">
                      Fee
                    </th>
                    <th scope="col">Sends</th>
                    <th scope="col">
                      <span className="visually-hidden">Edit</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((l) => (
                    <tr key={l.id}>
                      <td>{l.level}</td>
                      <td>
                        {l.name}
                        {!l.active && <span className="muted"> (inactive)</span>}
                      </td>
                      <td className="num">{l.delayDays}</td>
                      <td className="num">{l.fee}</td>
                      <td>{l.autoSend ? 'automatically' : 'after review'}</td>
                      <td>
                        {can('finance:admin') && (
                          <button type="button" className="btn btn-small" onClick={() => setEditing(l)}>
                            Edit
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p className="muted">Placeholders: {list.placeholders.map((p) => `{{${p}}}`).join(' ')}</p>
          </>
        )}
      </QueryState>
      {can('finance:admin') && (
        <button type="button" className="btn" onClick={() => setEditing('new')}>
          New level
        </button>
      )}
      <Dialog
        open={editing !== null}
        title={editing === 'new' ? 'New reminder level' : `Edit level ${editing?.level ?? ''}`}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <LevelForm
            level={editing === 'new' ? null : editing}
            next={(levels.data?.items.at(-1)?.level ?? 0) + 1}
            onDone={async () => {
              setEditing(null);
              await queryClient.invalidateQueries({ queryKey: termsKeys.dunningLevels });
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

function LevelForm({ level, next, onDone }: { level: DunningLevel | null; next: number; onDone: () => Promise<void> }) {
  const id = useId();
  const toast = useToast();
  const accounts = useAccounts();
  const incomeOptions = postableOptions(accounts.data?.items, (a) => a.type === 'income');
  const [v, setV] = useState({
    level: String(level?.level ?? Math.min(next, 9)),
    name: level?.name ?? '',
    delayDays: String(level?.delayDays ?? 7),
    subject: level?.subject ?? 'Reminder: invoice {{documentNumber}}',
    body:
      level?.body ??
      'Dear {{partyName}},\n\ninvoice {{documentNumber}} of {{documentDate}} is {{daysOverdue}} days overdue: {{amountDue}} {{currency}} are open.\n\nKind regards,\n{{companyName}}',
    fee: level?.fee ?? '0.00',
    feeAccountId: level?.feeAccountId ?? '',
    autoSend: level?.autoSend ?? false,
    active: level?.active ?? true,
  });
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof v>) => setV((x) => ({ ...x, ...patch }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const body = {
      level: Number(v.level),
      name: v.name.trim(),
      delayDays: Number(v.delayDays),
      subject: v.subject,
      body: v.body,
      fee: v.fee.trim() || '0',
      feeAccountId: v.feeAccountId || null,
      autoSend: v.autoSend,
      active: v.active,
    };
    try {
      if (level)
        await unwrap(
          api.PUT('/api/v1/finance/dunning-levels/{id}', {
            params: { path: { id: level.id } },
            body: { ...body, version: level.version },
          }),
        );
      else await unwrap(api.POST('/api/v1/finance/dunning-levels', { body }));
      toast.success(`Level ${body.level} saved.`);
      await onDone();
    } catch (error) {
      toast.error(error);
    } finally {
      setBusy(false);
    }
  };
  const field = (
    name: keyof typeof v,
    label: string,
    extra: { inputMode?: 'numeric' | 'decimal'; maxLength?: number } = {},
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        value={String(v[name])}
        onChange={(e) => set({ [name]: e.target.value })}
        {...extra}
      />
    </div>
  );
  return (
    <form className="fin-form" onSubmit={(e) => void submit(e)} aria-label="Reminder level">
      <div className="fin-header-fields">
        {field('level', 'Level (1–9)', { inputMode: 'numeric', maxLength: 1 })}
        {field('name', 'Name', { maxLength: 100 })}
        {field('delayDays', 'Days after the due date', { inputMode: 'numeric' })}
        {field('fee', 'Fee', { inputMode: 'decimal' })}
        <div className="field">
          <label htmlFor={`${id}-acct`}>Fee income account</label>
          <select id={`${id}-acct`} value={v.feeAccountId} onChange={(e) => set({ feeAccountId: e.target.value })}>
            <option value="">(none)</option>
            {incomeOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {field('subject', 'Email subject', { maxLength: 200 })}
      <div className="field">
        <label htmlFor={`${id}-body`}>Email text</label>
        <textarea
          id={`${id}-body`}
          rows={6}
          value={v.body}
          maxLength={4000}
          onChange={(e) => set({ body: e.target.value })}
        />
      </div>
      <label>
        <input type="checkbox" checked={v.autoSend} onChange={(e) => set({ autoSend: e.target.checked })} /> Send
        automatically when proposed
      </label>
      <label>
        <input type="checkbox" checked={v.active} onChange={(e) => set({ active: e.target.checked })} /> Active
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Save level
        </button>
      </div>
    </form>
  );
}
