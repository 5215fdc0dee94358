import { z } from '@hono/zod-openapi';
import { shortText } from '../../../platform/http/schemas.js';

const probability = z.number().int().min(0).max(100);

const StageInput = z.strictObject({
  name: shortText(100),
  probability: probability.openapi({ description: 'Default win probability (0–100)' }),
  isWon: z.boolean().default(false),
  isLost: z.boolean().default(false),
});

export const CreatePipelineBody = z
  .strictObject({ name: shortText(), stages: z.array(StageInput).min(3).max(30) })
  .superRefine((p, ctx) => {
    const won = p.stages.filter((s) => s.isWon).length;
    const lost = p.stages.filter((s) => s.isLost).length;
    if (won !== 1) ctx.addIssue({ code: 'custom', path: ['stages'], message: 'Exactly one stage is won.' });
    if (lost !== 1) ctx.addIssue({ code: 'custom', path: ['stages'], message: 'Exactly one stage is lost.' });
    p.stages.forEach((s, i) => {
      if (s.isWon && s.isLost)
        ctx.addIssue({ code: 'custom', path: ['stages', i, 'isLost'], message: 'A stage is won or lost, not both.' });
      if (p.stages.findIndex((o) => o.name === s.name) !== i)
        ctx.addIssue({ code: 'custom', path: ['stages', i, 'name'], message: 'Stage names are unique.' });
    });
  })
  .openapi('CreatePipelineRequest');

export const Stage = z
  .object({
    id: z.uuid(),
    name: z.string(),
    position: z.number().int(),
    probability: z.number().int(),
    isWon: z.boolean(),
    isLost: z.boolean(),
  })
  .openapi('Stage');

export const Pipeline = z
  .object({
    id: z.uuid(),
    name: z.string(),
    isDefault: z.boolean(),
    stages: z.array(Stage),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Pipeline');
export const PipelineList = z.object({ items: z.array(Pipeline) }).openapi('PipelineList');

export type CreatePipelineInput = z.output<typeof CreatePipelineBody>;
export type PipelineDto = z.input<typeof Pipeline>;
export type StageDto = z.input<typeof Stage>;
