import { defineEvent, defineSubscriber } from '../../platform/events/event-types.js';

// The payload schemas are imported with the first event (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
const schemas = async () => await import('./strategy.events.schemas.js');

/** An objective turned at risk or off track (a check-in on one of its key results said so). */
export const objectiveAtRisk = defineEvent('strategy.objective.at-risk', async () =>
  (await schemas()).objectiveAtRiskPayload(),
);

/** A key result reached its target (progress 100 %) for the first time. */
export const keyResultCompleted = defineEvent('strategy.key-result.completed', async () =>
  (await schemas()).keyResultCompletedPayload(),
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
