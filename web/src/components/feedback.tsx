import type { ReactNode } from 'react';
import { errorMessage, ProblemError } from '../api/problem';

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span className="spinner" role="status" aria-label={label} />;
}

/**
 * Progress of a long operation: `value` in 0..1 (determinate) or omitted (indeterminate).
 * `<Progress label="Importing contacts" value={done / total} />`
 */
export function Progress({ label, value }: { label: string; value?: number }) {
  const pct = value === undefined ? undefined : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="progress-wrap">
      <div className="progress-label">
        <span>{label}</span>
        {pct !== undefined && <span>{pct}%</span>}
      </div>
      <div
        className={pct === undefined ? 'progress progress-indeterminate' : 'progress'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(pct !== undefined ? { 'aria-valuenow': pct } : {})}
      >
        <div className="progress-bar" style={pct === undefined ? undefined : { width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** A grey placeholder line while content loads. */
export function Skeleton({ width = '100%', height = '1em' }: { width?: string; height?: string }) {
  return <span className="skeleton" style={{ width, height }} aria-hidden="true" />;
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

/** A failed load, with the server's explanation and a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const title = error instanceof ProblemError ? error.title : 'Something went wrong';
  return (
    <div className="error-state" role="alert">
      <p className="empty-title">{title}</p>
      <p>{errorMessage(error)}</p>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** The heading row of a page: title, optional description and actions (buttons, links). */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {description && <p className="muted">{description}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
