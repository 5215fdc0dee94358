import type { Db } from '../../../platform/db/database.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { activeUserIds } from '../../auth/index.js';
import { departmentsExist } from '../../hr/index.js';
import type { ObjectiveLevel, ObjectiveStatus, Perspective } from '../strategy.tables.js';
import { strategyErrors } from '../strategy.errors.js';
import { actorOf, assertMayChange, isAdmin, openCycle } from './access.js';
import { findCycle } from './cycles.repository.js';
import * as repo from './objectives.repository.js';
import { loadBoard, metricRegistry, objectiveView, type ObjectiveRow } from './views.js';

/** An objective as the caller sees it, with its computed progress and key results. */
export async function objectiveOf(db: Db, ctx: RequestContext, id: string) {
  const objective = await repo.findObjective(db, id);
  if (!objective) throw errors.notFound('Objective', id);
  const cycle = (await findCycle(db, objective.cycle_id))!;
  const board = await loadBoard(db, cycle);
  return objectiveView(
    board,
    board.objectives.find((o) => o.id === id)!,
    ctx.actor,
    await metricRegistry(),
  );
}

/** A cycle's objectives (everyone with strategy:read sees them all), each with its progress. */
export async function listObjectives(
  db: Db,
  ctx: RequestContext,
  query: { cycleId: string; ownerId?: string | undefined; level?: ObjectiveLevel | undefined },
) {
  const cycle = await findCycle(db, query.cycleId);
  if (!cycle) throw errors.invalidReference('query.cycleId', 'Cycle', query.cycleId);
  const board = await loadBoard(db, cycle);
  const metrics = await metricRegistry();
  return board.objectives
    .filter(
      (o) => (query.ownerId === undefined || o.owner_id === query.ownerId) && (!query.level || o.level === query.level),
    )
    .map((o) => objectiveView(board, o, ctx.actor, metrics));
}

export interface CreateObjectiveInput {
  cycleId: string;
  parentId?: string | null | undefined;
  title: string;
  description: string;
  level: ObjectiveLevel;
  ownerId?: string | undefined;
  department?: string | null | undefined;
  perspective?: Perspective | null | undefined;
  weight: string;
}

export async function createObjective(db: Db, ctx: RequestContext, input: CreateObjectiveInput) {
  const actor = actorOf(ctx);
  const id = await inTransaction(db, async (trx) => {
    const cycle = await findCycle(trx, input.cycleId);
    if (!cycle) throw errors.invalidReference('cycleId', 'Cycle', input.cycleId);
    await openCycle(trx, cycle.id);
    if (input.level === 'company' && !isAdmin(actor)) throw errors.forbidden('strategy:admin');
    const ownerId = input.ownerId ?? actor.userId;
    await checkOwner(trx, ctx, ownerId, null);
    if (input.parentId) await checkParent(trx, cycle.id, input.parentId, null);
    if (input.department) await checkDepartment(trx, input.department);
    const row = await repo.insertObjective(trx, {
      cycle_id: cycle.id,
      parent_id: input.parentId ?? null,
      title: input.title,
      description: input.description,
      level: input.level,
      owner_id: ownerId,
      department: input.department ?? null,
      perspective: input.perspective ?? null,
      health: null,
      weight: input.weight,
      copied_from_id: null,
    });
    await writeAudit(trx, ctx, {
      action: 'objective.created',
      entityType: 'strategy.objective',
      entityId: row.id,
      after: auditOf(row),
    });
    return row.id;
  });
  return objectiveOf(db, ctx, id);
}

export interface UpdateObjectiveInput {
  version: number;
  parentId?: string | null | undefined;
  title?: string | undefined;
  description?: string | undefined;
  ownerId?: string | undefined;
  department?: string | null | undefined;
  perspective?: Perspective | null | undefined;
  status?: ObjectiveStatus | undefined;
  weight?: string | undefined;
}

export async function updateObjective(db: Db, ctx: RequestContext, id: string, input: UpdateObjectiveInput) {
  await inTransaction(db, async (trx) => {
    const peek = await repo.findObjective(trx, id);
    if (!peek) throw errors.notFound('Objective', id);
    await openCycle(trx, peek.cycle_id); // the cycle first (for share), then the row: as closing takes them
    const before = (await repo.findObjective(trx, id, { forUpdate: true }))!;
    assertMayChange(ctx, before);
    assertVersion('Objective', before, input.version);
    if (input.ownerId !== undefined && input.ownerId !== before.owner_id)
      await checkOwner(trx, ctx, input.ownerId, before);
    if (input.parentId) await checkParent(trx, before.cycle_id, input.parentId, id);
    if (input.department) await checkDepartment(trx, input.department);
    const after = await repo.updateObjective(trx, id, {
      ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
      ...(input.department !== undefined ? { department: input.department } : {}),
      ...(input.perspective !== undefined ? { perspective: input.perspective } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.weight !== undefined ? { weight: input.weight } : {}),
    });
    await writeAudit(trx, ctx, {
      action: 'objective.updated',
      entityType: 'strategy.objective',
      entityId: id,
      before: auditOf(before),
      after: auditOf(after),
    });
  });
  return objectiveOf(db, ctx, id);
}

/** Only an administrator gives an objective to someone else; the owner is an active user. */
async function checkOwner(db: Db, ctx: RequestContext, ownerId: string, objective: ObjectiveRow | null) {
  const actor = actorOf(ctx);
  if (ownerId !== actor.userId && !isAdmin(actor)) throw errors.forbidden('strategy:admin');
  if (objective === null && ownerId === actor.userId) return;
  if (!(await activeUserIds(db, [ownerId])).has(ownerId)) throw errors.invalidReference('ownerId', 'User', ownerId);
}

/** The parent is an objective of the same cycle, and not the objective itself or one below it. */
async function checkParent(db: Db, cycleId: string, parentId: string, self: string | null) {
  const parent = await repo.findObjective(db, parentId);
  if (!parent) throw errors.invalidReference('parentId', 'Objective', parentId);
  if (parent.cycle_id !== cycleId)
    throw strategyErrors.hierarchy('parentId', 'The parent objective belongs to another cycle.');
  if (self === null) return;
  for (
    let at: ObjectiveRow | undefined = parent;
    at;
    at = at.parent_id ? await repo.findObjective(db, at.parent_id) : undefined
  )
    if (at.id === self) throw strategyErrors.hierarchy('parentId', 'An objective cannot sit below itself.');
}

async function checkDepartment(db: Db, department: string) {
  if (!(await departmentsExist(db, [department])).has(department))
    throw errors.invalidReference('department', 'Department', department);
}

const auditOf = (o: ObjectiveRow) => ({
  cycleId: o.cycle_id,
  parentId: o.parent_id,
  title: o.title,
  level: o.level,
  ownerId: o.owner_id,
  department: o.department,
  perspective: o.perspective,
  status: o.status,
  weight: o.weight,
});
