import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { isoTimestampOrNull } from '../../../platform/dates.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { takeSnapshot } from '../evaluation/evaluation.service.js';
import { maySee } from '../metrics/registry.js';
import { strategyErrors } from '../strategy.errors.js';
import type { CycleKind } from '../strategy.tables.js';
import { actorOf, openCycle } from './access.js';
import * as repo from './cycles.repository.js';
import * as objectives from './objectives.repository.js';
import { shown, valueShown } from './progress.js';
import { cycleView, loadBoard, metricRegistry, valueOf, type CycleRow, type ObjectiveRow } from './views.js';

export async function createCycle(
  db: Db,
  ctx: RequestContext,
  input: { name: string; kind: CycleKind; startDate: string; endDate: string; checkInDays: number | null },
) {
  return inTransaction(db, async (trx) => {
    const row = await repo.insertCycle(trx, {
      name: input.name,
      kind: input.kind,
      start_date: input.startDate,
      end_date: input.endDate,
      check_in_days: input.checkInDays,
      closed_at: null,
      closed_by: null,
    });
    await writeAudit(trx, ctx, {
      action: 'cycle.created',
      entityType: 'strategy.cycle',
      entityId: row.id,
      after: auditOf(row),
    });
    return cycleView(row);
  });
}

export interface UpdateCycleInput {
  version: number;
  name?: string | undefined;
  kind?: CycleKind | undefined;
  startDate?: string | undefined;
  endDate?: string | undefined;
  checkInDays?: number | null | undefined;
}

/** Changes an open cycle (a closed one is frozen: 409 cycle-closed); the dates stay the right way round. */
export async function updateCycle(db: Db, ctx: RequestContext, id: string, input: UpdateCycleInput) {
  return inTransaction(db, async (trx) => {
    const before = await openCycle(trx, id, { forUpdate: true });
    assertVersion('Cycle', before, input.version);
    const startDate = input.startDate ?? before.start_date;
    const endDate = input.endDate ?? before.end_date;
    if (startDate > endDate)
      throw errors.validation([
        {
          path: input.endDate !== undefined ? 'endDate' : 'startDate',
          message: `The cycle ends (${endDate}) before it starts (${startDate}).`,
          code: 'cycle_dates',
        },
      ]);
    const after = await repo.updateCycle(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      start_date: startDate,
      end_date: endDate,
      ...(input.checkInDays !== undefined ? { check_in_days: input.checkInDays } : {}),
    });
    await writeAudit(trx, ctx, {
      action: 'cycle.updated',
      entityType: 'strategy.cycle',
      entityId: id,
      before: auditOf(before),
      after: auditOf(after),
    });
    return cycleView(after);
  });
}

const auditOf = (c: CycleRow) => ({
  name: c.name,
  kind: c.kind,
  startDate: c.start_date,
  endDate: c.end_date,
  checkInDays: c.check_in_days,
});

export const listCycles = async (db: Db, status?: 'open' | 'closed') =>
  (await repo.listCycles(db, status)).map(cycleView);

export async function getCycle(db: Db, id: string) {
  const row = await repo.findCycle(db, id);
  if (!row) throw errors.notFound('Cycle', id);
  return cycleView(row);
}

/**
 * Closes a cycle and freezes its scores: every metric-bound key result is evaluated once more over
 * the whole cycle (a `close` snapshot), then each key result's and objective's progress is kept as
 * a score, with the snapshot behind it. A closed cycle is a 409 (closing again included).
 */
export async function closeCycle(db: Db, ctx: RequestContext, id: string) {
  const actor = actorOf(ctx);
  await inTransaction(db, async (trx) => {
    const cycle = await openCycle(trx, id, { forUpdate: true });
    const before = await loadBoard(trx, cycle);
    const byId = new Map(before.objectives.map((o) => [o.id, o]));
    for (const kr of before.keyResults) {
      const objective = byId.get(kr.objective_id)!;
      if (kr.kind !== 'metric' || objective.status === 'cancelled') continue;
      await takeSnapshot(trx, ctx, { kr, objective, cycle }, 'close', { from: cycle.start_date, to: cycle.end_date });
    }
    const board = await loadBoard(trx, cycle);
    await repo.insertScores(trx, [
      ...board.objectives.map((o) => ({
        cycle_id: id,
        objective_id: o.id,
        key_result_id: null,
        progress: shown(board.objectiveProgress.get(o.id)!),
        value: null,
        snapshot_id: null,
      })),
      ...board.keyResults.map((k) => ({
        cycle_id: id,
        objective_id: k.objective_id,
        key_result_id: k.id,
        progress: shown(board.keyResultProgress.get(k.id)!),
        value: valueOf(k, board.live.get(k.id)!),
        snapshot_id: k.kind === 'metric' ? (board.live.get(k.id)!.latest?.id ?? null) : null,
      })),
    ]);
    await repo.updateCycle(trx, id, { status: 'closed', closed_at: new Date(), closed_by: actor.userId });
    await writeAudit(trx, ctx, {
      action: 'cycle.closed',
      entityType: 'strategy.cycle',
      entityId: id,
      before: { status: 'open' },
      after: { status: 'closed', scores: board.objectives.length + board.keyResults.length },
    });
  });
  return scoresOf(db, ctx, id);
}

/** The frozen scores of a closed cycle (a metric-bound key result's value only for those who may see the metric). */
export async function scoresOf(db: Db, ctx: RequestContext, id: string) {
  const cycle = await repo.findCycle(db, id);
  if (!cycle) throw errors.notFound('Cycle', id);
  const [rows, keyResults, metrics] = await Promise.all([
    repo.scoresOf(db, id),
    objectives.keyResultsOfCycle(db, id),
    metricRegistry(),
  ]);
  const hidden = new Set(
    keyResults.filter((k) => k.kind === 'metric' && !maySee(ctx.actor, metrics.get(k.metric_key!))).map((k) => k.id),
  );
  return {
    cycleId: id,
    closedAt: isoTimestampOrNull(cycle.closed_at),
    items: rows.map((s) => ({
      objectiveId: s.objective_id,
      keyResultId: s.key_result_id,
      progress: s.progress,
      value: s.key_result_id !== null && hidden.has(s.key_result_id) ? null : valueShown(s.value, s.currency),
      snapshotId: s.snapshot_id,
    })),
  };
}

/**
 * Copies the unfinished objectives of a cycle (not done or cancelled, below 100 %) into another open
 * cycle, with their unfinished key results: a copied child stays under its copied parent; a
 * metric-bound key result follows its metric over the new cycle's dates.
 */
export async function copyUnfinished(db: Db, ctx: RequestContext, id: string, targetCycleId: string) {
  return inTransaction(db, async (trx) => {
    const source = await repo.findCycle(trx, id);
    if (!source) throw errors.notFound('Cycle', id);
    if (targetCycleId === id)
      throw errors.validation([{ path: 'targetCycleId', message: 'Copy into another cycle.', code: 'same_cycle' }]);
    const target = await repo.findCycle(trx, targetCycleId, { forUpdate: true });
    if (!target) throw errors.invalidReference('targetCycleId', 'Cycle', targetCycleId);
    if (target.status === 'closed') throw strategyErrors.cycleClosed(target.name);
    const board = await loadBoard(trx, source);
    const unfinished = board.objectives.filter(
      (o) => o.status === 'active' && board.objectiveProgress.get(o.id)!.lt(100),
    );
    const wanted = new Set(unfinished.map((o) => o.id));
    const copies = new Map<string, string>();
    const pending: ObjectiveRow[] = [...unfinished];
    while (pending.length > 0) {
      // Parents first: an objective waits while its (copied) parent is not copied yet.
      const index = pending.findIndex(
        (o) => o.parent_id === null || !wanted.has(o.parent_id) || copies.has(o.parent_id),
      );
      const [o] = pending.splice(index === -1 ? 0 : index, 1);
      const row = await objectives.insertObjective(trx, {
        cycle_id: targetCycleId,
        parent_id: o!.parent_id === null ? null : (copies.get(o!.parent_id) ?? null),
        title: o!.title,
        description: o!.description,
        level: o!.level,
        owner_id: o!.owner_id,
        department: o!.department,
        perspective: o!.perspective,
        health: null,
        weight: o!.weight,
        copied_from_id: o!.id,
      });
      copies.set(o!.id, row.id);
      for (const k of board.keyResults.filter((k) => k.objective_id === o!.id)) {
        if (board.keyResultProgress.get(k.id)!.gte(100)) continue;
        await objectives.insertKeyResult(trx, {
          objective_id: row.id,
          title: k.title,
          kind: k.kind,
          start_value: k.start_value,
          target_value: k.target_value,
          current_value: k.current_value,
          metric_key: k.metric_key,
          metric_params: JSON.stringify(k.metric_params),
          milestone_id: k.milestone_id,
          weight: k.weight,
        });
      }
      await writeAudit(trx, ctx, {
        action: 'objective.copied',
        entityType: 'strategy.objective',
        entityId: row.id,
        after: { copiedFromId: o!.id, cycleId: targetCycleId, title: row.title },
      });
    }
    return { copied: [...copies].map(([fromId, toId]) => ({ fromId, toId })) };
  });
}
