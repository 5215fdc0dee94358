import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import {
  DateText,
  FormErrorBanner,
  listQueryKey,
  Money,
  PageHeader,
  QueryState,
  useAuth,
  useConfirm,
  useToast,
} from '../../../components';
import { isOne, isZero } from '../decimal';
import { financeKeys, StatusBadge, type JournalEntry } from '../queries';
import { JournalEntryForm } from './JournalEntryForm';
import '../finance.css';

export default function JournalEntryPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const entry = useQuery({
    queryKey: financeKeys.entry(id),
    queryFn: () => unwrap(api.GET('/api/v1/finance/journal-entries/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={entry} height="16em">
      {(e) => <EntryView key={e.version} entry={e} reload={() => void entry.refetch()} />}
    </QueryState>
  );
}

function EntryView({ entry, reload }: { entry: JournalEntry; reload: () => void }) {
  const { can } = useAuth();
  const confirm = useConfirm();
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const draft = entry.status === 'draft';
  const editable = draft && can('finance:write');

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: listQueryKey(financeKeys.lists.entries) });
    await queryClient.invalidateQueries({ queryKey: financeKeys.reports });
  };

  const reverse = async () => {
    const ok = await confirm({
      title: `Reverse ${entry.number}?`,
      message:
        'A new posted entry with debits and credits swapped cancels this one, dated today (or the original date if its period is still open). This cannot be undone.',
      confirmLabel: 'Reverse entry',
    });
    if (!ok) return;
    setBusy(true);
    setActionError(null);
    try {
      const reversal = await unwrap(
        api.POST('/api/v1/finance/journal-entries/{id}/reverse', { params: { path: { id: entry.id } }, body: {} }),
      );
      await refresh();
      await queryClient.invalidateQueries({ queryKey: financeKeys.entry(entry.id) });
      toast.success(`Reversed by ${reversal.number}.`);
      void navigate({ to: `/finance/journal/${reversal.id}` });
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    const ok = await confirm({
      title: 'Delete this draft?',
      message: 'The draft entry and its lines are deleted. Nothing was posted, so the ledger does not change.',
      confirmLabel: 'Delete draft',
    });
    if (!ok) return;
    setBusy(true);
    setActionError(null);
    try {
      await unwrap(api.DELETE('/api/v1/finance/journal-entries/{id}', { params: { path: { id: entry.id } } }));
      await refresh();
      toast.success('Draft deleted.');
      void navigate({ to: '/finance/journal' });
    } catch (error) {
      setActionError(error);
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={entry.number ? `Journal entry ${entry.number}` : 'Draft journal entry'}
        description={
          <>
            <StatusBadge status={entry.status} /> · <DateText value={entry.date} /> · source {entry.sourceType}
            {entry.postedAt && (
              <>
                {' '}
                · posted <DateText value={entry.postedAt} withTime />
              </>
            )}
          </>
        }
        actions={<Link to="/finance/journal">Back to journal entries</Link>}
      />
      <FormErrorBanner error={actionError} onReload={reload} />
      {entry.reversesEntryId && (
        <div className="banner banner-info">
          This entry reverses <Link to={`/finance/journal/${entry.reversesEntryId}`}>another entry</Link>.
        </div>
      )}
      {entry.reversedByEntryId && (
        <div className="banner banner-warning">
          This entry was reversed by <Link to={`/finance/journal/${entry.reversedByEntryId}`}>a reversal entry</Link>.
        </div>
      )}
      {editable ? (
        <section className="card" aria-label="Journal entry">
          <JournalEntryForm
            entry={entry}
            onSaved={() => {
              reload();
            }}
            onReload={reload}
          />
          <div className="form-actions">
            <button type="button" className="btn btn-danger" onClick={() => void remove()} disabled={busy}>
              Delete draft
            </button>
          </div>
        </section>
      ) : (
        <section className="card" aria-labelledby="je-lines-h">
          <h2 id="je-lines-h">Lines</h2>
          <dl className="fin-dl">
            {entry.reference && (
              <>
                <dt>Reference</dt>
                <dd>{entry.reference}</dd>
              </>
            )}
            {entry.memo && (
              <>
                <dt>Memo</dt>
                <dd>{entry.memo}</dd>
              </>
            )}
            {entry.currency && (
              <>
                <dt>Currency</dt>
                <dd>
                  {entry.currency}
                  {!isOne(entry.exchangeRate) && ` at ${entry.exchangeRate}`}
                </dd>
              </>
            )}
          </dl>
          <div className="table-scroll">
            <table className="fin-report-table" aria-label="Entry lines">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Account</th>
                  <th scope="col">Description</th>
                  <th scope="col" className="num">
                    Debit
                  </th>
                  <th scope="col" className="num">
                    Credit
                  </th>
                </tr>
              </thead>
              <tbody>
                {entry.lines.map((l) => (
                  <tr key={l.lineNo}>
                    <td className="muted">{l.lineNo}</td>
                    <td>
                      {l.accountCode} — {l.accountName}
                    </td>
                    <td>{l.description}</td>
                    <td className="num">{!isZero(l.debit) && <Money amount={l.debit} currency={entry.currency} />}</td>
                    <td className="num">
                      {!isZero(l.credit) && <Money amount={l.credit} currency={entry.currency} />}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    Total
                  </th>
                  <td className="num">
                    <Money amount={entry.totalDebit} currency={entry.currency} />
                  </td>
                  <td className="num">
                    <Money amount={entry.totalCredit} currency={entry.currency} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          {entry.status === 'posted' && !entry.reversedByEntryId && can('finance:approve') && (
            <div className="form-actions">
              <button type="button" className="btn btn-danger" onClick={() => void reverse()} disabled={busy}>
                Reverse entry
              </button>
            </div>
          )}
        </section>
      )}
    </>
  );
}
