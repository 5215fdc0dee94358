import { ZodError } from 'zod';
import { hasPermission, type Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { fieldErrors } from '../../../platform/http/problem.js';
import type { MetricDefinition, MetricValue } from '../../../platform/modules/metric.js';
import { strategyErrors } from '../strategy.errors.js';

let registry: Map<string, MetricDefinition> | undefined;

/**
 * Every metric the installed modules declare in their manifests (`metrics`), by key. Read from the
 * module list on first use (a lazy import: the list names this module's manifest too).
 */
export async function metricRegistry(): Promise<ReadonlyMap<string, MetricDefinition>> {
  if (!registry) {
    const { modules } = await import('../../../app/modules.js');
    registry = new Map(modules.flatMap((m) => (m.metrics ?? []).map((d) => [d.key, d] as const)));
  }
  return registry;
}

/** The metric, or a 422 naming `path`. */
export async function metricOrFail(key: string, path: string): Promise<MetricDefinition> {
  const metric = (await metricRegistry()).get(key);
  if (!metric) throw strategyErrors.unknownMetric(path, key);
  return metric;
}

/** Whether the caller may see this metric's values (a system job may). */
export const maySee = (actor: Actor | null, metric: MetricDefinition | undefined): boolean =>
  metric !== undefined && (actor === null || hasPermission(actor, metric.permission));

/** Checks parameters against the metric's schema (422 `invalid-metric-params` naming `path.<field>`). */
export async function checkParams(
  metric: MetricDefinition,
  params: unknown,
  path: string,
): Promise<Record<string, unknown>> {
  const parsed = (await metric.params()).safeParse(params ?? {});
  if (!parsed.success)
    throw strategyErrors.invalidParams(fieldErrors(parsed.error).map((e) => ({ ...e, path: `${path}.${e.path}` })));
  return parsed.data as Record<string, unknown>;
}

/** Evaluates a metric over [from, to]; bad parameters are a 422. */
export async function runMetric(
  db: Db,
  metric: MetricDefinition,
  range: { from: string; to: string },
  params: unknown,
): Promise<MetricValue> {
  await checkParams(metric, params, 'params');
  try {
    return await metric.evaluate(db, { ...range, params });
  } catch (error) {
    if (error instanceof ZodError)
      throw strategyErrors.invalidParams(fieldErrors(error).map((e) => ({ ...e, path: `params.${e.path}` })));
    throw error;
  }
}
