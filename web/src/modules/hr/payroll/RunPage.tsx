import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import {
  DateText,
  FormErrorBanner,
  listQueryKey,
  PageHeader,
  Progress,
  QueryState,
  RequirePermission,
  useAuth,
  useConfirm,
  useToast,
} from '../../../components';
import { hrKeys, payFrequencyLabels, statusBadge, type PayrollRun } from '../queries';
import '../hr.css';
import { ApproveDialog } from './ApproveDialog';
import { RunPayslips } from './RunPayslips';
import { runStatusLabels } from './RunsPage';
import { RunSummary } from './RunSummary';

/** A payroll run: its progress, totals and payslips; hr:admin calculates, reviews, approves or cancels it. */
export default function RunPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const run = useQuery({
    queryKey: hrKeys.run(id),
    queryFn: () => unwrap(api.GET('/api/v1/hr/payroll/runs/{id}', { params: { path: { id } } })),
  });
  return (
    <RequirePermission permission="hr:compensation" what="Payroll">
      <QueryState query={run} height="16em">
        {(data) => <Run run={data} reload={() => void run.refetch()} />}
      </QueryState>
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
        <RunSummary run={run} />
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
