import { z } from 'zod';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import type { MetricDefinition } from '../../../platform/modules/metric.js';
import { strategyErrors } from '../strategy.errors.js';
import { maySee, metricRegistry, runMetric } from './registry.js';

async function jsonSchemaOf(metric: MetricDefinition): Promise<Record<string, unknown>> {
  try {
    return z.toJSONSchema(await metric.params(), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The metrics the caller may see, in key order. */
export async function listMetrics(ctx: RequestContext) {
  const actor = requireActor(ctx);
  const visible = [...(await metricRegistry()).values()]
    .filter((m) => maySee(actor, m))
    .sort((a, b) => a.key.localeCompare(b.key));
  return Promise.all(
    visible.map(async (m) => ({
      key: m.key,
      label: m.label,
      description: m.description,
      unit: m.unit,
      direction: m.direction,
      permission: m.permission,
      parameters: await jsonSchemaOf(m),
    })),
  );
}

/** One metric's value over a period (404 when unknown, 403 when the caller may not see it). */
export async function evaluateMetric(
  db: Db,
  ctx: RequestContext,
  key: string,
  input: { from: string; to: string; params: Record<string, unknown> },
) {
  const actor = requireActor(ctx);
  const metric = (await metricRegistry()).get(key);
  if (!metric) throw errors.notFound('Metric', key);
  if (!maySee(actor, metric)) throw strategyErrors.metricNotVisible(key, metric.permission);
  const result = await runMetric(db, metric, input, input.params);
  return {
    key,
    value: result.value,
    unit: metric.unit,
    currency: result.currency ?? null,
    direction: metric.direction,
    from: input.from,
    to: input.to,
    asOf: new Date().toISOString(),
  };
}

function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw errors.unauthenticated();
  return ctx.actor;
}
