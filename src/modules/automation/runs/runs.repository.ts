import { sql, type Selectable } from 'kysely';
import type { Db, Tx } from '../../../platform/db/database.js';
import { paginate, type PageRequest } from '../../../platform/http/pagination.js';
import type {
  ApprovalsTable,
  ExecutionState,
  ExecutionStatus,
  ExecutionStepsTable,
  ExecutionsTable,
  StepStatus,
} from '../automation.tables.js';

export type ExecutionRow = Selectable<ExecutionsTable>;
export type StepRow = Selectable<ExecutionStepsTable>;
export type ApprovalRow = Selectable<ApprovalsTable>;

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Field names taken for secrets (lower case, without `_` and `-`): their values are stored as "[redacted]". */
const SECRET_NAMES = [
  'password',
  'passwd',
  'secret',
  'token',
  'authorization',
  'apikey',
  'privatekey',
  'credential',
  'cookie',
];
export const REDACTED = '[redacted]';

/** A copy of `value` with the values of fields named like secrets (`password`, `apiKey`, `x-auth-token`…) redacted. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 50 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const name = key.toLowerCase().replace(/[-_\s]/g, '');
    out[key] = SECRET_NAMES.some((s) => name.includes(s)) ? REDACTED : redact(v, depth + 1);
  }
  return out;
}
const redactedJson = (value: unknown) => json(value === undefined ? undefined : redact(value));

/** Inserts an execution; null when one already exists for the flow's `trigger_key` (a repeated trigger). */
export async function insertExecution(
  trx: Tx,
  values: {
    flow_id: string;
    version: number;
    trigger: Record<string, unknown>;
    state?: ExecutionState;
    next_step: string;
    next_seq?: number;
    run_as_user_id: string;
    trigger_key: string | null;
    retry_of: string | null;
    started_by: string | null;
    status?: 'running' | 'queued';
    parent_execution_id?: string | null;
    parent_step_id?: string | null;
    depth?: number;
  },
): Promise<string | null> {
  const row = await trx
    .insertInto('automation.executions')
    .values({
      status: 'running',
      ...values,
      trigger: JSON.stringify(values.trigger),
      state: JSON.stringify(values.state ?? { vars: {}, steps: {} }),
    })
    .onConflict((oc) => oc.columns(['flow_id', 'trigger_key']).where('trigger_key', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export function findExecution(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('automation.executions').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateExecution(
  trx: Tx,
  id: string,
  patch: Partial<{
    status: ExecutionStatus;
    state: ExecutionState;
    next_step: string | null;
    next_seq: number;
    step_attempts: number;
    resume_at: Date | null;
    wait_event: string | null;
    error: string | null;
    finished: boolean;
  }>,
): Promise<void> {
  const { state, finished, ...rest } = patch;
  await trx
    .updateTable('automation.executions')
    .set({
      ...rest,
      ...(state !== undefined ? { state: JSON.stringify(state) } : {}),
      ...(finished ? { finished_at: sql<Date>`now()` } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/** A page of runs, newest first; `visibleTo`: only runs that user runs as or started. */
export function listExecutions(
  db: Db,
  filter: PageRequest & {
    flowId?: string | undefined;
    status?: ExecutionStatus | undefined;
    visibleTo: string | null;
  },
) {
  let q = db.selectFrom('automation.executions').selectAll();
  if (filter.flowId) q = q.where('flow_id', '=', filter.flowId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const user = filter.visibleTo;
  if (user) q = q.where((eb) => eb.or([eb('run_as_user_id', '=', user), eb('started_by', '=', user)]));
  return paginate(q, filter, { sort: { createdAt: 'created_at' }, id: 'id', idKey: 'id' });
}

export async function insertStep(
  trx: Tx,
  values: {
    execution_id: string;
    seq: number;
    step_id: string;
    kind: string;
    status: StepStatus;
    input?: unknown;
    output?: unknown;
    error?: string | null;
    attempts?: number;
    started_at?: Date;
    finished?: boolean;
  },
): Promise<void> {
  const { input, output, finished, ...rest } = values;
  await trx
    .insertInto('automation.execution_steps')
    .values({
      ...rest,
      input: redactedJson(input),
      output: redactedJson(output),
      finished_at: finished ? sql<Date>`now()` : null,
    })
    .execute();
}

export async function finishWaitingStep(
  trx: Tx,
  executionId: string,
  stepId: string,
  output: unknown,
  failed: { error: string } | null = null,
): Promise<void> {
  await trx
    .updateTable('automation.execution_steps')
    .set({
      status: failed ? 'failed' : 'succeeded',
      output: redactedJson(output),
      error: failed?.error ?? null,
      finished_at: sql<Date>`now()`,
    })
    .where('execution_id', '=', executionId)
    .where('step_id', '=', stepId)
    .where('status', '=', 'waiting')
    .execute();
}

export function listSteps(db: Db, executionId: string) {
  return db
    .selectFrom('automation.execution_steps')
    .selectAll()
    .where('execution_id', '=', executionId)
    .orderBy('seq')
    .execute();
}

/**
 * Takes up to `limit` waiting executions whose `resume_at` has come, locked (`SKIP LOCKED`: scans in
 * several processes share them). Reads the partial index `executions_resume_at` from its start, so
 * its cost depends on the due rows, not on how many wait.
 */
export function takeDueExecutions(trx: Tx, at: Date, limit: number) {
  return trx
    .selectFrom('automation.executions')
    .select(['id', 'wait_event', 'next_step'])
    .where('status', '=', 'waiting')
    .where('resume_at', 'is not', null)
    .where('resume_at', '<=', at)
    .orderBy('resume_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

// ---- action idempotency keys -----------------------------------------------------------------------

/** Claims `key` for an action in the caller's transaction; false when it already ran (its result is kept). */
export async function claimActionKey(trx: Tx, key: string, action: string, executionId: string): Promise<boolean> {
  const row = await trx
    .insertInto('automation.action_keys')
    .values({ key, action, execution_id: executionId })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

export async function actionResult(trx: Tx, key: string): Promise<unknown> {
  const row = await trx.selectFrom('automation.action_keys').select('result').where('key', '=', key).executeTakeFirst();
  return row?.result ?? null;
}

export async function saveActionResult(trx: Tx, key: string, result: unknown): Promise<void> {
  await trx
    .updateTable('automation.action_keys')
    .set({ result: json(result) })
    .where('key', '=', key)
    .execute();
}

// ---- approvals -------------------------------------------------------------------------------------

export function insertApproval(
  trx: Tx,
  values: {
    execution_id: string;
    step_id: string;
    title: string;
    description: string;
    assignee_user_id: string | null;
    assignee_role: string | null;
    form: unknown[];
    requested_at?: Date | null;
    due_at?: Date | null;
  },
) {
  return trx
    .insertInto('automation.approvals')
    .values({ ...values, form: JSON.stringify(values.form) })
    .onConflict((oc) => oc.columns(['execution_id', 'step_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findApproval(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('automation.approvals').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function decideApproval(
  trx: Tx,
  id: string,
  values: {
    status: 'approved' | 'rejected';
    decided_by: string;
    values: Record<string, unknown>;
    comment: string | null;
  },
) {
  return trx
    .updateTable('automation.approvals')
    .set({ ...values, values: JSON.stringify(values.values), decided_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Cancels the execution's pending approvals (its run was cancelled). */
export async function cancelPendingApprovals(trx: Tx, executionId: string): Promise<void> {
  await trx
    .updateTable('automation.approvals')
    .set({ status: 'cancelled' })
    .where('execution_id', '=', executionId)
    .where('status', '=', 'pending')
    .execute();
}

/** Pending approvals assigned to the user, or to one of their roles (oldest first). */
export function pendingApprovalsFor(db: Db, userId: string, roles: readonly string[], limit: number) {
  return db
    .selectFrom('automation.approvals')
    .selectAll()
    .where('status', '=', 'pending')
    .where((eb) =>
      roles.length > 0
        ? eb.or([eb('assignee_user_id', '=', userId), eb('assignee_role', 'in', [...roles])])
        : eb('assignee_user_id', '=', userId),
    )
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

// ---- waits for an event, sub-flows, concurrency ---------------------------------------------------

/** The runs waiting for an event type, locked (partial index `executions_wait_event`; a run locked elsewhere is skipped). */
export function waitingForEvent(trx: Tx, eventType: string) {
  return trx
    .selectFrom('automation.executions')
    .selectAll()
    .where('status', '=', 'waiting')
    .where('wait_event', '=', eventType)
    .forUpdate()
    .skipLocked()
    .execute();
}

export function childOf(trx: Tx, parentId: string, stepId: string) {
  return trx
    .selectFrom('automation.executions')
    .select(['id', 'status'])
    .where('parent_execution_id', '=', parentId)
    .where('parent_step_id', '=', stepId)
    .executeTakeFirst();
}

/** A run's active sub-flow runs, locked (one locked elsewhere, e.g. finishing, is skipped). */
export function activeChildren(trx: Tx, parentId: string) {
  return trx
    .selectFrom('automation.executions')
    .select('id')
    .where('parent_execution_id', '=', parentId)
    .where('status', 'in', ['queued', 'running', 'waiting'])
    .forUpdate()
    .skipLocked()
    .execute();
}

/** The flow's concurrency limit, its row locked (starts and ends of its runs queue on it). */
export async function lockFlowLimit(trx: Tx, flowId: string): Promise<number | null> {
  const row = await trx
    .selectFrom('automation.flows')
    .select('max_concurrent_runs')
    .where('id', '=', flowId)
    .forUpdate()
    .executeTakeFirst();
  return row?.max_concurrent_runs ?? null;
}

export async function flowLimit(trx: Tx, flowId: string): Promise<number | null> {
  const row = await trx
    .selectFrom('automation.flows')
    .select('max_concurrent_runs')
    .where('id', '=', flowId)
    .executeTakeFirst();
  return row?.max_concurrent_runs ?? null;
}

/** Runs of the flow running or waiting (partial index `executions_active`). */
export async function countActive(trx: Tx, flowId: string): Promise<number> {
  const row = await trx
    .selectFrom('automation.executions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('flow_id', '=', flowId)
    .where('status', 'in', ['running', 'waiting'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function hasQueued(trx: Tx, flowId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('automation.executions')
    .select('id')
    .where('flow_id', '=', flowId)
    .where('status', '=', 'queued')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The flow's oldest queued runs (partial index `executions_queued`). */
export function oldestQueued(trx: Tx, flowId: string, limit: number) {
  return trx
    .selectFrom('automation.executions')
    .select('id')
    .where('flow_id', '=', flowId)
    .where('status', '=', 'queued')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .execute();
}

// ---- approvals: reminders, escalation, deadlines ---------------------------------------------------

/** Pending approvals whose reminder, escalation or deadline has come (partial index `approvals_due`). */
export function takeDueApprovals(trx: Tx, at: Date, limit: number) {
  return trx
    .selectFrom('automation.approvals')
    .selectAll()
    .where('status', '=', 'pending')
    .where('due_at', 'is not', null)
    .where('due_at', '<=', at)
    .orderBy('due_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function updateApproval(
  trx: Tx,
  id: string,
  patch: Partial<{
    status: 'expired';
    due_at: Date | null;
    reminded_at: Date;
    escalated_at: Date;
    assignee_user_id: string | null;
    assignee_role: string | null;
  }>,
): Promise<void> {
  await trx.updateTable('automation.approvals').set(patch).where('id', '=', id).execute();
}

/** The earliest moment something waits for: a wait's `resume_at` or an approval's `due_at`. */
export async function earliestDue(db: Db): Promise<Date | null> {
  const wait = await db
    .selectFrom('automation.executions')
    .select('resume_at')
    .where('status', '=', 'waiting')
    .where('resume_at', 'is not', null)
    .orderBy('resume_at')
    .limit(1)
    .executeTakeFirst();
  const approval = await db
    .selectFrom('automation.approvals')
    .select('due_at')
    .where('status', '=', 'pending')
    .where('due_at', 'is not', null)
    .orderBy('due_at')
    .limit(1)
    .executeTakeFirst();
  const times = [wait?.resume_at, approval?.due_at].filter(
    (d): d is Date => d instanceof Date || typeof d === 'string',
  );
  if (times.length === 0) return null;
  return new Date(Math.min(...times.map((d) => new Date(d).getTime())));
}
