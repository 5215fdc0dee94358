import { z } from '@hono/zod-openapi';
import { defineEvent, defineSubscriber } from '../../platform/events/event-types.js';

/** An objective turned at risk or off track (a check-in on one of its key results said so). */
export const objectiveAtRisk = defineEvent('strategy.objective.at-risk', () =>
  z.object({
    objectiveId: z.string(),
    cycleId: z.string(),
    ownerId: z.string(),
    health: z.enum(['at-risk', 'off-track']),
    keyResultId: z.string(),
  }),
);

/** A key result reached its target (progress 100 %) for the first time. */
export const keyResultCompleted = defineEvent('strategy.key-result.completed', () =>
  z.object({ keyResultId: z.string(), objectiveId: z.string(), cycleId: z.string() }),
);

export const strategyEvents = [objectiveAtRisk, keyResultCompleted];

/** A Projects milestone reached completes the milestone key results bound to it. */
export const strategySubscribers = [
  defineSubscriber({
    name: 'strategy.milestone-reached',
    event: 'projects.milestone.reached',
    load: async () => (await import('./okr/milestone-reached.js')).onMilestoneReached,
  }),
];
