import { z } from '@hono/zod-openapi';
import { isoDate, uuid } from '../../../platform/http/schemas.js';

export const PerformanceQuery = z
  .object({
    from: isoDate.openapi({ description: 'First day of the period (UTC), inclusive' }),
    to: isoDate.openapi({ description: 'Last day of the period (UTC), inclusive' }),
    ownerId: uuid.optional().openapi({ description: 'Only this owner’s opportunities' }),
  })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'On or after from.' });

export const Performance = z
  .object({
    pipelineId: z.uuid(),
    from: z.string(),
    to: z.string(),
    ownerId: z.uuid().nullable(),
    won: z.number().int().openapi({ description: 'Won opportunities closed in the period' }),
    lost: z.number().int().openapi({ description: 'Lost opportunities closed in the period' }),
    winRate: z
      .string()
      .nullable()
      .openapi({ description: 'won / (won + lost), 4 decimals; null when none closed', example: '0.6667' }),
    wonAmounts: z.array(z.object({ currency: z.string(), count: z.number().int(), amount: z.string() })),
    averageSalesCycleDays: z
      .string()
      .nullable()
      .openapi({ description: 'Mean days from creation to close of the won ones, 1 decimal', example: '23.5' }),
  })
  .openapi('PipelinePerformance');

export type PerformanceInput = z.output<typeof PerformanceQuery>;
export type PerformanceDto = z.input<typeof Performance>;
