import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { api, queryClient, unwrap } from '../../../api';
import {
  DateText,
  FormErrorBanner,
  Keys,
  PageHeader,
  QueryState,
  useAuth,
  useShortcuts,
  useToast,
} from '../../../components';
import { postableOptions, useAccounts } from '../queries';
import { bankingKeys, fetchAllLines, type BankStatement, type Proposal, type StatementLine } from './bankingApi';
import '../finance.css';
import './banking.css';

const SHORTCUTS: [string, string][] = [
  ['j', 'Next line (or ↓)'],
  ['k', 'Previous line (or ↑)'],
  ['Enter', 'Accept the proposal'],
  ['a', 'Accept all proposals'],
  ['e', 'Book to an account'],
  ['m', 'Match an open invoice or bill'],
  ['u', 'Unreconcile the line'],
];

const describe = (p: Proposal) =>
  p.kind === 'payment'
    ? `Payment ${p.paymentNumber ?? ''}${p.partyName ? ` — ${p.partyName}` : ''}`
    : p.kind === 'entry'
      ? `New entry on ${p.accountCode ?? 'account'}`
      : `${p.documents.map((d) => d.number).join(', ')}${p.partyName ? ` — ${p.partyName}` : ''}`;

interface OpenDoc {
  id: string;
  number: string | null;
  partyName: string;
  open: string;
}

/** Open invoices (money in) or bills (money out) found by number, party or amount. */
function OpenItemSearch({
  line,
  inputRef,
  onMatch,
}: {
  line: StatementLine;
  inputRef: React.RefObject<HTMLInputElement | null>;
  onMatch: (doc: OpenDoc, amount: string) => void;
}) {
  const id = useId();
  const [q, setQ] = useState('');
  const incoming = !line.amount.startsWith('-');
  const path = incoming ? '/api/v1/finance/invoices' : '/api/v1/finance/bills';
  const found = useQuery({
    queryKey: ['finance', 'bank-open-items', path, q],
    enabled: q.trim().length >= 2,
    queryFn: async () =>
      (await unwrap(api.GET(path, { params: { query: { q, limit: 10 } } }))).items.filter(
        (d) => (d.status === 'issued' || d.status === 'partially-paid') && Number(d.open) > 0,
      ),
  });
  const size = line.amount.replace(/^-/, '');
  return (
    <div className="field">
      <label htmlFor={id}>Match an open {incoming ? 'invoice' : 'bill'} (number, party or amount)</label>
      <input id={id} ref={inputRef} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      {found.data && (
        <ul className="bank-found" aria-label="Open items found">
          {found.data.length === 0 && <li className="muted">Nothing open found.</li>}
          {found.data.map((d) => {
            const amount = Number(d.open) < Number(size) ? d.open : size;
            return (
              <li key={d.id}>
                <button type="button" className="btn" onClick={() => onMatch(d, amount)}>
                  Match {d.number} — {d.partyName} (open {d.open}, allocate {amount})
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/**
 * The reconciliation workspace: the statement's lines on the left (j/k or arrows move), the selected
 * line on the right with its proposal (Enter accepts), a new entry on an account (bank fees,
 * interest), or a match to open invoices/bills; the reconciled balance against the closing balance.
 */
export default function ReconcilePage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { can } = useAuth();
  const toast = useToast();
  const accountSelect = useRef<HTMLSelectElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const [selected, setSelected] = useState(0);
  const [accountId, setAccountId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const statement = useQuery({
    queryKey: bankingKeys.statement(id),
    queryFn: () => unwrap(api.GET('/api/v1/finance/bank-statements/{id}', { params: { path: { id } } })),
  });
  const lines = useQuery({ queryKey: [...bankingKeys.statement(id), 'lines'], queryFn: () => fetchAllLines(id) });
  const proposals = useQuery({
    queryKey: [...bankingKeys.statement(id), 'proposals'],
    queryFn: () => unwrap(api.GET('/api/v1/finance/bank-statements/{id}/proposals', { params: { path: { id } } })),
  });
  const chart = useAccounts();
  const byLine = useMemo(() => new Map((proposals.data?.items ?? []).map((p) => [p.lineId, p])), [proposals.data]);
  const all = lines.data ?? [];
  const line = all[selected];
  const proposal = line ? byLine.get(line.id) : undefined;
  const open = statement.data?.status === 'open';
  const mayPost = can('finance:approve') && open;

  useEffect(() => {
    tableRef.current?.querySelector<HTMLElement>('tr.row-active')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: bankingKeys.statement(id) });
  const nextUnmatched = (from: number) => {
    const i = all.findIndex((l, n) => n > from && l.status === 'unmatched');
    return i >= 0 ? i : from;
  };
  const run = async (work: () => Promise<unknown>, message: string, advance = true) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await work();
      toast.success(message);
      if (advance) setSelected((s) => nextUnmatched(s));
      await refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const reconcile = (l: StatementLine, body: Record<string, unknown>, message: string) =>
    run(
      () =>
        unwrap(
          api.POST('/api/v1/finance/bank-statements/{id}/lines/{lineId}/reconcile', {
            params: { path: { id, lineId: l.id } },
            body: { version: l.version, ...body } as never,
          }),
        ),
      message,
    );
  const acceptProposal = (l: StatementLine, p: Proposal) =>
    reconcile(
      l,
      p.kind === 'payment'
        ? { kind: 'payment', paymentId: p.paymentId }
        : p.kind === 'entry'
          ? { kind: 'entry', accountId: p.accountId }
          : {
              kind: 'documents',
              partyId: p.partyId,
              allocations: p.documents.map((d) => ({ documentId: d.documentId, amount: d.amount })),
            },
      `Line ${l.lineNo} reconciled.`,
    );
  const acceptAll = () =>
    run(
      () =>
        unwrap(
          api.POST('/api/v1/finance/bank-statements/{id}/proposals/accept', { params: { path: { id } }, body: {} }),
        ),
      'Proposals accepted.',
      false,
    );
  const unreconcile = (l: StatementLine) =>
    run(
      () =>
        unwrap(
          api.POST('/api/v1/finance/bank-statements/{id}/lines/{lineId}/unreconcile', {
            params: { path: { id, lineId: l.id } },
            body: { version: l.version },
          }),
        ),
      `Line ${l.lineNo} unreconciled.`,
      false,
    );
  const finish = (s: BankStatement) =>
    run(
      () => {
        const options = { params: { path: { id } }, body: { version: s.version } };
        return unwrap(
          s.status === 'open'
            ? api.POST('/api/v1/finance/bank-statements/{id}/finish', options)
            : api.POST('/api/v1/finance/bank-statements/{id}/reopen', options),
        );
      },
      s.status === 'open' ? 'Statement finished.' : 'Statement reopened.',
      false,
    );

  const notInControl = () => {
    const el = document.activeElement;
    return !(el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement);
  };
  const move = (by: number) => setSelected((s) => Math.min(Math.max(0, s + by), Math.max(0, all.length - 1)));
  useShortcuts([
    { keys: 'j', description: 'Next statement line', run: () => move(1) },
    { keys: 'ArrowDown', description: 'Next statement line', run: () => move(1) },
    { keys: 'k', description: 'Previous statement line', run: () => move(-1) },
    { keys: 'ArrowUp', description: 'Previous statement line', run: () => move(-1) },
    {
      keys: 'Enter',
      description: "Accept the line's proposal",
      when: () => notInControl() && !!line && !!proposal && line.status === 'unmatched' && mayPost,
      run: () => {
        if (line && proposal) void acceptProposal(line, proposal);
      },
    },
    { keys: 'a', description: 'Accept all proposals', when: () => mayPost, run: () => void acceptAll() },
    { keys: 'e', description: 'Book the line to an account', run: () => accountSelect.current?.focus() },
    { keys: 'm', description: 'Match an open invoice or bill', run: () => searchInput.current?.focus() },
    {
      keys: 'u',
      description: 'Unreconcile the line',
      when: () => !!line && line.status === 'reconciled' && mayPost,
      run: () => {
        if (line) void unreconcile(line);
      },
    },
  ]);

  return (
    <QueryState query={statement} height="10em">
      {(s) => (
        <>
          <PageHeader
            title={`Reconcile ${s.bankAccountName}`}
            description={
              <>
                <DateText value={s.startDate} /> – <DateText value={s.endDate} /> · {s.fileName || s.format} ·{' '}
                {s.reconciledCount} of {s.lineCount} lines reconciled
              </>
            }
            actions={<Link to={`/finance/bank-accounts/${s.bankAccountId}`}>Bank account</Link>}
          />
          <div className="bank-balances card" aria-label="Balances">
            <div>
              <span className="muted">Opening</span>
              <strong>{s.openingBalance}</strong>
            </div>
            <div>
              <span className="muted">Reconciled balance</span>
              <strong data-testid="reconciled-balance">{s.reconciledBalance}</strong>
            </div>
            <div>
              <span className="muted">Closing (statement)</span>
              <strong data-testid="closing-balance">{s.closingBalance}</strong>
            </div>
            <div>
              <span className="muted">Difference</span>
              <strong
                data-testid="difference"
                className={Number(s.difference) === 0 ? 'fin-status-paid' : 'fin-overdue'}
              >
                {s.difference} {s.currency}
              </strong>
            </div>
            {can('finance:approve') && (
              <div className="page-actions">
                {open && (
                  <button
                    type="button"
                    className="btn"
                    disabled={busy || byLine.size === 0}
                    onClick={() => void acceptAll()}
                  >
                    Accept all proposals ({byLine.size}) <Keys keys="a" />
                  </button>
                )}
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={busy || (open && Number(s.difference) !== 0)}
                  onClick={() => void finish(s)}
                >
                  {open ? 'Finish statement' : 'Reopen statement'}
                </button>
              </div>
            )}
          </div>
          <p className="bank-keys muted" aria-label="Keyboard shortcuts">
            {SHORTCUTS.map(([k, label]) => (
              <span key={k}>
                <Keys keys={k} /> {label}
              </span>
            ))}
          </p>
          <FormErrorBanner error={error} />
          <div className="bank-workspace">
            <div className="table-scroll card" tabIndex={0} role="region" aria-label="Statement lines, scrollable">
              <QueryState query={lines} height="10em">
                {(items) => (
                  <table aria-label="Statement lines">
                    <thead>
                      <tr>
                        <th scope="col">#</th>
                        <th scope="col">Date</th>
                        <th scope="col">Counterparty / text</th>
                        <th scope="col" className="num">
                          Amount
                        </th>
                        <th scope="col">Match</th>
                      </tr>
                    </thead>
                    <tbody ref={tableRef}>
                      {items.map((l, i) => {
                        const p = byLine.get(l.id);
                        return (
                          <tr
                            key={l.id}
                            className={i === selected ? 'row-active' : undefined}
                            aria-current={i === selected ? 'true' : undefined}
                            data-status={l.status}
                            onClick={() => setSelected(i)}
                          >
                            <td>{l.lineNo}</td>
                            <td>
                              <DateText value={l.bookingDate} />
                            </td>
                            <td className="bank-text">
                              {l.counterparty && <strong>{l.counterparty} </strong>}
                              <span className="muted">{[l.reference, l.description].filter(Boolean).join(' · ')}</span>
                            </td>
                            <td className="num">{l.amount}</td>
                            <td className="bank-text">
                              {l.status === 'reconciled' ? (
                                <span className="fin-status-paid">✓ {l.matchKind}</span>
                              ) : p ? (
                                <span className="bank-proposal">→ {describe(p)}</span>
                              ) : (
                                <span className="muted">—</span>
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                )}
              </QueryState>
            </div>
            {line && (
              <section className="card bank-detail" aria-label="Selected line">
                <h2>
                  Line {line.lineNo}: {line.amount} {s.currency}
                </h2>
                <dl className="bank-facts">
                  <dt>Date</dt>
                  <dd>
                    <DateText value={line.bookingDate} />
                  </dd>
                  <dt>Counterparty</dt>
                  <dd>{line.counterparty || '—'}</dd>
                  <dt>Reference</dt>
                  <dd>{line.reference || '—'}</dd>
                  <dt>Text</dt>
                  <dd>{line.description || '—'}</dd>
                </dl>
                {line.status === 'reconciled' ? (
                  <>
                    <p>
                      Reconciled ({line.matchKind})
                      {line.paymentId && (
                        <>
                          {' '}
                          — <Link to={`/finance/payments/${line.paymentId}`}>payment</Link>
                        </>
                      )}
                      {line.journalEntryId && (
                        <>
                          {' '}
                          — <Link to={`/finance/journal/${line.journalEntryId}`}>journal entry</Link>
                        </>
                      )}
                    </p>
                    {mayPost && (
                      <button type="button" className="btn" disabled={busy} onClick={() => void unreconcile(line)}>
                        Unreconcile <Keys keys="u" />
                      </button>
                    )}
                  </>
                ) : (
                  <>
                    {proposal ? (
                      <div className="bank-proposal-box">
                        <p>
                          <strong>Proposed:</strong> {describe(proposal)}
                          <br />
                          <span className="muted">{proposal.reason}</span>
                          {proposal.exchangeRate && (
                            <>
                              <br />
                              <span className="muted" data-testid="proposal-rate">
                                At the rate {proposal.exchangeRate} of {proposal.exchangeRateDate} (exchange-rate table)
                              </span>
                            </>
                          )}
                        </p>
                        {mayPost && (
                          <>
                            <button
                              type="button"
                              className="btn btn-primary"
                              disabled={busy}
                              onClick={() => void acceptProposal(line, proposal)}
                            >
                              Accept
                            </button>{' '}
                            <Keys keys="Enter" />
                          </>
                        )}
                      </div>
                    ) : (
                      <p className="muted">No proposal for this line.</p>
                    )}
                    {mayPost && (
                      <>
                        <form
                          className="fin-form"
                          aria-label="Book to an account"
                          onSubmit={(e) => {
                            e.preventDefault();
                            if (accountId)
                              void reconcile(line, { kind: 'entry', accountId }, `Line ${line.lineNo} booked.`);
                          }}
                        >
                          <div className="field">
                            <label htmlFor="bank-entry-account">Book to account (fees, interest…)</label>
                            <select
                              id="bank-entry-account"
                              ref={accountSelect}
                              value={accountId}
                              onChange={(e) => setAccountId(e.target.value)}
                            >
                              <option value="">Choose an account</option>
                              {postableOptions(chart.data?.items, (a) => a.type !== 'asset' || a.code >= '1500').map(
                                (o) => (
                                  <option key={o.value} value={o.value}>
                                    {o.label}
                                  </option>
                                ),
                              )}
                            </select>
                          </div>
                          <div>
                            <button type="submit" className="btn" disabled={busy || !accountId}>
                              Post entry
                            </button>
                          </div>
                        </form>
                        <OpenItemSearch
                          line={line}
                          inputRef={searchInput}
                          onMatch={(doc, amount) =>
                            void reconcile(
                              line,
                              { kind: 'documents', allocations: [{ documentId: doc.id, amount }] },
                              `Line ${line.lineNo} matched to ${doc.number ?? 'the document'}.`,
                            )
                          }
                        />
                      </>
                    )}
                  </>
                )}
              </section>
            )}
          </div>
        </>
      )}
    </QueryState>
  );
}
