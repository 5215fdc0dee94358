import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { isoTimestamp } from '../../../platform/dates.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { actorOf, isAdmin, openCycle } from '../okr/access.js';
import { findCycle } from '../okr/cycles.repository.js';
import { findObjective } from '../okr/objectives.repository.js';
import { perspectives } from '../okr/okr.schemas.js';
import { shown } from '../okr/progress.js';
import { loadBoard, type ObjectiveRow } from '../okr/views.js';
import { strategyErrors } from '../strategy.errors.js';
import * as repo from './map.repository.js';

type LinkRow = Awaited<ReturnType<typeof repo.insertLink>>;

const linkView = (l: LinkRow) => ({
  id: l.id,
  cycleId: l.cycle_id,
  fromId: l.from_id,
  toId: l.to_id,
  createdAt: isoTimestamp(l.created_at),
});

/** Who may draw or remove a link: the owner of either objective, or a strategy administrator. */
function assertMayLink(ctx: RequestContext, from: ObjectiveRow, to: ObjectiveRow) {
  const actor = actorOf(ctx);
  if (from.owner_id !== actor.userId && to.owner_id !== actor.userId && !isAdmin(actor))
    throw strategyErrors.notOwner();
}

/**
 * Links two objectives of one open cycle on the strategy map: `from` (the cause) drives `to` (the
 * effect), across perspectives and apart from the parent tree. No self-links, no second link between
 * the same two objectives (either way round: 409 objective-link-exists).
 */
export async function linkObjectives(db: Db, ctx: RequestContext, input: { fromId: string; toId: string }) {
  return inTransaction(db, async (trx) => {
    if (input.fromId === input.toId) throw strategyErrors.link('toId', 'An objective cannot drive itself.');
    const from = await findObjective(trx, input.fromId);
    if (!from) throw errors.invalidReference('fromId', 'Objective', input.fromId);
    const to = await findObjective(trx, input.toId);
    if (!to) throw errors.invalidReference('toId', 'Objective', input.toId);
    if (from.cycle_id !== to.cycle_id)
      throw strategyErrors.link('toId', 'Both objectives must belong to the same cycle.');
    await openCycle(trx, from.cycle_id);
    assertMayLink(ctx, from, to);
    await lockPair(trx, from.id, to.id);
    const existing = await repo.linkBetween(trx, from.id, to.id);
    if (existing) throw strategyErrors.linkExists(existing.from_id !== from.id);
    const row = await repo.insertLink(trx, {
      cycle_id: from.cycle_id,
      from_id: from.id,
      to_id: to.id,
      created_by: actorOf(ctx).userId,
    });
    await writeAudit(trx, ctx, {
      action: 'objective-link.created',
      entityType: 'strategy.objective-link',
      entityId: row.id,
      after: { cycleId: row.cycle_id, fromId: row.from_id, toId: row.to_id },
    });
    return linkView(row);
  });
}

/** Removes a link (its cycle open; the owner of either objective, or an administrator). */
export async function unlinkObjectives(db: Db, ctx: RequestContext, id: string) {
  await inTransaction(db, async (trx) => {
    const link = await repo.findLink(trx, id);
    if (!link) throw errors.notFound('Objective link', id);
    await openCycle(trx, link.cycle_id);
    const [from, to] = await Promise.all([findObjective(trx, link.from_id), findObjective(trx, link.to_id)]);
    assertMayLink(ctx, from!, to!);
    await repo.deleteLink(trx, id);
    await writeAudit(trx, ctx, {
      action: 'objective-link.deleted',
      entityType: 'strategy.objective-link',
      entityId: id,
      before: { cycleId: link.cycle_id, fromId: link.from_id, toId: link.to_id },
    });
  });
}

/** Two links drawn at once between the same pair (either way round) wait for each other: the objectives, in id order. */
async function lockPair(trx: Tx, a: string, b: string) {
  for (const id of [a, b].sort()) await findObjective(trx, id, { forUpdate: true });
}

/**
 * The strategy map of a cycle: its objectives that are not cancelled (progress, health, perspective
 * row; those without a perspective are listed apart) and the links between them.
 */
export async function strategyMap(db: Db, cycleId: string) {
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw errors.notFound('Cycle', cycleId);
  const [board, links] = await Promise.all([loadBoard(db, cycle), repo.linksOfCycle(db, cycleId)]);
  const shownObjectives = board.objectives.filter((o) => o.status !== 'cancelled');
  const ids = new Set(shownObjectives.map((o) => o.id));
  return {
    cycleId,
    perspectives: [...perspectives],
    objectives: shownObjectives.map((o) => ({
      id: o.id,
      title: o.title,
      level: o.level,
      perspective: o.perspective,
      parentId: o.parent_id,
      ownerId: o.owner_id,
      progress: shown(board.objectiveProgress.get(o.id)!),
      health: o.health,
    })),
    links: links.filter((l) => ids.has(l.from_id) && ids.has(l.to_id)).map(linkView),
  };
}
