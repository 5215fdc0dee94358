import { hasPermission, type Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { strategyErrors } from '../strategy.errors.js';
import { findCycle } from './cycles.repository.js';
import type { CycleRow, ObjectiveRow } from './views.js';

export const isAdmin = (actor: Actor | null): boolean => actor === null || hasPermission(actor, 'strategy:admin');

/** The signed-in caller (every Strategy route has one). */
export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw errors.unauthenticated();
  return ctx.actor;
}

/** Who may change an objective and its key results: its owner, or a strategy administrator (a system job may). */
export function assertMayChange(ctx: RequestContext, objective: ObjectiveRow): void {
  if (ctx.actor !== null && objective.owner_id !== ctx.actor.userId && !isAdmin(ctx.actor))
    throw strategyErrors.notOwner();
}

/**
 * The cycle of a change: it must be open (a closed cycle's objectives and scores are frozen). Locked
 * for share unless `forUpdate`: a change and the cycle's close never interleave.
 */
export async function openCycle(db: Db, cycleId: string, options: { forUpdate?: boolean } = {}): Promise<CycleRow> {
  const cycle = await findCycle(db, cycleId, options.forUpdate ? options : { forShare: true });
  if (!cycle) throw errors.notFound('Cycle', cycleId);
  if (cycle.status === 'closed') throw strategyErrors.cycleClosed(cycle.name);
  return cycle;
}
