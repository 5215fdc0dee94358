import { verifyAuditChain } from '../../../platform/audit/audit-verify.js';
import type { Db } from '../../../platform/db/database.js';
import { accessReview, activeUserIds } from '../../auth/index.js';
import { terminatedEmployeesWithUsers } from '../../hr/index.js';
import type { CollectorKey } from '../compliance.module.js';
import { financePeriods, passwordPolicyCollector, postedEntriesUnchanged } from './collectors.ledger.js';

export interface CollectorOutcome {
  status: 'passed' | 'failed';
  summary: string;
  result: unknown;
}

/** A permission that makes its holder privileged: everything, a whole module, or administration. */
export const isPrivileged = (permission: string): boolean =>
  permission === '*' || permission.endsWith(':*') || permission.endsWith(':admin') || permission === 'auth:write';

const DORMANT_DAYS = 90;
const FIRST_PERIOD_DAYS = 30;
const MAX_CHANGES = 5000;

/** Audit actions that change who may do what (Auth's). */
export const ACCESS_ACTIONS = [
  'role.created',
  'role.updated',
  'role.deleted',
  'user.created',
  'user.updated',
  'user.roles-changed',
  'user.password-reset',
  'user.two-factor-disabled',
  'user.two-factor-reset',
] as const;

/**
 * The collectors: each reads MOMS through the owning module's public functions (or the platform) and
 * returns an outcome; the caller seals it into a hashed artefact (collector-runs.service.ts).
 */
export const collectors: Record<CollectorKey, (db: Db, now: Date) => Promise<CollectorOutcome>> = {
  'audit-log-chain': async (db) => {
    const report = await verifyAuditChain(db);
    return {
      status: report.ok ? 'passed' : 'failed',
      summary: report.ok
        ? `The audit-log chain verifies: ${report.checked} records up to #${report.lastSeq}.`
        : `The audit-log chain does not verify: ${report.firstProblem?.detail ?? 'unknown problem'}`,
      result: report,
    };
  },
  'access-review': async (db, now) => {
    const users = await accessReview(db);
    const cutoff = now.getTime() - DORMANT_DAYS * 86_400_000;
    const active = users.filter((u) => u.status === 'active');
    const dormant = active.filter((u) => u.lastSignInAt === null || Date.parse(u.lastSignInAt) < cutoff);
    return {
      status: 'passed',
      summary: `${users.length} users (${active.length} active, ${dormant.length} active without a sign-in in ${DORMANT_DAYS} days).`,
      result: {
        totals: { users: users.length, active: active.length, dormant: dormant.length },
        dormantDays: DORMANT_DAYS,
        users,
      },
    };
  },
  'privileged-accounts': async (db) => {
    const users = (await accessReview(db)).filter((u) => u.status === 'active');
    const privileged = users
      .map((u) => ({ ...u, privileges: u.permissions.filter(isPrivileged) }))
      .filter((u) => u.privileges.length > 0)
      .map((u) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        roles: u.roles,
        privileges: u.privileges,
        lastSignInAt: u.lastSignInAt,
      }));
    return {
      status: 'passed',
      summary: `${privileged.length} of ${users.length} active users hold privileged permissions.`,
      result: { privileged },
    };
  },
  'access-changes': async (db, now) => {
    const previous = await db
      .selectFrom('compliance.collector_runs')
      .select('collected_at')
      .where('collector', '=', 'access-changes')
      .where('status', '=', 'passed')
      .where('collected_at', '<', now)
      .orderBy('collected_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const from = previous?.collected_at ?? new Date(now.getTime() - FIRST_PERIOD_DAYS * 86_400_000);
    const rows = await db
      .selectFrom('platform.audit_log')
      .select(['id', 'occurred_at', 'actor_id', 'action', 'entity_type', 'entity_id', 'before', 'after'])
      .where('action', 'in', [...ACCESS_ACTIONS])
      .where('occurred_at', '>', from)
      .where('occurred_at', '<=', now)
      .orderBy('id')
      .limit(MAX_CHANGES + 1)
      .execute();
    const changes = rows.slice(0, MAX_CHANGES).map((r) => ({
      auditId: r.id,
      occurredAt: r.occurred_at.toISOString(),
      actorId: r.actor_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
    }));
    return {
      status: 'passed',
      summary: `${changes.length}${rows.length > MAX_CHANGES ? '+' : ''} changes to access between ${from.toISOString()} and ${now.toISOString()}.`,
      result: { from: from.toISOString(), to: now.toISOString(), truncated: rows.length > MAX_CHANGES, changes },
    };
  },
  'terminated-active': async (db) => {
    const terminated = await terminatedEmployeesWithUsers(db);
    const active = await activeUserIds(
      db,
      terminated.map((t) => t.userId),
    );
    const offending = terminated.filter((t) => active.has(t.userId));
    return {
      status: offending.length === 0 ? 'passed' : 'failed',
      summary:
        offending.length === 0
          ? `None of the ${terminated.length} terminated employees with an account can still sign in.`
          : `${offending.length} terminated employee${offending.length === 1 ? ' still has' : 's still have'} an active account: ${offending
              .slice(0, 5)
              .map((o) => o.name)
              .join(', ')}${offending.length > 5 ? ', …' : ''}.`,
      result: { checked: terminated.length, stillActive: offending },
    };
  },
  'finance-periods': financePeriods,
  'posted-entries-unchanged': postedEntriesUnchanged,
  'password-policy': passwordPolicyCollector,
};
