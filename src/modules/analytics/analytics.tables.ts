// The Analytics module's tables (schema `analytics`), merged into Database.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date | string>;
type Version = Generated<number>;

export type Visualization = 'table' | 'pivot' | 'bar' | 'line' | 'area' | 'pie' | 'number' | 'funnel';
export type ShareObject = 'question' | 'dashboard';
export type GranteeType = 'user' | 'role';

export interface QuestionsTable {
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  /** The AnalyticsQuery, as validated when saved (checked again against the dataset when run). */
  query: JSONColumnType<Record<string, unknown>, string, string>;
  visualization: Visualization;
  owner_id: string;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DashboardsTable {
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  /** AnalyticsFilter[]: applied to every card whose dataset has the field. */
  filters: JSONColumnType<Record<string, unknown>[], string, string>;
  owner_id: string;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DashboardCardsTable {
  id: Generated<string>;
  dashboard_id: string;
  question_id: string;
  position: number;
  title: string | null;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SharesTable {
  object_type: ShareObject;
  object_id: string;
  grantee_type: GranteeType;
  grantee: string;
}

export interface AnalyticsTables {
  'analytics.questions': QuestionsTable;
  'analytics.dashboards': DashboardsTable;
  'analytics.dashboard_cards': DashboardCardsTable;
  'analytics.shares': SharesTable;
}

declare module '../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends AnalyticsTables {}
}
