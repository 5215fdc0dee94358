import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { Money } from '../../../platform/money/money.js';
import type { MetricDefinition, MetricDirection } from '../../../platform/modules/metric.js';
import { activeUserIds } from '../../auth/index.js';
import { periodOf } from '../evaluation/evaluation.service.js';
import { checkParams, maySee, metricOrFail, metricRegistry, runMetric } from '../metrics/registry.js';
import { actorOf, openCycle } from '../okr/access.js';
import { findCycle } from '../okr/cycles.repository.js';
import { plain, valueShown } from '../okr/progress.js';
import { strategyErrors } from '../strategy.errors.js';
import type { Perspective } from '../strategy.tables.js';
import * as repo from './kpis.repository.js';

type KpiRow = Awaited<ReturnType<typeof repo.insertKpi>>;
export type Rag = 'green' | 'amber' | 'red';

/** Red, amber or green: at or beyond `green` in the metric's better direction is green, then `amber`, else red. */
export function ragOf(direction: MetricDirection, value: string, green: string, amber: string): Rag {
  const v = new Money(value);
  const better = (threshold: string) => (direction === 'higher-is-better' ? v.gte(threshold) : v.lte(threshold));
  return better(green) ? 'green' : better(amber) ? 'amber' : 'red';
}

export interface KpiInput {
  cycleId: string;
  name: string;
  metricKey: string;
  metricParams: Record<string, unknown>;
  perspective?: Perspective | null | undefined;
  ownerId?: string | undefined;
  target: string;
  green: string;
  amber: string;
}

/** The metric (visible to the caller), its checked parameters, and thresholds that follow its direction. */
async function checkedDefinition(actor: Actor, input: Omit<KpiInput, 'cycleId' | 'name' | 'ownerId' | 'perspective'>) {
  const metric = await metricOrFail(input.metricKey, 'metricKey');
  if (!maySee(actor, metric)) throw strategyErrors.metricNotVisible(metric.key, metric.permission);
  const params = await checkParams(metric, input.metricParams, 'metricParams');
  const higher = metric.direction === 'higher-is-better';
  if (higher ? new Money(input.green).lt(input.amber) : new Money(input.green).gt(input.amber))
    throw errors.validation([
      {
        path: 'amber',
        message: `${metric.label}: ${higher ? 'higher' : 'lower'} is better, so amber starts ${higher ? 'below' : 'above'} green.`,
        code: 'kpi_thresholds',
      },
    ]);
  return { metric, params };
}

async function checkOwner(db: Db, actor: Actor, ownerId: string) {
  if (ownerId !== actor.userId && !(await activeUserIds(db, [ownerId])).has(ownerId))
    throw errors.invalidReference('ownerId', 'User', ownerId);
}

export async function createKpi(db: Db, ctx: RequestContext, input: KpiInput) {
  const actor = actorOf(ctx);
  const { metric, params } = await checkedDefinition(actor, input);
  const ownerId = input.ownerId ?? actor.userId;
  return inTransaction(db, async (trx) => {
    if (!(await findCycle(trx, input.cycleId))) throw errors.invalidReference('cycleId', 'Cycle', input.cycleId);
    await openCycle(trx, input.cycleId);
    await checkOwner(trx, actor, ownerId);
    const row = await repo.insertKpi(trx, {
      cycle_id: input.cycleId,
      name: input.name,
      metric_key: metric.key,
      metric_params: JSON.stringify(params),
      perspective: input.perspective ?? null,
      owner_id: ownerId,
      target: input.target,
      green: input.green,
      amber: input.amber,
    });
    await writeAudit(trx, ctx, {
      action: 'kpi.created',
      entityType: 'strategy.kpi',
      entityId: row.id,
      after: auditOf(row),
    });
    return kpiView(row, metric);
  });
}

export interface UpdateKpiInput extends Partial<Omit<KpiInput, 'cycleId'>> {
  version: number;
}

/** Changes a KPI of an open cycle (409 cycle-closed); the metric, parameters and thresholds are checked as a whole. */
export async function updateKpi(db: Db, ctx: RequestContext, id: string, input: UpdateKpiInput) {
  const actor = actorOf(ctx);
  return inTransaction(db, async (trx) => {
    const peek = await repo.findKpi(trx, id);
    if (!peek) throw errors.notFound('KPI', id);
    await openCycle(trx, peek.cycle_id);
    const before = (await repo.findKpi(trx, id, { forUpdate: true }))!;
    assertVersion('KPI', before, input.version);
    const metricKey = input.metricKey ?? before.metric_key;
    const { metric, params } = await checkedDefinition(actor, {
      metricKey,
      // Another metric starts from its own parameters.
      metricParams: input.metricParams ?? (metricKey === before.metric_key ? before.metric_params : {}),
      target: input.target ?? before.target,
      green: input.green ?? before.green,
      amber: input.amber ?? before.amber,
    });
    if (input.ownerId !== undefined && input.ownerId !== before.owner_id) await checkOwner(trx, actor, input.ownerId);
    const after = await repo.updateKpi(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      metric_key: metric.key,
      metric_params: JSON.stringify(params),
      ...(input.perspective !== undefined ? { perspective: input.perspective } : {}),
      ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
      ...(input.target !== undefined ? { target: input.target } : {}),
      ...(input.green !== undefined ? { green: input.green } : {}),
      ...(input.amber !== undefined ? { amber: input.amber } : {}),
    });
    await writeAudit(trx, ctx, {
      action: 'kpi.updated',
      entityType: 'strategy.kpi',
      entityId: id,
      before: auditOf(before),
      after: auditOf(after),
    });
    return kpiView(after, metric);
  });
}

export async function getKpi(db: Db, id: string) {
  const row = await repo.findKpi(db, id);
  if (!row) throw errors.notFound('KPI', id);
  return kpiView(row, (await metricRegistry()).get(row.metric_key));
}

const auditOf = (k: KpiRow) => ({
  name: k.name,
  metricKey: k.metric_key,
  metricParams: k.metric_params,
  perspective: k.perspective,
  ownerId: k.owner_id,
  target: k.target,
  green: k.green,
  amber: k.amber,
});

export async function listKpis(db: Db, cycleId: string) {
  const metrics = await metricRegistry();
  return (await repo.kpisOfCycle(db, cycleId)).map((k) => kpiView(k, metrics.get(k.metric_key)));
}

/** A KPI's value now (over its cycle so far) and its red/amber/green; the value only with the metric's permission. */
export async function kpiStatus(db: Db, ctx: RequestContext, id: string) {
  const kpi = await repo.findKpi(db, id);
  if (!kpi) throw errors.notFound('KPI', id);
  const cycle = (await findCycle(db, kpi.cycle_id))!;
  const metric = await metricOrFail(kpi.metric_key, 'metricKey');
  const period = periodOf(cycle);
  const result = await runMetric(db, metric, period, kpi.metric_params);
  const visible = maySee(ctx.actor, metric);
  return {
    kpiId: id,
    value: visible ? valueShown(result.value, result.currency) : null,
    currency: visible ? (result.currency ?? null) : null,
    rag: result.value === null ? null : ragOf(metric.direction, result.value, kpi.green, kpi.amber),
    ...period,
    asOf: new Date().toISOString(),
  };
}

const kpiView = (k: KpiRow, metric: MetricDefinition | undefined) => ({
  id: k.id,
  cycleId: k.cycle_id,
  name: k.name,
  metricKey: k.metric_key,
  metricParams: k.metric_params,
  unit: metric?.unit ?? null,
  direction: metric?.direction ?? null,
  perspective: k.perspective,
  ownerId: k.owner_id,
  target: plain(k.target),
  green: plain(k.green),
  amber: plain(k.amber),
  version: k.version,
});
