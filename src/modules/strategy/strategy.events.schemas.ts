import { z } from '@hono/zod-openapi';

/** The payload of `strategy.objective.at-risk` (strategy.events.ts): imported when such an event is first emitted or handled. */
export const objectiveAtRiskPayload = () =>
  z.object({
    objectiveId: z.string(),
    cycleId: z.string(),
    ownerId: z.string(),
    health: z.enum(['at-risk', 'off-track']),
    keyResultId: z.string(),
  });

/** The payload of `strategy.key-result.completed` (strategy.events.ts). */
export const keyResultCompletedPayload = () =>
  z.object({ keyResultId: z.string(), objectiveId: z.string(), cycleId: z.string() });
