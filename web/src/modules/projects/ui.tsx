import type { Schema } from '../../api';
import { STATUS_LABELS, type Project } from './queries';
import './projects.css';

/** A project's status as a coloured badge. */
export function StatusBadge({ status }: { status: Project['status'] }) {
  return <span className={`badge pj-status pj-status-${status}`}>{STATUS_LABELS[status]}</span>;
}

/** A progress roll-up: a bar and "40% · 2 of 5 done". */
export function ProgressBar({ progress }: { progress: Schema<'Progress'> }) {
  if (!progress) return <span className="muted">No work yet</span>;
  const pct = progress.percent ?? 0;
  return (
    <div className="pj-progress">
      <meter min={0} max={100} value={pct} aria-label={`Progress ${pct}%`} />
      <span className="muted">
        {progress.percent === null ? 'No work yet' : `${pct}%`} · {progress.done} of {progress.total} done
      </span>
    </div>
  );
}
