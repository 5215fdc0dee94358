import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, errorMessage, unwrap } from '../../api';
import { PageHeader, QueryState, formatDateTime, useAuth, useConfirm, useToast } from '../../components';
import { autoKeys, useExecution, useFlow, type ExecutionDetail, type ExecutionStep } from './api';
import { Select } from './fields';
import { json, kindLabel } from './model';
import { StatusBadge } from './ui';
import './automation.css';

/** `runs/$id`: a run with each step's input, output, status and error; retry or cancel it. */
export default function RunPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const run = useExecution(id);
  return (
    <QueryState query={run} height="16em">
      {(r) => <Run run={r} />}
    </QueryState>
  );
}

const STEP_STATUS: Record<ExecutionStep['status'], string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  waiting: 'Waiting',
  copied: 'Copied from the earlier run',
};

function Run({ run }: { run: ExecutionDetail }) {
  const { can, user } = useAuth();
  const flow = useFlow(run.flowId);
  const name = flow.data?.name ?? 'a flow';
  const mayWrite = can('automation:write') && (run.runAsUserId === user.id || can('automation:admin'));
  return (
    <>
      <PageHeader
        title={`Run of ${name}`}
        description={
          <>
            <StatusBadge status={run.status} /> Started {formatDateTime(run.createdAt)} on version {run.version}
            {run.finishedAt && <>, finished {formatDateTime(run.finishedAt)}</>}
            {run.resumeAt && run.status === 'waiting' && <>, resumes {formatDateTime(run.resumeAt)}</>}
            {run.retryOf && (
              <>
                {' '}
                — a retry of <Link to={`/automation/runs/${run.retryOf}`}>an earlier run</Link>
              </>
            )}
          </>
        }
        actions={
          <>
            <Link to={`/automation/flows/${run.flowId}`} className="btn">
              Open the flow
            </Link>
            {mayWrite && (run.status === 'running' || run.status === 'waiting') && <CancelButton run={run} />}
          </>
        }
      />
      {run.error && (
        <div className="banner banner-error" role="alert">
          <strong>The run failed{run.nextStep ? ` at step ${run.nextStep}` : ''}</strong>
          <p>{run.error}</p>
        </div>
      )}
      {run.status === 'waiting' && run.resumeAt === null && (
        <div className="banner banner-info" role="status">
          Waiting for an approval at step {run.nextStep}.{' '}
          <Link to="/automation/approvals">Open the approvals inbox</Link>
        </div>
      )}
      {run.status === 'failed' && mayWrite && <RetryForm run={run} />}

      <section className="flow-section" aria-labelledby="run-steps">
        <h2 id="run-steps">Steps</h2>
        {run.steps.length === 0 ? (
          <p className="muted">No step has run yet.</p>
        ) : (
          <ol className="run-steps">
            {run.steps.map((s) => (
              <li key={s.seq}>
                <section className={`card run-step run-step-${s.status}`} aria-label={`Step ${s.stepId}`}>
                  <div className="step-head">
                    <h3>
                      {s.stepId} <span className="muted">({kindLabel(s.kind)})</span>
                    </h3>
                    <span className={`badge step-status step-${s.status}`}>{STEP_STATUS[s.status]}</span>
                  </div>
                  <p className="muted">
                    {formatDateTime(s.startedAt)}
                    {s.finishedAt && ` – ${formatDateTime(s.finishedAt)}`}
                    {s.attempts > 1 && ` · ${s.attempts} attempts`}
                  </p>
                  {s.error && <p className="field-error">{s.error}</p>}
                  <div className="step-io">
                    <JsonBlock label="Input" value={s.input} />
                    <JsonBlock label="Output" value={s.output} />
                  </div>
                </section>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="flow-section step-io" aria-label="Trigger and variables">
        <JsonBlock label="Trigger" value={run.trigger} />
        <JsonBlock label="Variables" value={run.variables} />
      </section>
    </>
  );
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  const text = json(value);
  return (
    <figure className="json-block">
      <figcaption>{label}</figcaption>
      {text && text !== 'null' && text !== '{}' ? <pre tabIndex={0}>{text}</pre> : <p className="muted">None</p>}
    </figure>
  );
}

function RetryForm({ run }: { run: ExecutionDetail }) {
  const navigate = useNavigate();
  const toast = useToast();
  const [from, setFrom] = useState<'failed-step' | 'start'>('failed-step');
  const [version, setVersion] = useState<'same' | 'latest'>('same');
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    try {
      const started = await unwrap(
        api.POST('/api/v1/automation/executions/{id}/retry', {
          params: { path: { id: run.id } },
          body: { from, version },
        }),
      );
      toast.success('Retry started');
      await navigate({ to: `/automation/runs/${started.executionId}` });
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="card flow-section retry-form"
      aria-label="Retry the run"
      onSubmit={(e) => {
        e.preventDefault();
        void retry();
      }}
    >
      <Select
        label="Retry from"
        value={from}
        onChange={(v) => setFrom(v as typeof from)}
        options={[
          { value: 'failed-step', label: `The failed step${run.nextStep ? ` (${run.nextStep})` : ''}` },
          { value: 'start', label: 'The start (same trigger)' },
        ]}
      />
      <Select
        label="On version"
        value={version}
        onChange={(v) => setVersion(v as typeof version)}
        options={[
          { value: 'same', label: `This run's (v${run.version})` },
          { value: 'latest', label: 'The newest published' },
        ]}
      />
      <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
        {busy ? 'Retrying…' : 'Retry'}
      </button>
    </form>
  );
}

function CancelButton({ run }: { run: ExecutionDetail }) {
  const confirm = useConfirm();
  const toast = useToast();
  const client = useQueryClient();
  return (
    <button
      type="button"
      className="btn"
      onClick={() =>
        void (async () => {
          const ok = await confirm({
            title: 'Cancel this run?',
            message: 'It stops before its next step; its pending approvals are cancelled.',
            confirmLabel: 'Cancel the run',
            cancelLabel: 'Keep it',
          });
          if (!ok) return;
          try {
            await unwrap(api.POST('/api/v1/automation/executions/{id}/cancel', { params: { path: { id: run.id } } }));
            toast.success('Run cancelled');
          } catch (e) {
            toast.error(errorMessage(e));
          }
          await client.invalidateQueries({ queryKey: autoKeys.execution(run.id) });
          await client.invalidateQueries({ queryKey: autoKeys.approvals });
        })()
      }
    >
      Cancel run
    </button>
  );
}
