import type { Db } from '../../../platform/db/database.js';
import { passwordPolicy } from '../../auth/index.js';
import { fiscalCloseReport, postedEntryIntegrity } from '../../finance/index.js';
import type { CollectorOutcome } from './collectors.js';

/** Audit actions on fiscal periods and years (Finance's): closings and, above all, reopenings. */
export const PERIOD_ACTIONS = [
  'fiscal-period.closed',
  'fiscal-period.reopened',
  'fiscal-year.closed',
  'fiscal-year.opened',
  'fiscal-year.created',
] as const;

const MAX_EVENTS = 1000;
const EVENT_DAYS = 400;

/**
 * Finance's closed periods and lock date (through its public `fiscalCloseReport`), with the audit log's
 * period closings and reopenings of the last 400 days. Fails when an entry was posted into a period
 * after that period was closed (posting needs an open period, so there must be none).
 */
export async function financePeriods(db: Db, now: Date): Promise<CollectorOutcome> {
  const report = await fiscalCloseReport(db);
  const since = new Date(now.getTime() - EVENT_DAYS * 86_400_000);
  const events = await db
    .selectFrom('platform.audit_log')
    .select(['id', 'occurred_at', 'actor_id', 'action', 'entity_type', 'entity_id', 'before', 'after'])
    .where('action', 'in', [...PERIOD_ACTIONS])
    .where('occurred_at', '>', since)
    .where('occurred_at', '<=', now)
    .orderBy('id')
    .limit(MAX_EVENTS)
    .execute();
  const periods = report.years.flatMap((y) => y.periods);
  const closedPeriods = periods.filter((p) => p.status === 'closed').length;
  const reopened = events.filter((e) => e.action === 'fiscal-period.reopened').length;
  const late = report.postedIntoClosedPeriods;
  return {
    status: late.length === 0 ? 'passed' : 'failed',
    summary:
      late.length === 0
        ? `${closedPeriods} of ${periods.length} fiscal periods closed; the books are locked through ${report.closedThrough ?? 'no date (no year closed)'}; ${reopened} reopening${reopened === 1 ? '' : 's'} in ${EVENT_DAYS} days.`
        : `${late.length} entr${late.length === 1 ? 'y was' : 'ies were'} posted into a period after it was closed: ${late
            .slice(0, 5)
            .map((l) => l.number ?? l.entryId)
            .join(', ')}${late.length > 5 ? ', …' : ''}.`,
    result: {
      lockDate: report.closedThrough,
      totals: { years: report.years.length, periods: periods.length, closedPeriods, reopenings: reopened },
      years: report.years,
      postedIntoClosedPeriods: late,
      events: events.map((e) => ({
        auditId: e.id,
        occurredAt: e.occurred_at.toISOString(),
        actorId: e.actor_id,
        action: e.action,
        entityId: e.entity_id,
        before: e.before,
        after: e.after,
      })),
    },
  };
}

/**
 * Posted journal entries changed after posting — must be none (Finance's `postedEntryIntegrity`): its
 * database guards installed and enabled, no update or delete in the audit trail after an entry's
 * posting, every posted entry as posting left it.
 */
export async function postedEntriesUnchanged(db: Db): Promise<CollectorOutcome> {
  const report = await postedEntryIntegrity(db);
  const disabled = report.guards.filter((g) => !g.enabled);
  const problems = [
    ...disabled.map((g) => `the guard ${g.trigger} on finance.${g.table} is missing or disabled`),
    ...(report.changedAfterPosting.length > 0
      ? [
          `${report.changedAfterPosting.length} change${report.changedAfterPosting.length === 1 ? '' : 's'} after posting in the audit log (${[
            ...new Set(report.changedAfterPosting.map((c) => c.number ?? c.entryId)),
          ]
            .slice(0, 5)
            .join(', ')})`,
        ]
      : []),
    ...(report.inconsistent.length > 0
      ? [
          `${report.inconsistent.length} posted entr${report.inconsistent.length === 1 ? 'y differs' : 'ies differ'} from what posting left (${report.inconsistent
            .slice(0, 5)
            .map((c) => c.number ?? c.entryId)
            .join(', ')})`,
        ]
      : []),
  ];
  return {
    status: problems.length === 0 ? 'passed' : 'failed',
    summary:
      problems.length === 0
        ? `None of the ${report.postedEntries} posted entries changed after posting; the database guards are enabled.`
        : `Posted entries changed after posting: ${problems.join('; ')}.`,
    result: report,
  };
}

/** Thresholds the password and lockout policy must meet (the collector fails below them). */
export const PASSWORD_BASELINE = {
  minLength: 12,
  /** Sign-in attempts per (account, source) before waits start. */
  maxFreeFailures: 10,
  maxSourceFailuresPerWindow: 100,
  maxAccessTokenTtlSeconds: 3600,
  maxRefreshTokenTtlSeconds: 90 * 86_400,
} as const;

/** The password, throttling ("lockout") and session policy in force (Auth's `passwordPolicy`), checked against a baseline. */
export async function passwordPolicyCollector(db: Db): Promise<CollectorOutcome> {
  const policy = await passwordPolicy(db);
  const b = PASSWORD_BASELINE;
  const checks = [
    {
      check: 'password-length',
      passed: policy.password.minLength >= b.minLength,
      detail: `Passwords have at least ${policy.password.minLength} characters (baseline ${b.minLength}).`,
    },
    {
      check: 'sign-in-throttling',
      passed:
        policy.signInThrottling.pair.free <= b.maxFreeFailures &&
        policy.signInThrottling.source.maxFailures <= b.maxSourceFailuresPerWindow,
      detail: `After ${policy.signInThrottling.pair.free} failures for an account from one source each further attempt waits (${policy.signInThrottling.pair.firstWaitSeconds} s doubling up to ${policy.signInThrottling.pair.maxWaitSeconds} s); a source gets ${policy.signInThrottling.source.maxFailures} failures per ${policy.signInThrottling.source.windowSeconds / 60} minutes.`,
    },
    {
      check: 'access-token-lifetime',
      passed: policy.sessions.accessTokenTtlSeconds <= b.maxAccessTokenTtlSeconds,
      detail: `Access tokens live ${policy.sessions.accessTokenTtlSeconds} s (baseline at most ${b.maxAccessTokenTtlSeconds} s).`,
    },
    {
      check: 'refresh-token-lifetime',
      passed: policy.sessions.refreshTokenTtlSeconds <= b.maxRefreshTokenTtlSeconds,
      detail: `Sessions last ${Math.round(policy.sessions.refreshTokenTtlSeconds / 86_400)} days (baseline at most ${b.maxRefreshTokenTtlSeconds / 86_400}).`,
    },
  ];
  const failed = checks.filter((c) => !c.passed);
  return {
    status: failed.length === 0 ? 'passed' : 'failed',
    summary:
      failed.length === 0
        ? `Passwords of ${policy.password.minLength}+ characters (scrypt), sign-in throttled after ${policy.signInThrottling.pair.free} failures, sessions of ${Math.round(policy.sessions.refreshTokenTtlSeconds / 86_400)} days; ${policy.twoFactor.rolesRequiring.length} role${policy.twoFactor.rolesRequiring.length === 1 ? '' : 's'} require two-factor.`
        : `Below the baseline: ${failed.map((c) => c.detail).join(' ')}`,
    result: { baseline: b, checks, policy },
  };
}
