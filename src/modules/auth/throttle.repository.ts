import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { ThrottleTable } from './auth.tables.js';

export type ThrottleScope = ThrottleTable['scope'];

const seconds = (n: number) => sql`make_interval(secs => ${n})`;

/**
 * Counts an attempt in a fixed window (a new window opens when the old one is over) — unless `limit`
 * attempts are already counted in the running window: then nothing changes and the result is
 * undefined. One statement, so concurrent attempts cannot both take the last place.
 */
export async function countInWindow(
  db: Db,
  scope: ThrottleScope,
  subject: string,
  windowSeconds: number,
  limit = 2_147_483_647,
) {
  const expired = sql`t.window_started_at <= now() - ${seconds(windowSeconds)}`;
  const { rows } = await sql<{ failures: number; window_started_at: Date }>`
    insert into auth.throttle as t (scope, subject, failures, window_started_at, last_attempt_at)
    values (${scope}, ${subject}, 1, now(), now())
    on conflict (scope, subject) do update set
      failures = case when ${expired} then 1 else t.failures + 1 end,
      window_started_at = case when ${expired} then now() else t.window_started_at end,
      last_attempt_at = now()
    where ${expired} or t.failures < ${limit}
    returning failures, window_started_at`.execute(db);
  return rows[0];
}

export interface BackoffPolicy {
  /** Attempts before waits start. */
  free: number;
  firstWaitSeconds: number;
  maxWaitSeconds: number;
  /** A run of failures is forgotten after this long without an attempt. */
  forgetAfterSeconds: number;
}

/**
 * Counts an attempt in a run of consecutive ones, unless the subject must still wait (then undefined).
 * From the `free`-th attempt of the run on, the next one must wait `firstWait · 2^(n − free)` seconds,
 * at most `maxWait`. Counted before the password is checked: a success deletes the row.
 */
export async function countWithBackoff(db: Db, scope: ThrottleScope, subject: string, policy: BackoffPolicy) {
  const wait = (n: ReturnType<typeof sql>) =>
    sql`case when ${n} >= ${policy.free}
          then now() + make_interval(secs => least(${policy.firstWaitSeconds} * power(2, ${n} - ${policy.free}), ${policy.maxWaitSeconds}))
        end`;
  const forgotten = sql`t.last_attempt_at <= now() - ${seconds(policy.forgetAfterSeconds)}`;
  const next = sql`(case when ${forgotten} then 1 else t.failures + 1 end)`;
  const { rows } = await sql<{ failures: number; blocked_until: Date | null }>`
    insert into auth.throttle as t (scope, subject, failures, window_started_at, last_attempt_at, blocked_until)
    values (${scope}, ${subject}, 1, now(), now(), ${wait(sql`1`)})
    on conflict (scope, subject) do update set
      failures = ${next},
      window_started_at = case when ${forgotten} then now() else t.window_started_at end,
      last_attempt_at = now(),
      blocked_until = ${wait(next)}
    where t.blocked_until is null or t.blocked_until <= now()
    returning failures, blocked_until`.execute(db);
  return rows[0];
}

/** The counter, and the database's clock (Retry-After is computed on one clock). */
export function findThrottle(db: Db, scope: ThrottleScope, subject: string) {
  return db
    .selectFrom('auth.throttle')
    .selectAll()
    .select(sql<Date>`now()`.as('now'))
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

/** Gives back an attempt that turned out to succeed, if its window is still the one it was counted in. */
export function refund(db: Db, scope: ThrottleScope, subject: string, windowStartedAt: Date) {
  return db
    .updateTable('auth.throttle')
    .set({ failures: sql`greatest(failures - 1, 0)` })
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .where('window_started_at', '=', windowStartedAt)
    .execute();
}

/**
 * Gives back the last attempt of a backoff run (`countWithBackoff`) — only when no other attempt was
 * counted since (`failures` is still what that attempt made it). It ran because no wait was running,
 * so no wait runs after it either.
 */
export function refundRun(db: Db, scope: ThrottleScope, subject: string, failures: number) {
  return db
    .updateTable('auth.throttle')
    .set({ failures: failures - 1, blocked_until: null })
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .where('failures', '=', failures)
    .execute();
}

export function clear(db: Db, scope: ThrottleScope, subject: string) {
  return db.deleteFrom('auth.throttle').where('scope', '=', scope).where('subject', '=', subject).execute();
}

/** The account's counter, then every (account, source) counter of the email: the order sign-in locks them in. */
export async function clearSignIn(db: Db, email: string) {
  await clear(db, 'sign-in-account', email);
  await db
    .deleteFrom('auth.throttle')
    .where('scope', '=', 'sign-in-pair')
    .where(sql<boolean>`starts_with(subject, ${`${email}|`})`)
    .execute();
}

/** Deletes up to `limit` counters untouched for `olderThanSeconds`, skipping any another request holds. */
export function deleteStale(db: Db, olderThanSeconds: number, limit: number) {
  return sql`
    delete from auth.throttle where (scope, subject) in (
      select scope, subject from auth.throttle
      where last_attempt_at < now() - ${seconds(olderThanSeconds)}
      limit ${limit} for update skip locked)`.execute(db);
}
