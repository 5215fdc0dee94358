import { ZodError } from 'zod';
import { hasPermission } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/app-error.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { fieldErrors } from '../../../platform/http/problem.js';
import type { JsonValue } from '../../../platform/jobs/job-registry.js';
import { notify } from '../../../platform/notifications/notify.js';
import { actorOf, activeUsersInRole } from '../../auth/index.js';
import { runExecution } from '../automation.module.js';
import type { ExecutionState } from '../automation.tables.js';
import { FlowDefinition, type FlowDefinitionValue, type StepDefinition } from '../flows/definition.js';
import * as flowsRepo from '../flows/flows.repository.js';
import * as repo from '../runs/runs.repository.js';
import { automationCatalog } from './catalog.js';
import { now } from './clock.js';
import { evaluate, ExpressionError } from './expressions.js';
import { wakeAt } from './wake.js';

/** A step that cannot succeed as defined (bad input, a missing permission): it fails the run at once, no retry. */
export class StepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepError';
  }
}

/** Tries of a step that fails for a passing reason (a database hiccup) before the run fails. */
export const STEP_MAX_ATTEMPTS = 3;
/** The first retry's delay; each further one doubles it. */
export const STEP_BACKOFF_MS = 5_000;

const definitions = new Map<string, FlowDefinitionValue>();

/** A published version's definition (immutable, so cached per process). */
export async function definitionOf(db: Db, flowId: string, version: number): Promise<FlowDefinitionValue> {
  const key = `${flowId}:${version}`;
  let def = definitions.get(key);
  if (!def) {
    const row = await flowsRepo.findVersion(db, flowId, version);
    if (!row) throw new Error(`Flow ${flowId} has no version ${version}`);
    def = FlowDefinition.parse(row.definition);
    definitions.set(key, def);
  }
  return def;
}

/** The step after `index` in list order, or null at the end. */
function following(def: FlowDefinitionValue, index: number): string | null {
  return def.steps[index + 1]?.id ?? null;
}
const resolve = (target: string | undefined, fallback: string | null): string | null =>
  target === undefined ? fallback : target === 'end' ? null : target;

export interface StartRequest {
  flowId: string;
  version: number;
  definition: FlowDefinitionValue;
  runAsUserId: string;
  trigger: Record<string, unknown>;
  /** Dedupe key of the trigger occurrence (an event id, a schedule slot): a second start is a no-op. */
  triggerKey: string | null;
  startedBy: string | null;
  retryOf?: string | null;
  /** Where to start (default: the first step) and what the run already holds (a retry from a step). */
  startAt?: string;
  state?: ExecutionState;
  nextSeq?: number;
}

/** Creates an execution and enqueues its first slice, in the caller's transaction. Null: already started. */
export async function startExecution(trx: Tx, request: StartRequest): Promise<string | null> {
  const first = request.startAt ?? request.definition.steps[0]!.id;
  const id = await repo.insertExecution(trx, {
    flow_id: request.flowId,
    version: request.version,
    trigger: request.trigger,
    ...(request.state ? { state: request.state } : {}),
    next_step: first,
    ...(request.nextSeq ? { next_seq: request.nextSeq } : {}),
    run_as_user_id: request.runAsUserId,
    trigger_key: request.triggerKey,
    retry_of: request.retryOf ?? null,
    started_by: request.startedBy,
  });
  if (id) await enqueueJob(trx, { type: runExecution, payload: { executionId: id }, createdBy: null });
  return id;
}

type StepOutcome =
  | { kind: 'next'; input: unknown; output: unknown; next: string | null; vars?: Record<string, unknown> }
  | { kind: 'wait'; input: unknown; output: unknown; next: string | null; resumeAt: Date | null }
  | { kind: 'approval'; input: unknown };

function expressionContext(exec: repo.ExecutionRow): Record<string, unknown> {
  return {
    trigger: exec.trigger,
    steps: exec.state.steps,
    vars: exec.state.vars,
    execution: { id: exec.id, flowId: exec.flow_id, version: exec.version, startedAt: exec.created_at.toISOString() },
  };
}

function durationMs(d: { days?: number | undefined; hours?: number | undefined; minutes?: number | undefined }) {
  return ((d.days ?? 0) * 24 * 60 + (d.hours ?? 0) * 60 + (d.minutes ?? 0)) * 60_000;
}

async function runStep(
  trx: Tx,
  exec: repo.ExecutionRow,
  def: FlowDefinitionValue,
  index: number,
): Promise<StepOutcome> {
  const step = def.steps[index]!;
  const ctx = expressionContext(exec);
  const after = following(def, index);
  switch (step.kind) {
    case 'condition': {
      for (const [i, c] of step.cases.entries()) {
        if (await evaluate(c.when, ctx)) {
          return { kind: 'next', input: null, output: { matched: i }, next: resolve(c.goto, after) };
        }
      }
      return { kind: 'next', input: null, output: { matched: null }, next: resolve(step.otherwise, after) };
    }
    case 'set': {
      const values: Record<string, unknown> = {};
      for (const [name, text] of Object.entries(step.variables)) values[name] = (await evaluate(text, ctx)) ?? null;
      return { kind: 'next', input: null, output: values, next: resolve(step.next, after), vars: values };
    }
    case 'wait': {
      let resumeAt: Date;
      if (step.duration) resumeAt = new Date(now().getTime() + durationMs(step.duration));
      else {
        const value = await evaluate(step.until!, ctx);
        resumeAt = new Date(typeof value === 'string' || typeof value === 'number' ? value : Number.NaN);
        if (Number.isNaN(resumeAt.getTime()))
          throw new StepError(`The wait's until expression gave ${JSON.stringify(value)}, not a date-time.`);
      }
      const output = { resumeAt: resumeAt.toISOString() };
      return {
        kind: 'wait',
        input: null,
        output,
        next: resolve(step.next, after),
        resumeAt: resumeAt > now() ? resumeAt : null,
      };
    }
    case 'action':
      return runAction(trx, exec, step, ctx, after);
    case 'approval': {
      const approval = await repo.insertApproval(trx, {
        execution_id: exec.id,
        step_id: step.id,
        title: step.title,
        description: step.description,
        assignee_user_id: 'userId' in step.assignee ? step.assignee.userId : null,
        assignee_role: 'role' in step.assignee ? step.assignee.role : null,
        form: step.form,
      });
      if (approval) {
        const users =
          'userId' in step.assignee ? [step.assignee.userId] : await activeUsersInRole(trx, step.assignee.role);
        await notify(trx, users, {
          kind: 'automation.approval-requested',
          title: `Approval requested: ${step.title}`,
          link: `/automation/approvals/${approval.id}`,
          dedupeKey: `approval:${approval.id}`,
        });
      }
      return { kind: 'approval', input: { assignee: step.assignee, form: step.form } };
    }
  }
}

async function runAction(
  trx: Tx,
  exec: repo.ExecutionRow,
  step: Extract<StepDefinition, { kind: 'action' }>,
  ctx: Record<string, unknown>,
  after: string | null,
): Promise<StepOutcome> {
  const action = (await automationCatalog()).actionsByKey.get(step.action);
  if (!action) throw new StepError(`No module offers the action ${step.action} any more.`);
  const raw = await evaluate(step.input, ctx);
  // The run-as user's permissions now, at this step (a revoked role stops the flow here).
  const actor = await actorOf(trx, exec.run_as_user_id);
  if (!actor) throw new StepError(`The run-as user ${exec.run_as_user_id} is not an active user.`);
  if (!hasPermission(actor, action.permission))
    throw new StepError(
      `The run-as user ${actor.email} lacks the permission ${action.permission}, which the action ${action.key} needs.`,
    );
  const parsed = action.input.safeParse(raw);
  if (!parsed.success)
    throw new StepError(
      `The input of ${action.key} is not valid: ${fieldErrors(parsed.error)
        .map((e) => `${e.path || '(input)'}: ${e.message}`)
        .join('; ')}`,
    );
  const key = `${exec.id}:${step.id}`;
  let output: unknown;
  if (await repo.claimActionKey(trx, key, action.key, exec.id)) {
    const run = await action.load();
    output = await run(trx, { input: parsed.data, actor, idempotencyKey: key });
    await repo.saveActionResult(trx, key, output);
  } else {
    output = await repo.actionResult(trx, key); // ran already under this key: not again
  }
  return { kind: 'next', input: raw, output: output as JsonValue, next: resolve(step.next, after) };
}

/** A failure that retrying cannot fix. */
function permanent(error: unknown): boolean {
  return (
    error instanceof StepError ||
    error instanceof ExpressionError ||
    error instanceof ZodError ||
    (error instanceof AppError && error.status < 500)
  );
}

function describe(error: unknown): string {
  if (error instanceof AppError) {
    const fields = error.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
    return fields ? `${error.detail} (${fields})` : error.detail;
  }
  return error instanceof Error ? error.message : String(error);
}

export type SliceResult = 'stopped' | 'continue';

/** Tests only: points inside a step's transaction. */
export const engineTestHooks: {
  /** Inside a step's transaction, before the step runs (a throw is the step's own failure). */
  beforeStep?: ((executionId: string, stepId: string) => Promise<void>) | undefined;
  /** Inside a step's transaction, after its effects and checkpoint, before the commit (a throw is a crash). */
  beforeStepCommit?: ((executionId: string, stepId: string) => Promise<void>) | undefined;
} = {};

/**
 * Runs an execution's steps, one transaction each, until it waits, ends, fails, or the slice's time
 * runs short. Each step's transaction holds the execution's row lock and writes the step's record,
 * the execution's next step and state, and the step's own effects (an action's writes and its
 * idempotency key): a worker killed mid-step leaves nothing of that step, and the next worker
 * resumes from the last committed checkpoint.
 */
export async function advanceExecution(db: Db, executionId: string, remainingMs: () => number): Promise<SliceResult> {
  for (;;) {
    if (remainingMs() < 5_000) return 'continue';
    let failure: { error: unknown; stepId: string; kind: string; seq: number; attempts: number } | undefined;
    const ran = await db
      .transaction()
      .execute(async (trx) => {
        const exec = await repo.findExecution(trx, executionId, { forUpdate: true });
        if (!exec || exec.status !== 'running' || exec.next_step === null) return false;
        const def = await definitionOf(trx, exec.flow_id, exec.version);
        const index = def.steps.findIndex((s) => s.id === exec.next_step);
        if (index < 0) {
          const error = new StepError(`Version ${exec.version} has no step ${exec.next_step}.`);
          failure = { error, stepId: exec.next_step, kind: 'unknown', seq: exec.next_seq, attempts: 1 };
          throw error;
        }
        const step = def.steps[index]!;
        const startedAt = new Date();
        let outcome: StepOutcome;
        try {
          await engineTestHooks.beforeStep?.(exec.id, step.id);
          outcome = await runStep(trx, exec, def, index);
        } catch (error) {
          failure = { error, stepId: step.id, kind: step.kind, seq: exec.next_seq, attempts: exec.step_attempts + 1 };
          throw error;
        }
        const base = {
          execution_id: exec.id,
          seq: exec.next_seq,
          step_id: step.id,
          kind: step.kind,
          started_at: startedAt,
        };
        const attempts = exec.step_attempts + 1;
        if (outcome.kind === 'approval') {
          await repo.insertStep(trx, { ...base, status: 'waiting', input: outcome.input, attempts });
          await repo.updateExecution(trx, exec.id, {
            status: 'waiting',
            next_seq: exec.next_seq + 1,
            step_attempts: 0,
          });
          return false;
        }
        const state: ExecutionState = {
          vars: { ...exec.state.vars, ...(outcome.kind === 'next' ? outcome.vars : {}) },
          steps: { ...exec.state.steps, [step.id]: outcome.output },
        };
        await repo.insertStep(trx, {
          ...base,
          status: 'succeeded',
          input: outcome.input,
          output: outcome.output,
          attempts,
          finished: true,
        });
        const waiting = outcome.kind === 'wait' && outcome.resumeAt !== null;
        const done = outcome.next === null && !waiting;
        await repo.updateExecution(trx, exec.id, {
          state,
          next_step: outcome.next,
          next_seq: exec.next_seq + 1,
          step_attempts: 0,
          status: done ? 'succeeded' : waiting ? 'waiting' : 'running',
          resume_at: outcome.kind === 'wait' ? outcome.resumeAt : null,
          finished: done,
        });
        // The tick that resumes it is queued for then (no standing schedule: engine/wake.ts).
        if (outcome.kind === 'wait' && outcome.resumeAt !== null) await wakeAt(trx, outcome.resumeAt);
        await engineTestHooks.beforeStepCommit?.(exec.id, step.id);
        return !done && !waiting;
      })
      .catch(async (error: unknown) => {
        if (!failure) throw error; // not the step's own failure: the job retries with backoff
        await recordFailure(db, executionId, failure);
        return false;
      });
    if (!ran) return 'stopped';
  }
}

async function recordFailure(
  db: Db,
  executionId: string,
  f: { error: unknown; stepId: string; kind: string; seq: number; attempts: number },
): Promise<void> {
  const message = describe(f.error);
  await db.transaction().execute(async (trx) => {
    const exec = await repo.findExecution(trx, executionId, { forUpdate: true });
    if (!exec || exec.status !== 'running' || exec.next_step !== f.stepId) return;
    if (!permanent(f.error) && f.attempts < STEP_MAX_ATTEMPTS) {
      // Tried again later with backoff: a new slice, due after 5 s, 10 s, …
      await repo.updateExecution(trx, exec.id, { step_attempts: f.attempts, error: message });
      const delay = STEP_BACKOFF_MS * 2 ** (f.attempts - 1);
      await enqueueJob(trx, {
        type: runExecution,
        payload: { executionId },
        createdBy: null,
        runAt: new Date(Date.now() + delay),
      });
      return;
    }
    await repo.insertStep(trx, {
      execution_id: exec.id,
      seq: f.seq,
      step_id: f.stepId,
      kind: f.kind,
      status: 'failed',
      error: message,
      attempts: f.attempts,
      finished: true,
    });
    // `next_step` stays on the failed step: a retry from the failed step starts there.
    await repo.updateExecution(trx, exec.id, {
      status: 'failed',
      error: `Step ${f.stepId} failed: ${message}`,
      next_seq: f.seq + 1,
      step_attempts: f.attempts,
      finished: true,
    });
  });
}

/** The resume scan: waiting executions whose time has come run again (one slice job each). */
export async function resumeDueExecutions(db: Db, at: Date = now(), limit = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const taken = await db.transaction().execute(async (trx) => {
      const due = await repo.takeDueExecutions(trx, at, limit);
      for (const { id } of due) {
        await repo.updateExecution(trx, id, { status: 'running', resume_at: null });
        await enqueueJob(trx, { type: runExecution, payload: { executionId: id }, createdBy: null });
      }
      return due.length;
    });
    total += taken;
    if (taken < limit) return total;
  }
}
