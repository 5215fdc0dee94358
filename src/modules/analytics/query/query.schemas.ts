import { z } from '@hono/zod-openapi';

export const GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];
export const MAX_ROWS = 10_000;

const fieldName = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{0,62}$/, 'A field name of the dataset (camelCase).')
  .openapi({ example: 'stage' });
const scalar = z.union([z.string().max(200), z.number().finite(), z.boolean()]);
export const datasetKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]*\.[a-z][a-zA-Z0-9-]*$/, 'A dataset key such as finance.journal-lines.')
  .openapi({ example: 'finance.journal-lines' });

export const Filter = z
  .discriminatedUnion('op', [
    z.strictObject({ field: fieldName, op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']), value: scalar }),
    z.strictObject({ field: fieldName, op: z.enum(['in', 'notIn']), values: z.array(scalar).min(1).max(500) }),
    z.strictObject({ field: fieldName, op: z.literal('between'), from: scalar, to: scalar }),
    z.strictObject({ field: fieldName, op: z.enum(['isNull', 'notNull']) }),
  ])
  .openapi('AnalyticsFilter', {
    description: 'A condition on a field of the dataset; values are parameters, never SQL',
  });
export type FilterT = z.output<typeof Filter>;

export const Dimension = z
  .union([
    fieldName,
    z.strictObject({
      field: fieldName,
      grain: z.enum(GRAINS).optional().openapi({ description: 'For date fields: truncate to this grain' }),
    }),
  ])
  .openapi('AnalyticsDimension');

export const AnalyticsQuery = z
  .strictObject({
    dataset: datasetKey,
    measures: z.array(fieldName).max(20).default([]),
    dimensions: z.array(Dimension).max(10).default([]),
    filters: z.array(Filter).max(50).default([]),
    sort: z
      .array(z.strictObject({ field: fieldName, direction: z.enum(['asc', 'desc']).default('asc') }))
      .max(10)
      .default([]),
    limit: z
      .int()
      .min(1)
      .max(MAX_ROWS)
      .default(1000)
      .openapi({ description: `Rows (1–${MAX_ROWS})` }),
    pivot: fieldName.optional().openapi({
      description: 'A dimension of the query whose values become columns: the result also carries `pivot`',
    }),
  })
  .refine((q) => q.measures.length + q.dimensions.length > 0, {
    message: 'Ask for at least one measure or dimension.',
    path: ['measures'],
  })
  .openapi('AnalyticsQuery');
export type AnalyticsQueryT = z.output<typeof AnalyticsQuery>;

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const ResultColumn = z
  .object({
    name: z.string(),
    label: z.string(),
    kind: z.enum(['dimension', 'measure']),
    type: z.enum(['string', 'date', 'number', 'boolean', 'money']),
    grain: z.enum(GRAINS).nullable(),
    currencyField: z.string().nullable().openapi({ description: 'money: the column holding its currency' }),
  })
  .openapi('AnalyticsResultColumn');
export type ResultColumnT = z.output<typeof ResultColumn>;

export const MAX_PIVOT_VALUES = 100;

export const PivotResult = z
  .object({
    field: z.string().openapi({ description: 'The pivoted dimension' }),
    values: z.array(z.string()).openapi({
      description: `Its values, the columns, in the rows' order (at most ${MAX_PIVOT_VALUES}; "" for empty)`,
    }),
    rows: z.array(
      z.object({
        key: z.record(z.string(), Cell).openapi({ description: 'The other dimensions' }),
        cells: z
          .record(z.string(), z.record(z.string(), Cell))
          .openapi({ description: 'value → measure → cell (absent: no such group)' }),
      }),
    ),
    truncated: z.boolean().openapi({ description: `More than ${MAX_PIVOT_VALUES} values: the others left out` }),
  })
  .openapi('AnalyticsPivot');
export type PivotResultT = z.output<typeof PivotResult>;

export const QueryResult = z
  .object({
    dataset: z.string(),
    columns: z.array(ResultColumn),
    rows: z.array(z.record(z.string(), Cell)).openapi({ description: 'Numbers and amounts as decimal strings' }),
    totals: z
      .array(z.record(z.string(), Cell))
      .openapi({ description: 'The measures over every matching row (one row per currency for money measures)' }),
    truncated: z.boolean().openapi({ description: 'More rows matched than the limit' }),
    asOf: z.string().openapi({ description: 'When the rows were read' }),
    cached: z
      .boolean()
      .optional()
      .openapi({ description: 'Answered from the brief result cache (asOf says when it was read)' }),
    pivot: PivotResult.optional().openapi({ description: 'When the query asked for a pivot' }),
  })
  .openapi('AnalyticsQueryResult');
export type QueryResultT = z.output<typeof QueryResult>;

export const DatasetInfo = z
  .object({
    key: z.string(),
    label: z.string(),
    description: z.string(),
    permission: z.string(),
    defaultTimeField: z.string().nullable(),
    fields: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        type: z.enum(['string', 'date', 'number', 'boolean', 'money']),
        currency: z.string().nullable(),
        description: z.string().nullable(),
      }),
    ),
    measures: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        aggregation: z.enum(['sum', 'avg', 'min', 'max', 'count', 'countDistinct']),
        field: z.string().nullable(),
        type: z.enum(['string', 'date', 'number', 'boolean', 'money']),
        description: z.string().nullable(),
      }),
    ),
  })
  .openapi('AnalyticsDataset');
export const DatasetList = z.object({ items: z.array(DatasetInfo) }).openapi('AnalyticsDatasetList');
