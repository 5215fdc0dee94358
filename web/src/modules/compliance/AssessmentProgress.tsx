import { RESULT_STATUS_LABELS, RESULT_STATUSES, type Assessment, type ResultStatus } from './api';

export const RESULT_CLASS: Record<ResultStatus, string> = {
  'not-assessed': 'result-not-assessed',
  compliant: 'health-green',
  'partially-compliant': 'health-amber',
  'non-compliant': 'health-red',
  'not-applicable': 'result-na',
};

/** Counts per status of an assessment (those without a result are "not assessed"). */
export function ProgressCounts({ summary, compact = false }: { summary: Assessment['summary']; compact?: boolean }) {
  const total = RESULT_STATUSES.reduce((n, s) => n + (summary[s] ?? 0), 0);
  const assessed = total - (summary['not-assessed'] ?? 0);
  if (compact) return <span>{`${assessed} of ${total} assessed`}</span>;
  return (
    <div className="card compliance-section">
      <p>
        <meter min={0} max={Math.max(total, 1)} value={assessed} aria-label="Assessed" />{' '}
        <strong>{`${assessed} of ${total} requirements assessed`}</strong>
      </p>
      <ul className="result-counts" aria-label="Requirements per status">
        {RESULT_STATUSES.map((s) => (
          <li key={s}>
            <span className={`badge ${RESULT_CLASS[s]}`}>{RESULT_STATUS_LABELS[s]}</span> {summary[s] ?? 0}
          </li>
        ))}
      </ul>
    </div>
  );
}
