import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { isoTimestamp, today } from '../../../platform/dates.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { maySee, metricRegistry, runMetric } from '../metrics/registry.js';
import { forChange } from '../okr/key-results.service.js';
import { keyResultProgress, shown, valueShown } from '../okr/progress.js';
import * as objectives from '../okr/objectives.repository.js';
import { noteCompletion } from '../okr/completion.js';
import type { CycleRow, KeyResultRow, ObjectiveRow, SnapshotRow } from '../okr/views.js';
import { strategyErrors } from '../strategy.errors.js';
import type { SnapshotSource } from '../strategy.tables.js';
import * as repo from './snapshots.repository.js';

/** The period a metric-bound key result is measured over: from the cycle's start to today (or its end, if sooner). */
export function periodOf(
  cycle: Pick<CycleRow, 'start_date' | 'end_date'>,
  asOf = today(),
): { from: string; to: string } {
  const to = asOf < cycle.start_date ? cycle.start_date : asOf > cycle.end_date ? cycle.end_date : asOf;
  return { from: cycle.start_date, to };
}

/**
 * Evaluates a metric-bound key result and keeps the outcome as an immutable snapshot (value,
 * progress, as-of), inside the caller's transaction. Reaching 100 % for the first time emits
 * `strategy.key-result.completed`.
 */
export async function takeSnapshot(
  trx: Tx,
  ctx: RequestContext,
  target: { kr: KeyResultRow; objective: ObjectiveRow; cycle: CycleRow },
  source: SnapshotSource,
  period: { from: string; to: string },
): Promise<SnapshotRow> {
  const { kr, objective } = target;
  const metric = (await metricRegistry()).get(kr.metric_key!);
  if (!metric) throw strategyErrors.unknownMetric('metricKey', kr.metric_key!);
  const result = await runMetric(trx, metric, period, kr.metric_params);
  const progress = keyResultProgress(
    { kind: kr.kind, startValue: kr.start_value, targetValue: kr.target_value },
    result.value,
  );
  const snapshot = await repo.insertSnapshot(trx, {
    key_result_id: kr.id,
    value: result.value,
    currency: result.currency ?? null,
    progress: shown(progress),
    period_from: period.from,
    period_to: period.to,
    source,
    created_by: ctx.actor?.userId ?? null,
  });
  await writeAudit(trx, ctx, {
    action: 'key-result.evaluated',
    entityType: 'strategy.key-result',
    entityId: kr.id,
    after: { snapshotId: snapshot.id, source, progress: snapshot.progress },
  });
  await noteCompletion(trx, kr, objective, progress, ctx.actor?.userId ?? null);
  return snapshot;
}

/** On demand (its owner or an administrator) or from the nightly job (no actor): a new snapshot. */
export async function evaluateKeyResult(db: Db, ctx: RequestContext, id: string, source: SnapshotSource) {
  const snapshot = await inTransaction(db, async (trx) => {
    const target = await forChange(trx, ctx, id);
    if (target.kr.kind !== 'metric')
      throw strategyErrors.kind('kind', 'Only a metric-bound key result is evaluated; check in a manual one.');
    return takeSnapshot(trx, ctx, target, source, periodOf(target.cycle));
  });
  const kr = (await objectives.findKeyResult(db, id))!;
  return snapshotView(snapshot, maySee(ctx.actor, (await metricRegistry()).get(kr.metric_key!)));
}

/** A key result's snapshots, oldest first (values only for those who may see the metric). */
export async function snapshotHistory(db: Db, ctx: RequestContext, id: string) {
  const kr = await objectives.findKeyResult(db, id);
  if (!kr) throw errors.notFound('Key result', id);
  const visible = kr.kind !== 'metric' || maySee(ctx.actor, (await metricRegistry()).get(kr.metric_key!));
  return {
    keyResultId: id,
    valueVisible: visible,
    items: (await repo.snapshotsOf(db, id)).map((s) => snapshotView(s, visible)),
  };
}

export const snapshotView = (s: SnapshotRow, visible: boolean) => ({
  id: s.id,
  keyResultId: s.key_result_id,
  value: visible ? valueShown(s.value, s.currency) : null,
  currency: visible ? s.currency : null,
  progress: s.progress,
  periodFrom: s.period_from,
  periodTo: s.period_to,
  source: s.source,
  asOf: isoTimestamp(s.as_of),
});
