import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, listFetcher, unwrap } from '../../../api';
import {
  DataTable,
  DateText,
  Dialog,
  ErrorState,
  FormErrorBanner,
  listQueryKey,
  Money,
  PageHeader,
  Progress,
  RequirePermission,
  Skeleton,
  useAuth,
  useConfirm,
  useToast,
  type Column,
} from '../../../components';
import { hrKeys, payFrequencyLabels, statusBadge, type PayrollRun, type PayslipSummary } from '../queries';
import '../hr.css';
import { runStatusLabels } from './RunsPage';

export default function RunPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const run = useQuery({
    queryKey: hrKeys.run(id),
    queryFn: () => unwrap(api.GET('/api/v1/hr/payroll/runs/{id}', { params: { path: { id } } })),
  });
  return (
    <RequirePermission permission="hr:compensation" what="Payroll">
      {run.isPending ? (
        <Skeleton height="16em" />
      ) : run.isError ? (
        <ErrorState error={run.error} onRetry={() => void run.refetch()} />
      ) : (
        <Run run={run.data} reload={() => void run.refetch()} />
      )}
    </RequirePermission>
  );
}

const STEPS = ['draft', 'calculated', 'reviewed', 'approved'] as const;

function Run({ run, reload }: { run: PayrollRun; reload: () => void }) {
  const { can } = useAuth();
  const admin = can('hr:admin');
  const queryClient = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [approving, setApproving] = useState(false);
  const period = `${run.periodStart} – ${run.periodEnd}`;

  const act = async (action: 'calculate' | 'review' | 'cancel' | 'approve', extra: Record<string, string> = {}) => {
    setError(null);
    setBusy(action);
    try {
      const next = await unwrap(
        api.POST(`/api/v1/hr/payroll/runs/{id}/${action}`, {
          params: { path: { id: run.id } },
          body: { version: run.version, ...extra },
        }),
      );
      queryClient.setQueryData(hrKeys.run(run.id), next);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.runs) });
      await queryClient.invalidateQueries({ queryKey: listQueryKey(`hr-run-payslips-${run.id}`) });
      toast.success(
        {
          calculate: 'Payslips calculated.',
          review: 'Marked as reviewed.',
          cancel: 'Run cancelled.',
          approve: 'Approved and posted to Finance.',
        }[action],
      );
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };
  const cancel = async () => {
    if (
      await confirm({
        title: 'Cancel this payroll run?',
        message: `The run for ${period} is cancelled and its draft payslips are removed. Make a new run to pay this period.`,
        confirmLabel: 'Cancel run',
      })
    )
      await act('cancel');
  };

  const stepIndex = STEPS.indexOf(run.status as (typeof STEPS)[number]);
  return (
    <>
      <PageHeader
        title={`Payroll ${period}`}
        description={
          <>
            {run.currency} · {payFrequencyLabels[run.payFrequency]} · pay day <DateText value={run.payDate} /> ·{' '}
            <span className={statusBadge(run.status)}>{runStatusLabels[run.status]}</span>
          </>
        }
        actions={<Link to="/hr/payroll">All runs</Link>}
      />
      {run.status !== 'cancelled' && (
        <ol className="hr-steps" aria-label="Progress of the run">
          {STEPS.map((s, i) => (
            <li
              key={s}
              aria-current={i === stepIndex ? 'step' : undefined}
              className={i < stepIndex ? 'done' : undefined}
            >
              {i < stepIndex ? '✓ ' : ''}
              {runStatusLabels[s]}
            </li>
          ))}
        </ol>
      )}
      <FormErrorBanner error={error} onReload={reload} />
      {busy === 'calculate' && <Progress label="Calculating payslips" />}
      {busy === 'approve' && <Progress label="Approving and posting to Finance" />}
      <div className="grid-2">
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
        {admin && (
          <section className="card" aria-labelledby="act-h">
            <h2 id="act-h">Next step</h2>
            {run.status === 'draft' || run.status === 'calculated' ? (
              <p>
                {run.status === 'draft'
                  ? 'Calculate the payslips from today’s salaries and pay components.'
                  : 'Check the payslips below; recalculate after changing a salary or component, then mark the run as reviewed.'}
              </p>
            ) : run.status === 'reviewed' ? (
              <p>Approval is final: the payslips become immutable and the journal entry is posted to Finance.</p>
            ) : (
              <p className="muted">Nothing left to do.</p>
            )}
            <div className="form-actions">
              {(run.status === 'draft' || run.status === 'calculated') && (
                <button
                  type="button"
                  className={run.status === 'draft' ? 'btn btn-primary' : 'btn'}
                  disabled={busy !== null}
                  onClick={() => void act('calculate')}
                >
                  {run.status === 'draft' ? 'Calculate' : 'Recalculate'}
                </button>
              )}
              {run.status === 'calculated' && (
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={busy !== null}
                  onClick={() => void act('review')}
                >
                  Mark as reviewed
                </button>
              )}
              {run.status === 'reviewed' && (
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={busy !== null}
                  onClick={() => setApproving(true)}
                >
                  Approve and post…
                </button>
              )}
              {(run.status === 'draft' || run.status === 'calculated' || run.status === 'reviewed') && (
                <button type="button" className="btn btn-danger" disabled={busy !== null} onClick={() => void cancel()}>
                  Cancel run
                </button>
              )}
            </div>
          </section>
        )}
      </div>
      {run.excluded && run.excluded.length > 0 && (
        <section className="card" aria-labelledby="exc-h">
          <h2 id="exc-h">Not paid by this run</h2>
          <ul className="plain-list">
            {run.excluded.map((x) => (
              <li key={x.employeeId}>
                <Link to={`/hr/employees/${x.employeeId}`}>{x.name}</Link>{' '}
                <span className="muted">({x.employeeNumber})</span>: {x.detail}
              </li>
            ))}
          </ul>
        </section>
      )}
      <RunPayslips run={run} />
      {approving && (
        <ApproveDialog
          run={run}
          onClose={() => setApproving(false)}
          onApprove={async (rate) => {
            setApproving(false);
            await act('approve', rate ? { exchangeRate: rate } : {});
          }}
        />
      )}
    </>
  );
}

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

function ApproveDialog({
  run,
  onClose,
  onApprove,
}: {
  run: PayrollRun;
  onClose: () => void;
  onApprove: (exchangeRate: string) => Promise<void>;
}) {
  const [rate, setRate] = useState('');
  const [rateError, setRateError] = useState('');
  return (
    <Dialog
      open
      title="Approve this payroll run?"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              if (rate && !/^(0|[1-9]\d{0,9})(\.\d{1,10})?$/.test(rate)) {
                setRateError('A positive decimal such as 1.0845.');
                return;
              }
              void onApprove(rate);
            }}
          >
            Approve and post
          </button>
        </>
      }
    >
      <p>
        {run.totals ? (
          <>
            {run.totals.employees} payslips, net <Money amount={run.totals.net} currency={run.currency} />.{' '}
          </>
        ) : null}
        The payslips become final and one journal entry (salaries / payroll liabilities) is posted to Finance, dated{' '}
        <DateText value={run.periodEnd} />. This cannot be undone; corrections go through Finance and an off-cycle run.
      </p>
      <div className="field">
        <label htmlFor="approve-rate">Exchange rate (only if {run.currency} is not Finance’s base currency)</label>
        <input
          id="approve-rate"
          inputMode="decimal"
          value={rate}
          onChange={(e) => {
            setRate(e.target.value.replace(',', '.'));
            setRateError('');
          }}
          aria-invalid={rateError ? true : undefined}
          aria-describedby={rateError ? 'approve-rate-error' : undefined}
        />
        {rateError && (
          <p id="approve-rate-error" className="field-error">
            {rateError}
          </p>
        )}
      </div>
    </Dialog>
  );
}

const payslipColumns: Column<PayslipSummary>[] = [
  {
    id: 'employee',
    header: 'Employee',
    sortKey: 'employeeName',
    alwaysVisible: true,
    cell: (p) => <Link to={`/hr/payslips/${p.id}`}>{p.employeeName}</Link>,
  },
  { id: 'number', header: 'No.', sortKey: 'employeeNumber', cell: (p) => p.employeeNumber },
  { id: 'days', header: 'Paid days', align: 'right', cell: (p) => `${p.paidDays}/${p.periodDays}` },
  { id: 'base', header: 'Base pay', align: 'right', cell: (p) => <Money amount={p.basePay} currency={p.currency} /> },
  {
    id: 'allow',
    header: 'Allowances',
    align: 'right',
    hiddenByDefault: true,
    cell: (p) => <Money amount={p.totalAllowances} currency={p.currency} />,
  },
  { id: 'gross', header: 'Gross', align: 'right', cell: (p) => <Money amount={p.gross} currency={p.currency} /> },
  {
    id: 'ded',
    header: 'Deductions',
    align: 'right',
    cell: (p) => <Money amount={p.totalDeductions} currency={p.currency} />,
  },
  { id: 'net', header: 'Net', align: 'right', cell: (p) => <Money amount={p.net} currency={p.currency} /> },
  {
    id: 'flag',
    header: 'Check',
    cell: (p) =>
      p.flagged ? (
        <span className="badge badge-inactive" title={p.flagReason ?? undefined}>
          ⚠ {p.flagReason ?? 'Negative net'}
        </span>
      ) : (
        <span className="muted">OK</span>
      ),
  },
];

function RunPayslips({ run }: { run: PayrollRun }) {
  return (
    <section className="card" aria-labelledby="rslips-h">
      <h2 id="rslips-h">Payslips</h2>
      <DataTable
        id={`hr-run-payslips-${run.id}`}
        caption="Payslips of the run"
        columns={payslipColumns}
        fetchPage={listFetcher('/api/v1/hr/payroll/runs/{id}/payslips', { id: run.id })}
        rowKey={(p) => p.id}
        defaultSort="employeeNumber"
        filters={[{ name: 'q', label: 'Search', type: 'search', placeholder: 'Name or number' }]}
        exportPath={`/api/v1/hr/payroll/runs/${run.id}/payslips`}
        exportParams={{ format: 'csv' }}
        emptyMessage={run.status === 'draft' ? 'Calculate the run to make its payslips.' : 'No payslips.'}
      />
    </section>
  );
}
