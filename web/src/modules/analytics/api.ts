import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../api';

export { VISUALIZATIONS } from './model';

// The analytics routes are served by the containerizedApi; `npm run api:types` merges its OpenAPI
// document into web/src/api/schema.d.ts, so these are the generated types (a few narrowed where the
// document is looser than what the server stores: a saved query, a dashboard's filters). Every call
// goes through the typed client, so a changed route breaks the type check, not the screen.

export type Dataset = Schema<'AnalyticsDataset'>;
export type FieldType = Dataset['fields'][number]['type'];
export const GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];
export type Visualization = Schema<'AnalyticsQuestion'>['visualization'];

export type Filter = Schema<'AnalyticsFilter'>;
export type Scalar = Extract<Filter, { op: 'eq' }>['value'];
export type Dimension = Schema<'AnalyticsDimension'>;
export type AnalyticsQuery = Schema<'AnalyticsQuery'>;

export type ResultColumn = Schema<'AnalyticsResultColumn'>;
export type QueryResult = Schema<'AnalyticsQueryResult'>;
export type Cell = QueryResult['rows'][number][string];

export type Share = Schema<'AnalyticsShare'>;
/** A saved question (its `query` is the AnalyticsQuery it was saved with; the document says only "an object"). */
export type Question = Omit<Schema<'AnalyticsQuestion'>, 'query'> & { query: AnalyticsQuery };
export type CardInput = Schema<'AnalyticsCardInput'>;
export type Card = Schema<'AnalyticsDashboard'>['cards'][number];
export type Dashboard = Omit<Schema<'AnalyticsDashboard'>, 'filters'> & { filters: Filter[] };
export type DashboardSummary = Schema<'AnalyticsDashboardPage'>['items'][number];
type ResultCard = Schema<'AnalyticsDashboardResults'>['cards'][number];
export interface DashboardResults {
  dashboardId: string;
  cards: (Omit<ResultCard, 'result'> & { result: QueryResult | null })[];
}

export const asQuestion = (q: Schema<'AnalyticsQuestion'>): Question => q as unknown as Question;
export const asDashboard = (d: Schema<'AnalyticsDashboard'>): Dashboard => d as unknown as Dashboard;
/** (The document's nullable `result` comes out of openapi-typescript as `QueryResult & (Record<string, never> | null)`.) */
export const asResults = (r: Pick<Schema<'AnalyticsDashboardResults'>, 'dashboardId'>): DashboardResults =>
  r as unknown as DashboardResults;

/** Query keys of the Analytics screens. */
export const aKeys = {
  all: ['analytics'] as const,
  datasets: ['analytics', 'datasets'] as const,
  questions: ['analytics', 'questions'] as const,
  question: (id: string) => ['analytics', 'question', id] as const,
  dashboards: ['analytics', 'dashboards'] as const,
  dashboard: (id: string) => ['analytics', 'dashboard', id] as const,
  dashboardResults: (id: string, filters: string) => ['analytics', 'dashboard-results', id, filters] as const,
};

export function useDatasets() {
  return useQuery({
    queryKey: aKeys.datasets,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/analytics/datasets', { signal })),
    staleTime: 5 * 60_000,
  });
}

export function useQuestions() {
  return useQuery({
    queryKey: aKeys.questions,
    queryFn: async ({ signal }) => {
      const page = await unwrap(api.GET('/api/v1/analytics/questions', { params: { query: { limit: 100 } }, signal }));
      return { ...page, items: page.items.map(asQuestion) };
    },
  });
}

export function useQuestion(id: string | undefined) {
  return useQuery({
    queryKey: aKeys.question(id ?? ''),
    queryFn: async ({ signal }) =>
      asQuestion(await unwrap(api.GET('/api/v1/analytics/questions/{id}', { params: { path: { id: id! } }, signal }))),
    enabled: Boolean(id),
  });
}

export function useDashboards() {
  return useQuery({
    queryKey: aKeys.dashboards,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/analytics/dashboards', { params: { query: { limit: 100 } }, signal })),
  });
}

export function useDashboard(id: string) {
  return useQuery({
    queryKey: aKeys.dashboard(id),
    queryFn: async ({ signal }) =>
      asDashboard(await unwrap(api.GET('/api/v1/analytics/dashboards/{id}', { params: { path: { id } }, signal }))),
  });
}

export const VISUALIZATION_LABELS: Record<Visualization, string> = {
  table: 'Table',
  pivot: 'Pivot table',
  bar: 'Bar chart',
  line: 'Line chart',
  area: 'Area chart',
  pie: 'Pie chart',
  funnel: 'Funnel',
  number: 'Number',
};
