import { useQuery } from '@tanstack/react-query';
import { authFetch, ProblemError } from '../../api';
import type { Visualization } from './model';

export { VISUALIZATIONS, type Visualization } from './model';

// Analytics is served by the containerizedApi function, whose routes are not in the standardApi's
// OpenAPI document (web/src/api/schema.d.ts): these types mirror
// src/modules/analytics/query/query.schemas.ts and library/library.schemas.ts.

export type FieldType = 'string' | 'date' | 'number' | 'boolean' | 'money';
export const GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];
export type ServerVisualization = Visualization | 'pivot' | 'area' | 'pie' | 'funnel';

export interface Dataset {
  key: string;
  label: string;
  description: string;
  permission: string;
  defaultTimeField: string | null;
  fields: { name: string; label: string; type: FieldType; currency: string | null; description: string | null }[];
  measures: {
    name: string;
    label: string;
    aggregation: 'sum' | 'avg' | 'min' | 'max' | 'count' | 'countDistinct';
    field: string | null;
    type: FieldType;
    description: string | null;
  }[];
}

export type Scalar = string | number | boolean;
export type Filter =
  | { field: string; op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte'; value: Scalar }
  | { field: string; op: 'in' | 'notIn'; values: Scalar[] }
  | { field: string; op: 'between'; from: Scalar; to: Scalar }
  | { field: string; op: 'isNull' | 'notNull' };
export type Dimension = string | { field: string; grain?: Grain };

export interface AnalyticsQuery {
  dataset: string;
  measures: string[];
  dimensions: Dimension[];
  filters: Filter[];
  sort: { field: string; direction: 'asc' | 'desc' }[];
  limit: number;
}

export type Cell = string | number | boolean | null;
export interface ResultColumn {
  name: string;
  label: string;
  kind: 'dimension' | 'measure';
  type: FieldType;
  grain: Grain | null;
  currencyField: string | null;
}
export interface QueryResult {
  dataset: string;
  columns: ResultColumn[];
  rows: Record<string, Cell>[];
  totals: Record<string, Cell>[];
  truncated: boolean;
  asOf: string;
}

export type Share = { type: 'user'; userId: string } | { type: 'role'; role: string };
interface Owned {
  id: string;
  name: string;
  description: string;
  ownerId: string;
  shares: Share[];
  canEdit: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}
export interface Question extends Owned {
  visualization: ServerVisualization;
  query: AnalyticsQuery;
}
export interface Card {
  id: string;
  questionId: string;
  title: string | null;
  x: number;
  y: number;
  w: number;
  h: number;
}
export type CardInput = Omit<Card, 'id'>;
export interface Dashboard extends Owned {
  filters: Filter[];
  cards: Card[];
}
export type DashboardSummary = Omit<Dashboard, 'cards' | 'filters'>;
export interface DashboardResults {
  dashboardId: string;
  cards: {
    cardId: string;
    questionId: string;
    title: string;
    visualization: ServerVisualization;
    result: QueryResult | null;
    problem: { status: number; title: string; detail: string } | null;
  }[];
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const BASE = '/api/v1/analytics';

/** Calls the analytics API with the user's token: the JSON answer, or a ProblemError. */
export async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await authFetch(`${BASE}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw ProblemError.from(undefined);
  }
  if (!res.ok) throw await ProblemError.fromResponse(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

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
    queryFn: ({ signal }) => call<{ items: Dataset[] }>('GET', '/datasets', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useQuestions() {
  return useQuery({
    queryKey: aKeys.questions,
    queryFn: ({ signal }) => call<Page<Question>>('GET', '/questions?limit=100', undefined, signal),
  });
}

export function useQuestion(id: string | undefined) {
  return useQuery({
    queryKey: aKeys.question(id ?? ''),
    queryFn: ({ signal }) => call<Question>('GET', `/questions/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useDashboards() {
  return useQuery({
    queryKey: aKeys.dashboards,
    queryFn: ({ signal }) => call<Page<DashboardSummary>>('GET', '/dashboards?limit=100', undefined, signal),
  });
}

export function useDashboard(id: string) {
  return useQuery({
    queryKey: aKeys.dashboard(id),
    queryFn: ({ signal }) => call<Dashboard>('GET', `/dashboards/${id}`, undefined, signal),
  });
}

export const VISUALIZATION_LABELS: Record<ServerVisualization, string> = {
  table: 'Table',
  bar: 'Bar chart',
  line: 'Line chart',
  number: 'Number',
  pivot: 'Pivot',
  area: 'Area chart',
  pie: 'Pie chart',
  funnel: 'Funnel',
};
