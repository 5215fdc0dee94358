import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { isoDateTime, shortText, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { AnalyticsQuery, Filter, QueryResult } from '../query/query.schemas.js';

export const VISUALIZATIONS = ['table', 'pivot', 'bar', 'line', 'area', 'pie', 'number', 'funnel'] as const;

export const Share = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('user'), userId: uuid }),
    z.strictObject({
      type: z.literal('role'),
      role: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'A role name.'),
    }),
  ])
  .openapi('AnalyticsShare');
export type ShareT = z.output<typeof Share>;
const shares = z.array(Share).max(100);

const description = z.string().trim().max(2000);

export const CreateQuestionBody = z
  .strictObject({
    name: shortText(),
    description: description.default(''),
    visualization: z.enum(VISUALIZATIONS),
    query: AnalyticsQuery,
    shares: shares.default([]),
  })
  .openapi('CreateAnalyticsQuestion');
export const UpdateQuestionBody = z
  .strictObject({
    version: versionField,
    name: shortText().optional(),
    description: description.optional(),
    visualization: z.enum(VISUALIZATIONS).optional(),
    query: AnalyticsQuery.optional(),
    shares: shares.optional(),
  })
  .openapi('UpdateAnalyticsQuestion');

const owned = {
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  ownerId: z.uuid(),
  shares: z.array(Share),
  canEdit: z.boolean().openapi({ description: 'You own it or hold analytics:admin' }),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
};
export const Question = z
  .object({ ...owned, visualization: z.enum(VISUALIZATIONS), query: z.record(z.string(), z.unknown()) })
  .openapi('AnalyticsQuestion');
export const QuestionPage = pageSchema(Question).openapi('AnalyticsQuestionPage');
export const QuestionListQuery = listQuery(['name', 'updatedAt'], '-updatedAt');

export const Card = z
  .strictObject({
    questionId: uuid,
    title: z.string().trim().max(200).nullable().default(null),
    x: z.int().min(0).max(23),
    y: z.int().min(0).max(10_000),
    w: z.int().min(1).max(24),
    h: z.int().min(1).max(48),
  })
  .openapi('AnalyticsCardInput');
const cards = z.array(Card).max(50);
const dashboardFilters = z.array(Filter).max(20).openapi({
  description: 'Applied to every card whose dataset has the field (and skipped on the others)',
});

export const CreateDashboardBody = z
  .strictObject({
    name: shortText(),
    description: description.default(''),
    filters: dashboardFilters.default([]),
    cards: cards.default([]),
    shares: shares.default([]),
  })
  .openapi('CreateAnalyticsDashboard');
export const UpdateDashboardBody = z
  .strictObject({
    version: versionField,
    name: shortText().optional(),
    description: description.optional(),
    filters: dashboardFilters.optional(),
    cards: cards.optional(),
    shares: shares.optional(),
  })
  .openapi('UpdateAnalyticsDashboard');

export const Dashboard = z
  .object({
    ...owned,
    filters: z.array(z.record(z.string(), z.unknown())),
    cards: z.array(
      z.object({
        id: z.uuid(),
        questionId: z.uuid(),
        title: z.string().nullable(),
        x: z.number().int(),
        y: z.number().int(),
        w: z.number().int(),
        h: z.number().int(),
      }),
    ),
  })
  .openapi('AnalyticsDashboard');
export const DashboardPage = pageSchema(Dashboard.omit({ cards: true, filters: true })).openapi(
  'AnalyticsDashboardPage',
);
export const DashboardListQuery = listQuery(['name', 'updatedAt'], '-updatedAt');

export const RunBody = z
  .strictObject({ filters: z.array(Filter).max(20).default([]) })
  .openapi('AnalyticsRunRequest', { description: 'Extra filters, applied like the dashboard’s own' });

export const DashboardResults = z
  .object({
    dashboardId: z.uuid(),
    cards: z.array(
      z.object({
        cardId: z.uuid(),
        questionId: z.uuid(),
        title: z.string(),
        visualization: z.enum(VISUALIZATIONS),
        result: QueryResult.nullable(),
        problem: z
          .object({ status: z.number().int(), title: z.string(), detail: z.string() })
          .nullable()
          .openapi({ description: 'Why this card has no result (e.g. you lost access to its dataset)' }),
      }),
    ),
  })
  .openapi('AnalyticsDashboardResults');
