import { writeAudit } from '../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { authErrors } from './auth.errors.js';
import * as throttle from './throttle.repository.js';

/**
 * How sign-in slows guessing without letting a stranger lock anyone out (docs/security.md):
 * - per source (an IPv4 address, or an IPv6 /64), across accounts: at most `source.maxFailures`
 *   failed sign-ins per window; then that source waits for the window to end (password spraying);
 * - per (account, source): `pair.free` failures, then each failure doubles the wait before the next
 *   attempt from that source for that account (a single guesser);
 * - per account, across sources: past `account.attackThreshold` failures in a window the account is
 *   under distributed attack, and every source gets only `pair.freeUnderAttack` failure before its
 *   waits start. The account itself is never locked: a right password from a source that has not
 *   been failing still signs in.
 * Attempts are counted before the password is checked (so parallel requests cannot all slip through)
 * and given back when they succeed. A throttled attempt is refused without checking the password, the
 * same way for every email, known or not.
 */
export const SIGN_IN_POLICY = {
  source: { maxFailures: 50, windowSeconds: 15 * 60 },
  account: { attackThreshold: 20, windowSeconds: 15 * 60 },
  pair: {
    free: 5,
    freeUnderAttack: 1,
    firstWaitSeconds: 60,
    maxWaitSeconds: 60 * 60,
    forgetAfterSeconds: 24 * 60 * 60,
  },
} as const;

/** Changing your password: this many wrong current passwords per window, then 429 — and signed out everywhere. */
export const PASSWORD_CHANGE_POLICY = { maxFailures: 5, windowSeconds: 15 * 60 } as const;

/** Counters untouched this long are deleted (a few at a time, by failed attempts). */
const STALE_SECONDS = 2 * 24 * 60 * 60;

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

export interface SignInAttempt {
  email: string;
  source: string;
  sourceCount: { failures: number; window_started_at: Date };
  accountCount: { failures: number; window_started_at: Date };
  pairCount: { failures: number; blocked_until: Date | null };
  underAttack: boolean;
}

const pairSubject = (email: string, source: string) => `${email}|${source}`;

/** Counts a sign-in attempt before its password is checked, or refuses it with 429 and Retry-After. */
export async function beginSignIn(db: Db, email: string, source: string): Promise<SignInAttempt> {
  // Rows are locked in one order (source, account, pair), so concurrent attempts cannot deadlock.
  return inTransaction(db, async (trx) => {
    const { source: s, account: a, pair: p } = SIGN_IN_POLICY;
    const sourceCount = await throttle.countInWindow(trx, 'sign-in-source', source, s.windowSeconds, s.maxFailures);
    if (!sourceCount) {
      const row = await throttle.findThrottle(trx, 'sign-in-source', source);
      const until = new Date((row?.window_started_at.getTime() ?? 0) + s.windowSeconds * 1000);
      throw authErrors.signInThrottled(row ? secondsUntil(until, row.now) : s.windowSeconds);
    }
    const accountCount = (await throttle.countInWindow(trx, 'sign-in-account', email, a.windowSeconds))!;
    // This attempt is counted too: "past the threshold" means more than it.
    const underAttack = accountCount.failures > a.attackThreshold;
    const pairCount = await throttle.countWithBackoff(trx, 'sign-in-pair', pairSubject(email, source), {
      free: underAttack ? p.freeUnderAttack : p.free,
      firstWaitSeconds: p.firstWaitSeconds,
      maxWaitSeconds: p.maxWaitSeconds,
      forgetAfterSeconds: p.forgetAfterSeconds,
    });
    if (!pairCount) {
      const row = await throttle.findThrottle(trx, 'sign-in-pair', pairSubject(email, source));
      throw authErrors.signInThrottled(row?.blocked_until ? secondsUntil(row.blocked_until, row.now) : 1);
    }
    // Throwing above rolls back the counts this attempt made: a refused attempt counts for nothing.
    return { email, source, sourceCount, accountCount, pairCount, underAttack };
  });
}

/** The password was right: the attempt is given back, and the (account, source) run ends. */
export async function signInSucceeded(trx: Tx, attempt: SignInAttempt) {
  // The order `beginSignIn` locks them in (source, account, pair): no deadlock with a concurrent attempt.
  await throttle.refund(trx, 'sign-in-source', attempt.source, attempt.sourceCount.window_started_at);
  await throttle.refund(trx, 'sign-in-account', attempt.email, attempt.accountCount.window_started_at);
  await throttle.clear(trx, 'sign-in-pair', pairSubject(attempt.email, attempt.source));
}

/**
 * The password was right but a second step (a two-factor code) must follow: the attempt is given back,
 * but the (account, source) run goes on — only a right code ends it, so right passwords cannot be used
 * to reset the count of wrong codes. (The attempt itself was counted only because no wait was running;
 * giving it back restores that state, unless another attempt was counted meanwhile.)
 */
export async function passwordAccepted(trx: Tx, attempt: SignInAttempt) {
  await throttle.refund(trx, 'sign-in-source', attempt.source, attempt.sourceCount.window_started_at);
  await throttle.refund(trx, 'sign-in-account', attempt.email, attempt.accountCount.window_started_at);
  await throttle.refundRun(trx, 'sign-in-pair', pairSubject(attempt.email, attempt.source), attempt.pairCount.failures);
}

/**
 * The password was wrong (or the account unknown or deactivated): the attempt stays counted. What it
 * set off goes into the audit log — a source blocked, an account under attack, a source made to wait
 * for an account — once per step, never per refused attempt, and never with a password.
 */
export async function signInFailed(db: Db, ctx: RequestContext, attempt: SignInAttempt, userId: string | undefined) {
  const { source: s, account: a } = SIGN_IN_POLICY;
  const anonymous = { ...ctx, actor: null };
  await inTransaction(db, async (trx) => {
    if (attempt.sourceCount.failures === s.maxFailures) {
      await writeAudit(trx, anonymous, {
        action: 'sign-in-source.blocked',
        entityType: 'auth.sign-in-source',
        entityId: attempt.source,
        after: { failures: attempt.sourceCount.failures, windowSeconds: s.windowSeconds },
      });
    }
    if (!userId) return;
    if (attempt.accountCount.failures === a.attackThreshold) {
      await writeAudit(trx, anonymous, {
        action: 'user.sign-in-under-attack',
        entityType: 'auth.user',
        entityId: userId,
        after: { failures: attempt.accountCount.failures, windowSeconds: a.windowSeconds },
      });
    }
    if (attempt.pairCount.blocked_until) {
      await writeAudit(trx, anonymous, {
        action: 'user.sign-in-throttled',
        entityType: 'auth.user',
        entityId: userId,
        after: {
          source: attempt.source,
          failures: attempt.pairCount.failures,
          blockedUntil: attempt.pairCount.blocked_until.toISOString(),
          underAttack: attempt.underAttack,
        },
      });
    }
  });
  // Housekeeping, best effort: each failure removes a few counters nobody has touched for days.
  await throttle.deleteStale(db, STALE_SECONDS, 20).catch(() => undefined);
}

/** An administrator reset the password: the account's sign-in counters start over. */
export function clearSignInThrottle(trx: Tx, email: string) {
  return throttle.clearSignIn(trx, email);
}

/** Counts an attempt to change the user's password before the current one is checked, or refuses it (429). */
export async function beginPasswordChange(db: Db, userId: string) {
  const { maxFailures, windowSeconds } = PASSWORD_CHANGE_POLICY;
  return inTransaction(db, async (trx) => {
    const count = await throttle.countInWindow(trx, 'password-change', userId, windowSeconds, maxFailures);
    if (count) return count;
    const row = await throttle.findThrottle(trx, 'password-change', userId);
    const until = new Date((row?.window_started_at.getTime() ?? 0) + windowSeconds * 1000);
    throw authErrors.passwordChangeThrottled(row ? secondsUntil(until, row.now) : windowSeconds);
  });
}

/** True when this wrong attempt used the last one of the window. */
export const passwordChangeExhausted = (count: { failures: number }) =>
  count.failures >= PASSWORD_CHANGE_POLICY.maxFailures;

export function passwordChangeRetryAfter(count: { window_started_at: Date }) {
  const end = count.window_started_at.getTime() + PASSWORD_CHANGE_POLICY.windowSeconds * 1000;
  return Math.max(1, Math.ceil((end - Date.now()) / 1000));
}

export function passwordChangeSucceeded(trx: Tx, userId: string) {
  return throttle.clear(trx, 'password-change', userId);
}
