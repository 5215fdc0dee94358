import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { Money } from '../../../platform/money/money.js';
import { cachedResult, cacheKey, rememberResult } from './cache.js';
import { compileQuery } from './compile.js';
import { pivotRows } from './pivot.js';
import type { QueryPlan } from './plan.js';
import type { QueryResultT } from './query.schemas.js';

type Cell = string | number | boolean | null;

/** How long one question may run (API Gateway answers in 30 s; exports run on the worker). */
export function statementTimeoutMs(): number {
  const fromEnv = Number(process.env.MOMS_ANALYTICS_TIMEOUT_MS ?? '');
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 15_000;
}

/**
 * Runs a checked plan as `caller`: the dataset's module builds the base query with its visibility
 * rules for the caller, then the rows and the totals run in one read-only, repeatable-read
 * transaction (so both see the same data) with a statement timeout (a timeout is a 503 problem).
 */
export interface RunOptions {
  /**
   * Interactive paths: the result is remembered in the brief result cache (query/cache.ts), and
   * answered from it when the same caller asked the same compiled query at most `maxAgeMs` ago
   * (0: read afresh). Background work leaves it unset (it reads the data of now).
   */
  cache?: { maxAgeMs: number };
}

export async function runPlan(db: Db, caller: Actor, plan: QueryPlan, options: RunOptions = {}): Promise<QueryResultT> {
  const source = await plan.dataset.source();
  const base = await source(db, caller);
  let key: string | undefined;
  if (options.cache) {
    // The compiled SQL and its parameters hold the base query the module built for this caller.
    const compiled = compileQuery(db, plan, base).rows.compile();
    key = cacheKey(caller, { dataset: plan.dataset.key, sql: compiled.sql, parameters: compiled.parameters });
    const hit = options.cache.maxAgeMs > 0 ? cachedResult(key, options.cache.maxAgeMs) : undefined;
    if (hit) return { ...hit, cached: true };
  }
  const named = (names: string[]) => (row: Record<string, Cell>) =>
    Object.fromEntries(names.map((name, i) => [name, row[`c${i}`] ?? null]));
  const work = async (trx: Db) => {
    const compiled = compileQuery(trx, plan, base);
    const rows = ((await compiled.rows.execute()) as Record<string, Cell>[]).map(named(compiled.rowColumns));
    const truncated = rows.length > plan.limit;
    // Every matching row is here and each measure adds up: the totals follow from the rows (one scan).
    const totals =
      !compiled.totals || (!truncated && plan.measures.every((m) => ADDITIVE.has(m.measure.aggregation)))
        ? totalsFromRows(plan, rows)
        : ((await compiled.totals.execute()) as Record<string, Cell>[]).map(named(compiled.totalColumns));
    return { rows: rows.slice(0, plan.limit), totals, truncated };
  };
  const { rows, totals, truncated } = db.isTransaction
    ? await work(db)
    : await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          // Read-only and the timeout for this transaction only, in one round trip.
          await sql`select set_config('transaction_read_only', 'on', true),
                           set_config('statement_timeout', ${String(statementTimeoutMs())}, true)`.execute(trx);
          return work(trx);
        });
  const result = {
    dataset: plan.dataset.key,
    columns: plan.columns,
    rows,
    totals,
    truncated,
    asOf: new Date().toISOString(),
    ...(plan.pivot ? { pivot: pivotRows(plan.pivot, plan.columns, rows) } : {}),
  };
  if (key) rememberResult(key, result);
  return result;
}

const ADDITIVE = new Set(['sum', 'count', 'min', 'max']);

/**
 * The totals of a complete result from its rows, as the totals query would give them: per currency
 * of the money measures, sums and counts added exactly (decimal), minimums and maximums compared
 * as numbers (dates as their ISO text). Only for additive measures (never averages or distinct counts).
 */
export function totalsFromRows(plan: QueryPlan, rows: readonly Record<string, Cell>[]): Record<string, Cell>[] {
  if (plan.measures.length === 0) return [];
  const currencies = plan.dimensions
    .filter((d) => plan.measures.some((m) => m.type === 'money' && m.field?.currency === d.field.name))
    .map((d) => d.field.name);
  const groups = new Map<string, Record<string, Cell>>();
  for (const row of rows) {
    const key = JSON.stringify(currencies.map((c) => row[c]));
    let total = groups.get(key);
    if (!total) {
      total = Object.fromEntries([
        ...currencies.map((c) => [c, row[c] ?? null]),
        ...plan.measures.map((m) => [m.measure.name, m.measure.aggregation === 'count' ? '0' : null]),
      ]) as Record<string, Cell>;
      groups.set(key, total);
    }
    for (const m of plan.measures) {
      const name = m.measure.name;
      const value = row[name];
      if (value === null || value === undefined) continue;
      const current = total[name];
      if (m.measure.aggregation === 'sum' || m.measure.aggregation === 'count') {
        total[name] =
          current === null || current === undefined ? String(value) : addExact(String(current), String(value));
      } else if (
        current === null ||
        current === undefined ||
        better(m.measure.aggregation, m.type, String(value), String(current))
      ) {
        total[name] = value;
      }
    }
  }
  if (groups.size === 0 && currencies.length === 0)
    return [
      Object.fromEntries(plan.measures.map((m) => [m.measure.name, m.measure.aggregation === 'count' ? '0' : null])),
    ];
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, total]) => total);
}

function better(aggregation: string, type: string, value: string, current: string): boolean {
  const cmp =
    type === 'number' || type === 'money'
      ? new Money(value).cmp(current)
      : value < current
        ? -1
        : value > current
          ? 1
          : 0;
  return aggregation === 'min' ? cmp < 0 : cmp > 0;
}

/** a + b, exactly, with the larger of their scales (as PostgreSQL's numeric sum keeps it). */
function addExact(a: string, b: string): string {
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  return new Money(a).plus(b).toFixed(scale);
}
