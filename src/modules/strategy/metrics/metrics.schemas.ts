import { z } from '@hono/zod-openapi';
import { isoDate, isoDateTime } from '../../../platform/http/schemas.js';

export const metricUnits = ['money', 'count', 'percent', 'days'] as const;
export const metricDirections = ['higher-is-better', 'lower-is-better'] as const;

export const Metric = z
  .object({
    key: z.string().openapi({ example: 'crm.wonAmount' }),
    label: z.string(),
    description: z.string(),
    unit: z.enum(metricUnits),
    direction: z.enum(metricDirections),
    permission: z.string().openapi({ description: 'Who may see its values' }),
    parameters: z.record(z.string(), z.unknown()).openapi({ description: "The parameters' JSON Schema" }),
  })
  .openapi('StrategyMetric');
export const MetricList = z.object({ items: z.array(Metric) }).openapi('StrategyMetricList');

export const MetricKeyParam = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9-]*\.[a-z][a-zA-Z0-9-]*$/, 'A metric key such as finance.revenue.')
    .openapi({ param: { name: 'key', in: 'path' }, example: 'crm.wonAmount' }),
});

export const EvaluateMetricBody = z
  .strictObject({
    from: isoDate,
    to: isoDate,
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .refine((b) => b.from <= b.to, { message: 'The period ends before it starts.', path: ['to'] })
  .openapi('EvaluateMetricBody');

export const MetricEvaluation = z
  .object({
    key: z.string(),
    value: z.string().nullable().openapi({ description: 'A decimal string; null when there is nothing to measure' }),
    unit: z.enum(metricUnits),
    currency: z.string().nullable(),
    direction: z.enum(metricDirections),
    from: isoDate,
    to: isoDate,
    asOf: isoDateTime,
  })
  .openapi('StrategyMetricEvaluation');
