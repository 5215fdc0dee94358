// The Projects module's tables (schema `projects`), merged into Database.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date | string>;
type Version = Generated<number>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type DateColumn = ColumnType<string, string, string>;
type Numeric = ColumnType<string, string, string>;

export type ProjectStatus = 'proposed' | 'active' | 'on_hold' | 'completed' | 'cancelled';
export type BillingMethod = 'non_billable' | 'time_and_materials' | 'fixed_price';
export type MemberRole = 'manager' | 'member' | 'viewer';
export type StatusCategory = 'todo' | 'in_progress' | 'done';
export type TaskType = 'task' | 'milestone' | 'phase';
export type Priority = 'low' | 'medium' | 'high' | 'urgent';
export type DependencyKind = 'finish_to_start' | 'start_to_start';
export type TimesheetStatus = 'open' | 'submitted' | 'approved' | 'rejected';

export interface ChecklistItemsTable {
  id: Generated<string>;
  task_id: string;
  text: string;
  done: Generated<boolean>;
  position: number;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ProjectsTable {
  id: Generated<string>;
  code: string;
  name: string;
  description: Generated<string>;
  client_party_id: string | null;
  manager_id: string;
  status: Generated<ProjectStatus>;
  start_date: DateColumn | null;
  end_date: DateColumn | null;
  budget_hours: Numeric | null;
  budget_amount: Numeric | null;
  currency: string;
  billing_method: Generated<BillingMethod>;
  fixed_price: Numeric | null;
  default_billing_rate: Numeric | null;
  tags: TextArray;
  next_task_number: Generated<number>;
  archived_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MembersTable {
  project_id: string;
  user_id: string;
  role: Generated<MemberRole>;
  cost_rate: Numeric | null;
  billing_rate: Numeric | null;
}

export interface StatusesTable {
  id: Generated<string>;
  project_id: string;
  name: string;
  category: StatusCategory;
  position: number;
}

export interface TasksTable {
  id: Generated<string>;
  project_id: string;
  number: number;
  parent_id: string | null;
  type: Generated<TaskType>;
  title: string;
  description: Generated<string>;
  status_id: string;
  priority: Generated<Priority>;
  start_date: DateColumn | null;
  due_date: DateColumn | null;
  estimate_hours: Numeric | null;
  labels: TextArray;
  rank: Numeric;
  completed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TaskAssigneesTable {
  task_id: string;
  user_id: string;
}

export interface DependenciesTable {
  id: Generated<string>;
  predecessor_id: string;
  successor_id: string;
  kind: Generated<DependencyKind>;
  lag_days: Generated<number>;
  created_at: CreatedAt;
}

export interface CommentsTable {
  id: Generated<string>;
  task_id: string;
  author_id: string;
  body: string;
  mentions: TextArray;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TimesheetsTable {
  id: Generated<string>;
  project_id: string;
  user_id: string;
  week_start: DateColumn;
  status: Generated<TimesheetStatus>;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  decision_comment: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InvoicesTable {
  id: Generated<string>;
  project_id: string;
  period_from: DateColumn;
  period_to: DateColumn;
  document_id: string;
  hours: Numeric;
  amount: Numeric;
  currency: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface TimeEntriesTable {
  id: Generated<string>;
  project_id: string;
  task_id: string | null;
  user_id: string;
  entry_date: DateColumn;
  hours: Numeric;
  note: Generated<string>;
  billable: Generated<boolean>;
  cost_rate: Numeric | null;
  billing_rate: Numeric | null;
  currency: string;
  invoice_id: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TimeTotalsTable {
  project_id: string;
  hours: Numeric;
  cost: Numeric;
  billable_value: Numeric;
}

export interface ProjectsTables {
  'projects.time_totals': TimeTotalsTable;
  'projects.projects': ProjectsTable;
  'projects.members': MembersTable;
  'projects.statuses': StatusesTable;
  'projects.tasks': TasksTable;
  'projects.task_assignees': TaskAssigneesTable;
  'projects.checklist_items': ChecklistItemsTable;
  'projects.dependencies': DependenciesTable;
  'projects.comments': CommentsTable;
  'projects.timesheets': TimesheetsTable;
  'projects.invoices': InvoicesTable;
  'projects.time_entries': TimeEntriesTable;
}

declare module '../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends ProjectsTables {}
}
