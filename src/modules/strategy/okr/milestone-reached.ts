import { z } from 'zod';
import type { SubscriberHandler } from '../../../platform/events/event-types.js';
import { Money } from '../../../platform/money/money.js';
import { noteCompletion } from './completion.js';
import { findObjective, openKeyResultsOfMilestone } from './objectives.repository.js';

/**
 * `projects.milestone.reached`: the key results bound to that milestone (in open cycles) are complete
 * — noted once, with `strategy.key-result.completed`. Their progress needs no event: it is read live.
 */
/** The part of Projects' payload used here (subscribed by name, so the manifest does not load Projects' index). */
const Reached = z.object({ taskId: z.string() });

export const onMilestoneReached: SubscriberHandler = async (event, trx) => {
  const { taskId } = Reached.parse(event.payload);
  for (const kr of await openKeyResultsOfMilestone(trx, taskId)) {
    const objective = (await findObjective(trx, kr.objective_id))!;
    await noteCompletion(trx, kr, objective, new Money(100), event.actorId);
  }
};
