import { createHash } from 'node:crypto';
import type { Actor } from '../../../platform/auth/actor.js';
import type { QueryResultT } from './query.schemas.js';

/**
 * A brief in-process cache of query results (docs/adr/0019). The key is the hash of the compiled
 * SQL **with its parameters** — which holds the base query the dataset's module built for this
 * caller, so their visibility (owner id, team, employee, …) is part of it — and of the caller's
 * user id and sorted permissions: two callers never share an entry, and a role change misses it at
 * once. Entries live `MOMS_ANALYTICS_CACHE_MS` (default 60 s); the cache holds at most 200 results
 * (oldest out first). A request is answered from it only when it says how old an answer it accepts
 * (`Cache-Control: max-age=60`, as HTTP clients do); otherwise it reads afresh and refreshes the entry.
 * Background work (exports, subscriptions, alerts) never reads it: it must see the data of now.
 */
export interface CacheKeyParts {
  dataset: string;
  sql: string;
  parameters: readonly unknown[];
}

const MAX_ENTRIES = 200;
const entries = new Map<string, { at: number; result: QueryResultT }>();

export function cacheTtlMs(): number {
  const raw = process.env.MOMS_ANALYTICS_CACHE_MS;
  const fromEnv = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isInteger(fromEnv) && fromEnv >= 0 ? fromEnv : 60_000;
}

/** The caller's visibility key for one compiled query. */
export function cacheKey(caller: Actor, parts: CacheKeyParts): string {
  const permissions = [...caller.permissions].sort();
  return createHash('sha256')
    .update(JSON.stringify([parts.dataset, parts.sql, parts.parameters, caller.userId, permissions]))
    .digest('base64url');
}

/** The caller's result if it is younger than `maxAgeMs` (and the cache's lifetime). */
export function cachedResult(key: string, maxAgeMs: number, now = Date.now()): QueryResultT | undefined {
  const entry = entries.get(key);
  if (!entry) return undefined;
  const age = now - entry.at;
  if (age >= cacheTtlMs()) {
    entries.delete(key);
    return undefined;
  }
  return age < maxAgeMs ? entry.result : undefined;
}

export function rememberResult(key: string, result: QueryResultT, now = Date.now()): void {
  if (cacheTtlMs() === 0) return;
  entries.delete(key);
  entries.set(key, { at: now, result });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

/** Forgets every entry (tests; a deployment never needs it: entries expire on their own). */
export function clearResultCache(): void {
  entries.clear();
}
