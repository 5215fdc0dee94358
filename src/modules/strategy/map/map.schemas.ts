import { z } from '@hono/zod-openapi';
import { uuid } from '../../../platform/http/schemas.js';
import { confidences, levels, perspectives } from '../okr/okr.schemas.js';

export const ObjectiveLink = z
  .object({
    id: z.string(),
    cycleId: z.string(),
    fromId: z.string().openapi({ description: 'The cause: the objective that drives the other' }),
    toId: z.string().openapi({ description: 'The effect' }),
    createdAt: z.string(),
  })
  .openapi('StrategyObjectiveLink');

export const CreateObjectiveLinkBody = z
  .strictObject({
    fromId: uuid.openapi({ description: 'The cause' }),
    toId: uuid.openapi({ description: 'The effect (another objective of the same cycle)' }),
  })
  .openapi('CreateStrategyObjectiveLinkBody');

export const StrategyMap = z
  .object({
    cycleId: z.string(),
    perspectives: z.array(z.enum(perspectives)).openapi({ description: 'The rows, top (financial) to bottom' }),
    objectives: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        level: z.enum(levels),
        perspective: z.enum(perspectives).nullable(),
        parentId: z.string().nullable(),
        ownerId: z.string(),
        progress: z.string(),
        health: z.enum(confidences).nullable(),
      }),
    ),
    links: z.array(ObjectiveLink),
  })
  .openapi('StrategyMap');
