// The Automation module's tables (schema `automation`), merged into Database.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date | string>;
/** jsonb: written as a JSON string, read as the parsed value. */
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type TriggerKind = 'event' | 'schedule' | 'manual';
export type ExecutionStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
export type StepStatus = 'succeeded' | 'failed' | 'waiting' | 'copied';
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'expired';

/** What an execution carries from step to step (the expressions' `vars` and `steps`). */
export interface ExecutionState {
  vars: Record<string, unknown>;
  steps: Record<string, unknown>;
  /** The loop being run (loops do not nest): its items, the current index and each finished iteration's outputs. */
  loop?: LoopFrame | undefined;
  /** The last failure sent to a step's `onError` branch (the expressions' `error`). */
  error?: HandledError | undefined;
}

/** A step's failure as its error branch sees it (`error` and `steps.<id>.error` in expressions). */
export interface HandledError {
  message: string;
  /** e.g. `permission-denied`, `invalid-input`, `expression-error`, `timeout`, an AppError's code. */
  code: string;
  stepId: string;
}

export interface LoopFrame {
  stepId: string;
  items: unknown[];
  index: number;
  results: unknown[];
}

export interface FlowsTable {
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  run_as_user_id: string;
  enabled: Generated<boolean>;
  /** The draft's definition (validated on save; not necessarily publishable yet). */
  draft: Json<unknown>;
  published_version: number | null;
  trigger_kind: string | null;
  trigger_event: string | null;
  /** From the published version: the record type a manual flow is run from (null: none). */
  trigger_record: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  /** From the published version: runs beyond it wait as `queued` (null: no limit). */
  max_concurrent_runs: ColumnType<number | null, number | null | undefined, number | null>;
  /** From the published version: days its runs are kept (null: the default, 90). */
  retention_days: ColumnType<number | null, number | null | undefined, number | null>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface FlowVersionsTable {
  flow_id: string;
  version: number;
  definition: Json<unknown>;
  published_by: string | null;
  published_at: CreatedAt;
}

export interface ExecutionsTable {
  id: Generated<string>;
  flow_id: string;
  version: number;
  status: ExecutionStatus;
  trigger: Json<Record<string, unknown>>;
  state: ColumnType<ExecutionState, string | undefined, string>;
  /** The step to run next (null: the run is over). */
  next_step: string | null;
  /** The sequence number the next step's record gets. */
  next_seq: Generated<number>;
  /** Failed tries of `next_step` so far (0 after each success). */
  step_attempts: Generated<number>;
  resume_at: Date | null;
  run_as_user_id: string;
  trigger_key: string | null;
  retry_of: string | null;
  started_by: string | null;
  error: string | null;
  /** A sub-flow's run: the run (and its step) that waits for it. */
  parent_execution_id: ColumnType<string | null, string | null | undefined, string | null>;
  parent_step_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Sub-flow nesting (0 for a top-level run). */
  depth: Generated<number>;
  /** The event type a waiting run waits for (null: none). */
  wait_event: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  finished_at: Date | null;
}

export interface ExecutionStepsTable {
  execution_id: string;
  seq: number;
  step_id: string;
  kind: string;
  status: StepStatus;
  input: NullableJson<unknown>;
  output: NullableJson<unknown>;
  error: string | null;
  attempts: Generated<number>;
  started_at: ColumnType<Date, Date | undefined, Date>;
  finished_at: Date | null;
}

export interface ApprovalsTable {
  id: Generated<string>;
  execution_id: string;
  step_id: string;
  title: string;
  description: Generated<string>;
  assignee_user_id: string | null;
  assignee_role: string | null;
  form: Json<unknown[]>;
  status: Generated<ApprovalStatus>;
  decided_by: string | null;
  decided_at: Date | null;
  values: NullableJson<Record<string, unknown>>;
  comment: string | null;
  /** When the step asked (Automation's clock): its reminder, escalation and deadline count from it. */
  requested_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The next reminder, escalation or deadline (null: none left). */
  due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  reminded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  escalated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: CreatedAt;
}

export interface ActionKeysTable {
  key: string;
  action: string;
  execution_id: string | null;
  result: NullableJson<unknown>;
  created_at: CreatedAt;
}

export interface AutomationTables {
  'automation.flows': FlowsTable;
  'automation.flow_versions': FlowVersionsTable;
  'automation.executions': ExecutionsTable;
  'automation.execution_steps': ExecutionStepsTable;
  'automation.approvals': ApprovalsTable;
  'automation.action_keys': ActionKeysTable;
}

declare module '../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends AutomationTables {}
}
