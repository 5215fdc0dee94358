import { Link } from '@tanstack/react-router';
import { formatDateTime } from '../../components';
import { STATUS_LABELS, useLastRun, type ExecutionStatus } from './api';

/** A run's status as a badge (colour and text). */
export function StatusBadge({ status }: { status: ExecutionStatus }) {
  return <span className={`badge run-status run-${status}`}>{STATUS_LABELS[status]}</span>;
}

/** A flow's latest run: its status and time, linking to it. */
export function LastRun({ flowId }: { flowId: string }) {
  const run = useLastRun(flowId);
  if (run.isPending) return <span className="muted">…</span>;
  if (!run.data) return <span className="muted">Never</span>;
  return (
    <span className="last-run">
      <StatusBadge status={run.data.status} />{' '}
      <Link to={`/automation/runs/${run.data.id}`}>{formatDateTime(run.data.createdAt)}</Link>
    </span>
  );
}
