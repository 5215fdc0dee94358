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

export type SubscriptionKind = 'report' | 'alert';
export type Frequency = 'hourly' | 'daily' | 'weekly' | 'monthly';

export interface SubscriptionsTable {
  id: Generated<string>;
  kind: SubscriptionKind;
  name: string;
  owner_id: string;
  target_type: ShareObject;
  target_id: string;
  /** Reports: the file mailed. */
  format: 'pdf' | 'xlsx' | null;
  /** AnalyticsFilter[]: extra filters for every card or the question. */
  filters: JSONColumnType<Record<string, unknown>[], string, string>;
  frequency: Frequency;
  hour: number;
  /** Weekly: 1 (Monday) … 7 (Sunday). */
  weekday: number | null;
  /** Monthly: 1 … 28. */
  day_of_month: number | null;
  time_zone: string;
  /** Alerts: the measure of the question watched, the condition and the threshold (a decimal). */
  measure: string | null;
  condition: 'above' | 'below' | null;
  threshold: string | null;
  active: Generated<boolean>;
  next_run_at: Date | null;
  /** The schedule's period (local to its time zone) last sent: a second run in it sends nothing. */
  last_period: string | null;
  last_run_at: Date | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SubscriptionRecipientsTable {
  subscription_id: string;
  user_id: string;
  /** Alerts: whether this recipient's number was past the threshold at the last check (null: never checked). */
  past: boolean | null;
  last_value: string | null;
  last_sent_at: Date | null;
}

export interface AnalyticsTables {
  'analytics.questions': QuestionsTable;
  'analytics.dashboards': DashboardsTable;
  'analytics.dashboard_cards': DashboardCardsTable;
  'analytics.shares': SharesTable;
  'analytics.subscriptions': SubscriptionsTable;
  'analytics.subscription_recipients': SubscriptionRecipientsTable;
}

declare module '../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends AnalyticsTables {}
}
