import type { Decimal } from 'decimal.js';
import type { Selectable } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { isoTimestamp, isoTimestampOrNull } from '../../../platform/dates.js';
import type { MetricDefinition } from '../../../platform/modules/metric.js';
import { milestonesById, type MilestoneRef } from '../../projects/index.js';
import { latestSnapshots } from '../evaluation/snapshots.repository.js';
import { maySee, metricRegistry } from '../metrics/registry.js';
import type { CyclesTable, KeyResultsTable, ObjectivesTable, SnapshotsTable } from '../strategy.tables.js';
import { keyResultsOfCycle, objectivesOfCycle } from './objectives.repository.js';
import { keyResultProgress, plain, rollUp, shown, valueShown } from './progress.js';

export type CycleRow = Selectable<CyclesTable>;
export type ObjectiveRow = Selectable<ObjectivesTable>;
export type KeyResultRow = Selectable<KeyResultsTable>;
export type SnapshotRow = Selectable<SnapshotsTable>;

/** What a key result's value comes from besides itself: its latest snapshot (metric), its milestone (Projects). */
export interface Live {
  latest?: SnapshotRow | undefined;
  milestone?: MilestoneRef | undefined;
}

/**
 * A key result's value now: the latest snapshot's for a metric-bound one, 1 or 0 for a milestone
 * (reached or not, read live from Projects), else its current value.
 */
export function valueOf(kr: KeyResultRow, live: Live): string | null {
  if (kr.kind === 'metric') return live.latest?.value ?? null;
  if (kr.kind === 'milestone') return live.milestone?.reached ? '1' : '0';
  return kr.current_value;
}

export const progressOfKeyResult = (kr: KeyResultRow, live: Live): Decimal =>
  keyResultProgress({ kind: kr.kind, startValue: kr.start_value, targetValue: kr.target_value }, valueOf(kr, live));

/** The live inputs of these key results: latest snapshots and milestones. */
export async function liveOf(db: Db, keyResults: readonly KeyResultRow[]): Promise<Map<string, Live>> {
  const [snapshots, milestones] = await Promise.all([
    latestSnapshots(
      db,
      keyResults.filter((k) => k.kind === 'metric').map((k) => k.id),
    ),
    milestonesById(
      db,
      keyResults.flatMap((k) => (k.milestone_id ? [k.milestone_id] : [])),
    ),
  ]);
  const latest = new Map(snapshots.map((s) => [s.key_result_id, s]));
  return new Map(
    keyResults.map((k) => [
      k.id,
      { latest: latest.get(k.id), milestone: k.milestone_id ? milestones.get(k.milestone_id) : undefined },
    ]),
  );
}

/** Everything of a cycle with its computed progress: what every read (and the scoring at close) starts from. */
export interface Board {
  cycle: CycleRow;
  objectives: ObjectiveRow[];
  keyResults: KeyResultRow[];
  live: Map<string, Live>;
  keyResultProgress: Map<string, Decimal>;
  objectiveProgress: Map<string, Decimal>;
}

export async function loadBoard(db: Db, cycle: CycleRow): Promise<Board> {
  const [objectives, keyResults] = await Promise.all([
    objectivesOfCycle(db, cycle.id),
    keyResultsOfCycle(db, cycle.id),
  ]);
  const live = await liveOf(db, keyResults);
  const keyResultProgress = new Map(keyResults.map((k) => [k.id, progressOfKeyResult(k, live.get(k.id)!)]));
  const objectiveProgress = rollUp(
    objectives.map((o) => ({ id: o.id, parentId: o.parent_id, status: o.status, weight: o.weight })),
    keyResults.map((k) => ({ objectiveId: k.objective_id, weight: k.weight, progress: keyResultProgress.get(k.id)! })),
  );
  return { cycle, objectives, keyResults, live, keyResultProgress, objectiveProgress };
}

/**
 * A key result as the caller may see it: a metric-bound one's value (and its start and target, which
 * would give the value away with the progress) only with the metric's permission; the progress always.
 */
export function keyResultView(
  kr: KeyResultRow,
  live: Live,
  progress: Decimal,
  actor: Actor | null,
  metrics: ReadonlyMap<string, MetricDefinition>,
) {
  const { latest, milestone } = live;
  const metric = kr.metric_key === null ? undefined : metrics.get(kr.metric_key);
  const visible = kr.kind !== 'metric' || maySee(actor, metric);
  const hide = <T>(v: T) => (visible ? v : null);
  return {
    id: kr.id,
    objectiveId: kr.objective_id,
    title: kr.title,
    kind: kr.kind,
    startValue: hide(plain(kr.start_value)),
    targetValue: hide(plain(kr.target_value)),
    value: hide(valueShown(valueOf(kr, live), kr.kind === 'metric' ? latest?.currency : null)),
    valueVisible: visible,
    metric:
      kr.metric_key === null
        ? null
        : {
            key: kr.metric_key,
            label: metric?.label ?? kr.metric_key,
            unit: metric?.unit ?? null,
            direction: metric?.direction ?? null,
            params: kr.metric_params,
            currency: hide(latest?.currency ?? null),
          },
    milestone:
      kr.milestone_id === null
        ? null
        : {
            id: kr.milestone_id,
            projectId: milestone?.projectId ?? null,
            dueDate: milestone?.dueDate ?? null,
            reached: milestone?.reached ?? false,
            reachedOn: milestone?.reachedOn ?? null,
          },
    weight: plain(kr.weight),
    progress: shown(progress),
    lastEvaluatedAt: isoTimestampOrNull(latest?.as_of ?? null),
    completedAt: isoTimestampOrNull(kr.completed_at),
    version: kr.version,
    createdAt: isoTimestamp(kr.created_at),
    updatedAt: isoTimestamp(kr.updated_at),
  };
}

export function objectiveView(
  board: Board,
  o: ObjectiveRow,
  actor: Actor | null,
  metrics: ReadonlyMap<string, MetricDefinition>,
) {
  return {
    id: o.id,
    cycleId: o.cycle_id,
    parentId: o.parent_id,
    title: o.title,
    description: o.description,
    level: o.level,
    ownerId: o.owner_id,
    department: o.department,
    perspective: o.perspective,
    status: o.status,
    health: o.health,
    weight: plain(o.weight),
    progress: shown(board.objectiveProgress.get(o.id)!),
    childIds: board.objectives.filter((c) => c.parent_id === o.id).map((c) => c.id),
    keyResults: board.keyResults
      .filter((k) => k.objective_id === o.id)
      .map((k) => keyResultView(k, board.live.get(k.id)!, board.keyResultProgress.get(k.id)!, actor, metrics)),
    copiedFromId: o.copied_from_id,
    version: o.version,
    createdAt: isoTimestamp(o.created_at),
    updatedAt: isoTimestamp(o.updated_at),
  };
}

export const cycleView = (c: CycleRow) => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  startDate: c.start_date,
  endDate: c.end_date,
  status: c.status,
  closedAt: isoTimestampOrNull(c.closed_at),
  closedBy: c.closed_by,
  checkInDays: c.check_in_days,
  version: c.version,
  createdAt: isoTimestamp(c.created_at),
  updatedAt: isoTimestamp(c.updated_at),
});

export { metricRegistry };
