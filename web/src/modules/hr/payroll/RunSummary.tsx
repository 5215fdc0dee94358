import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../../api';
import { DateText, Money, useAuth } from '../../../components';
import type { PayrollRun } from '../queries';

/** The run card: totals, when each step happened, notes, and the journal entry it posted. */
export function RunSummary({ run }: { run: PayrollRun }) {
  return (
    <section className="card" aria-labelledby="run-h">
      <h2 id="run-h">Run</h2>
      <dl className="hr-dl">
        {run.totals && (
          <>
            <dt>People paid</dt>
            <dd>{run.totals.employees}</dd>
            <dt>Gross</dt>
            <dd>
              <Money amount={run.totals.gross} currency={run.currency} />
            </dd>
            <dt>Deductions</dt>
            <dd>
              <Money amount={run.totals.deductions} currency={run.currency} />
            </dd>
            <dt>Net</dt>
            <dd>
              <strong>
                <Money amount={run.totals.net} currency={run.currency} />
              </strong>
            </dd>
          </>
        )}
        <dt>Calculated</dt>
        <dd>
          <DateText value={run.calculatedAt} withTime />
        </dd>
        <dt>Reviewed</dt>
        <dd>
          <DateText value={run.reviewedAt} withTime />
        </dd>
        <dt>Approved</dt>
        <dd>
          <DateText value={run.approvedAt} withTime />
        </dd>
        {run.notes && (
          <>
            <dt>Notes</dt>
            <dd>{run.notes}</dd>
          </>
        )}
        {run.reviewNotes && (
          <>
            <dt>Review notes</dt>
            <dd>{run.reviewNotes}</dd>
          </>
        )}
        {run.cancelReason && (
          <>
            <dt>Cancelled because</dt>
            <dd>{run.cancelReason}</dd>
          </>
        )}
        {run.exchangeRate && (
          <>
            <dt>Exchange rate</dt>
            <dd>{run.exchangeRate}</dd>
          </>
        )}
        {run.journalEntryId && (
          <>
            <dt>Journal entry</dt>
            <dd>
              <JournalEntryLink id={run.journalEntryId} />
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** The payroll's journal entry in Finance: its number and a link for finance:read holders. */
function JournalEntryLink({ id }: { id: string }) {
  const { can } = useAuth();
  const entry = useQuery({
    queryKey: ['hr', 'journal-entry', id],
    enabled: can('finance:read'),
    queryFn: () => unwrap(api.GET('/api/v1/finance/journal-entries/{id}', { params: { path: { id } } })),
  });
  const label = entry.data?.number ? `Entry ${entry.data.number}` : `Entry ${id.slice(0, 8)}…`;
  return can('finance:read') ? <Link to={`/finance/journal/${id}`}>{label}</Link> : <span>{label}</span>;
}
