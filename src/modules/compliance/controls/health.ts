import type { CollectorRunStatus, ControlStatus } from '../compliance.tables.js';
import { collectorInfo } from '../evidence/collectors.catalog.js';

export type HealthStatus = 'green' | 'amber' | 'red';

export interface HealthReason {
  level: 'amber' | 'red';
  code:
    | 'collector-failing'
    | 'collector-stale'
    | 'collector-never-run'
    | 'review-overdue'
    | 'evidence-expired'
    | 'not-implemented';
  message: string;
  collector?: string;
}

export interface HealthInput {
  status: ControlStatus;
  /** YYYY-MM-DD or null. */
  nextReviewDate: string | null;
  collectors: readonly string[];
  /** The latest run of each collector. */
  latestRuns: ReadonlyMap<string, { status: CollectorRunStatus; collectedAt: Date }>;
  expiredEvidence: number;
  now: Date;
}

/**
 * A control's health, computed (never stored): red when a required collector's latest run failed or
 * the control is not implemented; amber when a required collector never ran or its latest run is older
 * than its window, the review date has passed, evidence has expired, or the control is not yet (or no
 * longer) implemented; green otherwise.
 */
export function controlHealth(input: HealthInput): { status: HealthStatus; reasons: HealthReason[] } {
  const reasons: HealthReason[] = [];
  for (const key of input.collectors) {
    const run = input.latestRuns.get(key);
    const info = collectorInfo(key);
    const title = info?.title ?? key;
    if (!run) {
      reasons.push({
        level: 'amber',
        code: 'collector-never-run',
        collector: key,
        message: `${title} has not run yet.`,
      });
      continue;
    }
    if (run.status !== 'passed')
      reasons.push({
        level: 'red',
        code: 'collector-failing',
        collector: key,
        message: `${title} ${run.status === 'failed' ? 'failed' : 'could not run'} at ${run.collectedAt.toISOString()}.`,
      });
    const ageHours = (input.now.getTime() - run.collectedAt.getTime()) / 3_600_000;
    if (ageHours > (info?.maxAgeHours ?? 26))
      reasons.push({
        level: 'amber',
        code: 'collector-stale',
        collector: key,
        message: `${title} last ran ${Math.floor(ageHours)} h ago (older than ${info?.maxAgeHours ?? 26} h).`,
      });
  }
  if (input.status === 'not-implemented')
    reasons.push({ level: 'red', code: 'not-implemented', message: 'The control is not implemented.' });
  else if (input.status !== 'implemented')
    reasons.push({ level: 'amber', code: 'not-implemented', message: `The control is ${input.status}.` });
  const today = input.now.toISOString().slice(0, 10);
  if (input.nextReviewDate !== null && input.nextReviewDate < today)
    reasons.push({ level: 'amber', code: 'review-overdue', message: `The review was due on ${input.nextReviewDate}.` });
  if (input.expiredEvidence > 0)
    reasons.push({
      level: 'amber',
      code: 'evidence-expired',
      message: `${input.expiredEvidence} piece${input.expiredEvidence === 1 ? '' : 's'} of evidence expired.`,
    });
  const status: HealthStatus = reasons.some((r) => r.level === 'red') ? 'red' : reasons.length > 0 ? 'amber' : 'green';
  return { status, reasons };
}
