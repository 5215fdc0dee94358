// The Strategy module's tables (schema `strategy`), merged into Database.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date | string>;
type Version = Generated<number>;
type DateColumn = ColumnType<string, string, string>;
/** numeric: a decimal string, never a float. */
type Numeric = ColumnType<string, string, string>;
type Params = JSONColumnType<Record<string, unknown>, string, string>;

export type CycleKind = 'quarter' | 'year' | 'custom';
export type CycleStatus = 'open' | 'closed';
export type ObjectiveLevel = 'company' | 'department' | 'team' | 'person';
export type Perspective = 'financial' | 'customer' | 'internal-process' | 'learning-growth';
export type ObjectiveStatus = 'active' | 'done' | 'cancelled';
export type Confidence = 'on-track' | 'at-risk' | 'off-track';
export type KeyResultKind = 'numeric' | 'percentage' | 'boolean' | 'metric' | 'milestone';
export type SnapshotSource = 'on-demand' | 'schedule' | 'close';

export interface CyclesTable {
  id: Generated<string>;
  name: string;
  kind: CycleKind;
  start_date: DateColumn;
  end_date: DateColumn;
  status: Generated<CycleStatus>;
  closed_at: Date | null;
  closed_by: string | null;
  /** Check-ins are due every this many days (reminders); null: no reminders. */
  check_in_days: ColumnType<number | null, number | null | undefined, number | null>;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ObjectivesTable {
  id: Generated<string>;
  cycle_id: string;
  parent_id: string | null;
  title: string;
  description: Generated<string>;
  level: ObjectiveLevel;
  owner_id: string;
  department: string | null;
  perspective: Perspective | null;
  status: Generated<ObjectiveStatus>;
  health: Confidence | null;
  weight: ColumnType<string, string | undefined, string>;
  copied_from_id: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface KeyResultsTable {
  id: Generated<string>;
  objective_id: string;
  title: string;
  kind: KeyResultKind;
  start_value: Numeric;
  target_value: Numeric;
  current_value: Numeric | null;
  metric_key: string | null;
  metric_params: Params;
  /** A Projects milestone (a task id): reached = done. */
  milestone_id: string | null;
  weight: ColumnType<string, string | undefined, string>;
  completed_at: Date | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SnapshotsTable {
  id: Generated<string>;
  key_result_id: string;
  value: Numeric | null;
  currency: string | null;
  progress: Numeric;
  period_from: DateColumn;
  period_to: DateColumn;
  source: SnapshotSource;
  created_by: string | null;
  as_of: ColumnType<Date, Date | undefined, never>;
}

export interface CheckInsTable {
  id: Generated<string>;
  key_result_id: string;
  author_id: string;
  confidence: Confidence;
  comment: string;
  value: Numeric | null;
  created_at: CreatedAt;
}

export interface KpisTable {
  id: Generated<string>;
  cycle_id: string;
  name: string;
  metric_key: string;
  metric_params: Params;
  perspective: Perspective | null;
  owner_id: string;
  target: Numeric;
  green: Numeric;
  amber: Numeric;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ScoresTable {
  id: Generated<string>;
  cycle_id: string;
  objective_id: string;
  key_result_id: string | null;
  progress: Numeric;
  value: Numeric | null;
  snapshot_id: string | null;
  created_at: CreatedAt;
}

/** A cause-and-effect link of the strategy map: `from` drives `to` (both objectives of `cycle_id`). */
export interface ObjectiveLinksTable {
  id: Generated<string>;
  cycle_id: string;
  from_id: string;
  to_id: string;
  created_by: string | null;
  created_at: CreatedAt;
}

/** A check-in reminder sent: one per key result and due week (the Monday of the week). */
export interface CheckInRemindersTable {
  id: Generated<string>;
  key_result_id: string;
  owner_id: string;
  due_week: DateColumn;
  sent_at: ColumnType<Date, Date | undefined, never>;
}

export interface StrategyTables {
  'strategy.cycles': CyclesTable;
  'strategy.objectives': ObjectivesTable;
  'strategy.key_results': KeyResultsTable;
  'strategy.snapshots': SnapshotsTable;
  'strategy.check_ins': CheckInsTable;
  'strategy.kpis': KpisTable;
  'strategy.scores': ScoresTable;
  'strategy.objective_links': ObjectiveLinksTable;
  'strategy.check_in_reminders': CheckInRemindersTable;
}

declare module '../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends StrategyTables {}
}
