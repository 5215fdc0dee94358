import { z } from '@hono/zod-openapi';
import { isoDate, isoDateTime, shortText, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { metricDirections, metricUnits } from '../metrics/metrics.schemas.js';
import { decimalValue, perspectives } from '../okr/okr.schemas.js';

export const Kpi = z
  .object({
    id: z.string(),
    cycleId: z.string(),
    name: z.string(),
    metricKey: z.string(),
    metricParams: z.record(z.string(), z.unknown()),
    unit: z.enum(metricUnits).nullable(),
    direction: z.enum(metricDirections).nullable(),
    perspective: z.enum(perspectives).nullable(),
    ownerId: z.string(),
    target: z.string(),
    green: z.string().openapi({ description: 'At or beyond this (in the better direction): green' }),
    amber: z.string().openapi({ description: 'At or beyond this, short of green: amber; else red' }),
    version: z.number().int(),
  })
  .openapi('StrategyKpi');
export const KpiList = z.object({ items: z.array(Kpi) }).openapi('StrategyKpiList');
export const KpiListQuery = z.object({ cycleId: uuid });

export const CreateKpiBody = z
  .strictObject({
    cycleId: uuid,
    name: shortText(200),
    metricKey: z.string().max(100),
    metricParams: z.record(z.string(), z.unknown()).default({}),
    perspective: z.enum(perspectives).nullable().optional(),
    ownerId: uuid.optional(),
    target: decimalValue,
    green: decimalValue,
    amber: decimalValue,
  })
  .openapi('CreateStrategyKpiBody');

export const UpdateKpiBody = z
  .strictObject({
    version: versionField,
    name: shortText(200).optional(),
    metricKey: z.string().max(100).optional(),
    metricParams: z.record(z.string(), z.unknown()).optional(),
    perspective: z.enum(perspectives).nullable().optional(),
    ownerId: uuid.optional(),
    target: decimalValue.optional(),
    green: decimalValue.optional(),
    amber: decimalValue.optional(),
  })
  .openapi('UpdateStrategyKpiBody');

export const KpiStatus = z
  .object({
    kpiId: z.string(),
    value: z
      .string()
      .nullable()
      .openapi({ description: "Null without the metric's permission, or with nothing to measure" }),
    currency: z.string().nullable(),
    rag: z.enum(['green', 'amber', 'red']).nullable(),
    from: isoDate,
    to: isoDate,
    asOf: isoDateTime,
  })
  .openapi('StrategyKpiStatus');
