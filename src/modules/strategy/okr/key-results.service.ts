import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { isoTimestamp } from '../../../platform/dates.js';
import { errors } from '../../../platform/errors/app-error.js';
import { emit } from '../../../platform/events/emit.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { checkParams, maySee, metricOrFail } from '../metrics/registry.js';
import { strategyErrors } from '../strategy.errors.js';
import { objectiveAtRisk } from '../strategy.events.js';
import type { Confidence, KeyResultKind } from '../strategy.tables.js';
import { actorOf, assertMayChange, openCycle } from './access.js';
import { noteCompletion } from './completion.js';
import { assertBoolean, assertDirection, initialValues } from './key-results.rules.js';
import * as repo from './objectives.repository.js';
import { plainOrNull } from './progress.js';
import { milestonesById } from '../../projects/index.js';
import {
  keyResultView,
  liveOf,
  metricRegistry,
  progressOfKeyResult,
  type KeyResultRow,
  type ObjectiveRow,
} from './views.js';

/** A key result as the caller sees it. */
export async function keyResultOf(db: Db, ctx: RequestContext, id: string) {
  const kr = await repo.findKeyResult(db, id);
  if (!kr) throw errors.notFound('Key result', id);
  const live = (await liveOf(db, [kr])).get(id)!;
  return keyResultView(kr, live, progressOfKeyResult(kr, live), ctx.actor, await metricRegistry());
}

/**
 * The key result and its objective (locked) in their open cycle, and that the caller may change them.
 * The cycle is locked first (for share), then the rows: the order closing a cycle takes them in.
 */
export async function forChange(trx: Tx, ctx: RequestContext, id: string) {
  const peek = await repo.findKeyResult(trx, id);
  if (!peek) throw errors.notFound('Key result', id);
  const cycle = await openCycle(trx, (await repo.findObjective(trx, peek.objective_id))!.cycle_id);
  const objective = (await repo.findObjective(trx, peek.objective_id, { forUpdate: true }))!;
  const kr = (await repo.findKeyResult(trx, id, { forUpdate: true }))!;
  assertMayChange(ctx, objective);
  return { kr, objective, cycle };
}

export interface CreateKeyResultInput {
  title: string;
  kind: KeyResultKind;
  startValue?: string | undefined;
  targetValue?: string | undefined;
  currentValue?: string | undefined;
  metricKey?: string | undefined;
  metricParams: Record<string, unknown>;
  milestoneId?: string | undefined;
  weight: string;
}

export async function createKeyResult(db: Db, ctx: RequestContext, objectiveId: string, input: CreateKeyResultInput) {
  const actor = actorOf(ctx);
  const id = await inTransaction(db, async (trx) => {
    const peek = await repo.findObjective(trx, objectiveId);
    if (!peek) throw errors.notFound('Objective', objectiveId);
    await openCycle(trx, peek.cycle_id);
    const objective = (await repo.findObjective(trx, objectiveId, { forUpdate: true }))!;
    assertMayChange(ctx, objective);
    if (input.kind !== 'metric' && input.metricKey !== undefined)
      throw strategyErrors.kind('metricKey', 'Only a metric-bound key result names a metric (kind "metric").');
    if (input.kind !== 'milestone' && input.milestoneId !== undefined)
      throw strategyErrors.kind('milestoneId', 'Only a milestone key result names a milestone (kind "milestone").');
    const milestone = input.kind === 'milestone' ? await milestoneOrFail(trx, input.milestoneId) : undefined;
    const values = initialValues(input.kind, input);
    let params: Record<string, unknown> = {};
    if (input.kind === 'metric') {
      if (input.metricKey === undefined)
        throw strategyErrors.kind('metricKey', 'Name the metric this key result follows.');
      const metric = await metricOrFail(input.metricKey, 'metricKey');
      // Binding a key result to a metric needs seeing it (afterwards, others see the progress only).
      if (!maySee(actor, metric)) throw strategyErrors.metricNotVisible(metric.key, metric.permission);
      params = await checkParams(metric, input.metricParams, 'metricParams');
      assertDirection(metric, values.start, values.target);
    }
    const row = await repo.insertKeyResult(trx, {
      objective_id: objectiveId,
      title: input.title,
      kind: input.kind,
      start_value: values.start,
      target_value: values.target,
      current_value: values.current,
      metric_key: input.kind === 'metric' ? input.metricKey! : null,
      metric_params: JSON.stringify(params),
      milestone_id: milestone?.id ?? null,
      weight: input.weight,
    });
    await writeAudit(trx, ctx, {
      action: 'key-result.created',
      entityType: 'strategy.key-result',
      entityId: row.id,
      after: auditOf(row),
    });
    await noteCompletion(trx, row, objective, progressOfKeyResult(row, { milestone }), actor.userId);
    return row.id;
  });
  return keyResultOf(db, ctx, id);
}

export interface UpdateKeyResultInput {
  version: number;
  title?: string | undefined;
  startValue?: string | undefined;
  targetValue?: string | undefined;
  currentValue?: string | undefined;
  weight?: string | undefined;
}

export async function updateKeyResult(db: Db, ctx: RequestContext, id: string, input: UpdateKeyResultInput) {
  const actor = actorOf(ctx);
  await inTransaction(db, async (trx) => {
    const { kr, objective } = await forChange(trx, ctx, id);
    assertVersion('Key result', kr, input.version);
    if (
      (kr.kind === 'boolean' || kr.kind === 'milestone') &&
      (input.startValue !== undefined || input.targetValue !== undefined)
    )
      throw strategyErrors.kind('startValue', 'A boolean or milestone key result goes from 0 to 1.');
    if (kr.kind === 'milestone' && input.currentValue !== undefined)
      throw strategyErrors.kind('currentValue', "A milestone key result's value comes from its milestone.");
    if (kr.kind === 'metric' && input.currentValue !== undefined)
      throw strategyErrors.kind('currentValue', "A metric-bound key result's value comes from its metric.");
    if (kr.kind === 'boolean' && input.currentValue !== undefined) assertBoolean(input.currentValue);
    const start = input.startValue ?? kr.start_value;
    const target = input.targetValue ?? kr.target_value;
    if (kr.kind !== 'boolean' && kr.kind !== 'milestone')
      initialValues(kr.kind, { startValue: start, targetValue: target });
    if (kr.kind === 'metric') assertDirection(await metricOrFail(kr.metric_key!, 'metricKey'), start, target);
    const after = await repo.updateKeyResult(trx, id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.startValue !== undefined ? { start_value: input.startValue } : {}),
      ...(input.targetValue !== undefined ? { target_value: input.targetValue } : {}),
      ...(input.currentValue !== undefined ? { current_value: input.currentValue } : {}),
      ...(input.weight !== undefined ? { weight: input.weight } : {}),
    });
    await writeAudit(trx, ctx, {
      action: 'key-result.updated',
      entityType: 'strategy.key-result',
      entityId: id,
      before: auditOf(kr),
      after: auditOf(after),
    });
    await noteCompletion(
      trx,
      after,
      objective,
      progressOfKeyResult(after, (await liveOf(trx, [after])).get(id)!),
      actor.userId,
    );
  });
  return keyResultOf(db, ctx, id);
}

/** A Projects milestone (a 422 when the id is not one). */
async function milestoneOrFail(db: Db, id: string | undefined) {
  if (id === undefined)
    throw strategyErrors.kind('milestoneId', 'Name the Projects milestone this key result follows.');
  const milestone = (await milestonesById(db, [id])).get(id);
  if (!milestone) throw errors.invalidReference('milestoneId', 'Milestone', id);
  return milestone;
}

const RISK: Record<Confidence, number> = { 'on-track': 0, 'at-risk': 1, 'off-track': 2 };

/**
 * A check-in: a confidence, a comment and (manual key results) the new value. The objective's health
 * becomes the worst of its key results' latest confidences; turning at risk or off track emits
 * `strategy.objective.at-risk`.
 */
export async function checkIn(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { confidence: Confidence; comment: string; value?: string | undefined },
) {
  const actor = actorOf(ctx);
  return inTransaction(db, async (trx) => {
    const { kr, objective } = await forChange(trx, ctx, id);
    let current: KeyResultRow = kr;
    if (input.value !== undefined) {
      if (kr.kind === 'metric' || kr.kind === 'milestone')
        throw strategyErrors.kind(
          'value',
          `A ${kr.kind} key result's value is not checked in: it comes from its ${kr.kind}.`,
        );
      if (kr.kind === 'boolean') assertBoolean(input.value);
      current = await repo.updateKeyResult(trx, id, { current_value: input.value });
    }
    const row = await repo.insertCheckIn(trx, {
      key_result_id: id,
      author_id: actor.userId,
      confidence: input.confidence,
      comment: input.comment,
      value: input.value ?? null,
    });
    await writeAudit(trx, ctx, {
      action: 'key-result.checked-in',
      entityType: 'strategy.key-result',
      entityId: id,
      after: { confidence: row.confidence, comment: row.comment, value: row.value },
    });
    await updateHealth(trx, objective, id, actor.userId);
    if (current !== kr) await noteCompletion(trx, current, objective, progressOfKeyResult(current, {}), actor.userId);
    return checkInView(row);
  });
}

async function updateHealth(trx: Tx, objective: ObjectiveRow, keyResultId: string, actorId: string) {
  const latest = await repo.latestConfidences(trx, objective.id);
  const health = latest.reduce<Confidence>(
    (worst, c) => (RISK[c.confidence] > RISK[worst] ? c.confidence : worst),
    'on-track',
  );
  if (health === objective.health) return;
  await repo.updateObjective(trx, objective.id, { health });
  if (health !== 'on-track' && RISK[health] > RISK[objective.health ?? 'on-track'])
    await emit(trx, {
      type: objectiveAtRisk,
      payload: {
        objectiveId: objective.id,
        cycleId: objective.cycle_id,
        ownerId: objective.owner_id,
        health,
        keyResultId,
      },
      actorId,
    });
}

export async function listCheckIns(db: Db, _ctx: RequestContext, id: string) {
  const kr = await repo.findKeyResult(db, id);
  if (!kr) throw errors.notFound('Key result', id);
  return (await repo.checkInsOf(db, id)).map(checkInView);
}

const checkInView = (c: Awaited<ReturnType<typeof repo.insertCheckIn>>) => ({
  id: c.id,
  keyResultId: c.key_result_id,
  authorId: c.author_id,
  confidence: c.confidence,
  comment: c.comment,
  value: plainOrNull(c.value),
  createdAt: isoTimestamp(c.created_at),
});

const auditOf = (k: KeyResultRow) => ({
  objectiveId: k.objective_id,
  title: k.title,
  kind: k.kind,
  startValue: k.start_value,
  targetValue: k.target_value,
  currentValue: k.current_value,
  metricKey: k.metric_key,
  metricParams: k.metric_params,
  milestoneId: k.milestone_id,
  weight: k.weight,
});
