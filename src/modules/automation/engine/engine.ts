import { ZodError } from 'zod';
import { hasPermission } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/app-error.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { fieldErrors } from '../../../platform/http/problem.js';
import type { JsonValue } from '../../../platform/jobs/job-registry.js';
import { sendMail } from '../../../platform/mail/send-mail.js';
import { notify } from '../../../platform/notifications/notify.js';
import { actorOf, activeUsersInRole } from '../../auth/index.js';
import { flowEmail, runExecution } from '../automation.module.js';
import type { ExecutionState, ExecutionStatus, HandledError, LoopFrame } from '../automation.tables.js';
import {
  durationMinutes,
  FlowDefinition,
  locate,
  successor,
  templateParts,
  type DurationValue,
  type FlowDefinitionValue,
  type StepDefinition,
  type StepPlace,
} from '../flows/definition.js';
import * as flowsRepo from '../flows/flows.repository.js';
import * as repo from '../runs/runs.repository.js';
import { automationCatalog } from './catalog.js';
import { now } from './clock.js';
import { evaluate, ExpressionError } from './expressions.js';
import { wakeAt } from './wake.js';
import { runHttpStep } from '../http/http-step.js';

/**
 * A step that cannot succeed as defined (bad input, a missing permission): it fails the run at once
 * (or goes to the step's `onError`), no retry. `code` is what an error branch sees as `error.code`.
 */
export class StepError extends Error {
  constructor(
    message: string,
    readonly code: string = 'step-failed',
  ) {
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

/** Sub-flows nest at most this deep (a backstop to the cycle check made on save). */
export const MAX_SUBFLOW_DEPTH = 5;

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
  /** A sub-flow's run: the run and step waiting for it, and its nesting depth. */
  parent?: { executionId: string; stepId: string; depth: number } | undefined;
  /** Where to start (default: the first step) and what the run already holds (a retry from a step). */
  startAt?: string;
  state?: ExecutionState;
  nextSeq?: number;
}

/**
 * Creates an execution and enqueues its first slice, in the caller's transaction. Null: already
 * started. A flow with a concurrency limit (`max_concurrent_runs`) is locked while its active runs
 * are counted: beyond the limit the run is `queued`, and starts when another ends (`releaseSlots`).
 */
export async function startExecution(trx: Tx, request: StartRequest): Promise<string | null> {
  const first = request.startAt ?? request.definition.steps[0]!.id;
  let status: 'running' | 'queued' = 'running';
  if ((await repo.flowLimit(trx, request.flowId)) !== null) {
    const limit = await repo.lockFlowLimit(trx, request.flowId);
    if (limit !== null && (await repo.countActive(trx, request.flowId)) >= limit) status = 'queued';
  }
  const id = await repo.insertExecution(trx, {
    status,
    ...(request.parent
      ? {
          parent_execution_id: request.parent.executionId,
          parent_step_id: request.parent.stepId,
          depth: request.parent.depth,
        }
      : {}),
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
  if (id && status === 'running')
    await enqueueJob(trx, { type: runExecution, payload: { executionId: id }, createdBy: null });
  return id;
}

export type StepOutcome =
  | {
      kind: 'next';
      input: unknown;
      output: unknown;
      next: string | null;
      vars?: Record<string, unknown>;
      /** A loop's frame: set (an iteration begins) or null (the loop is over). */
      loop?: LoopFrame | null;
      /** Step outputs to forget (a loop's body, before its next iteration). */
      forget?: readonly string[];
      /** The step handled its own failure and goes to its `onError` (an HTTP step): `error` in later expressions. */
      error?: HandledError;
    }
  | { kind: 'wait'; input: unknown; output: unknown; next: string | null; resumeAt: Date | null }
  /** The run waits on this step (an approval, an event, a sub-flow) until something resumes it. */
  | { kind: 'suspend'; input: unknown; resumeAt: Date | null; waitEvent: string | null };

/** The names expressions see: `trigger`, `steps`, `vars`, `execution`, and in a loop's body `item` and `index`. */
export function expressionContext(exec: repo.ExecutionRow, place?: StepPlace | null): Record<string, unknown> {
  const frame = exec.state.loop;
  const inLoop = frame && place?.loop && place.loop.id === frame.stepId;
  return {
    trigger: exec.trigger,
    steps: exec.state.steps,
    vars: exec.state.vars,
    execution: { id: exec.id, flowId: exec.flow_id, version: exec.version, startedAt: exec.created_at.toISOString() },
    ...(inLoop ? { item: frame.items[frame.index], index: frame.index } : {}),
    ...(exec.state.error ? { error: exec.state.error } : {}),
  };
}

export const durationMs = (d: DurationValue) => durationMinutes(d) * 60_000;

/** The idempotency key of a step's effect: `<execution>:<step>`, and `:<index>` inside a loop's body. */
function effectKey(exec: repo.ExecutionRow, place: StepPlace): string {
  const frame = exec.state.loop;
  return frame && place.loop ? `${exec.id}:${place.step.id}:${frame.index}` : `${exec.id}:${place.step.id}`;
}

/** How a step runs: for real, or as a test run (`dryRun`: no effect outside reads; engine/dry-run.ts). */
export interface StepMode {
  dryRun: boolean;
  /** An HTTP step's request, already made outside the step's transaction (`advanceExecution`). */
  http?: PreparedHttp | undefined;
}

/** An HTTP step run before its transaction: its result (or failure) for that step and sequence number. */
interface PreparedHttp {
  stepId: string;
  seq: number;
  outcome: { result: Awaited<ReturnType<typeof runHttpStep>> } | { error: unknown };
}

export async function runStep(
  trx: Tx,
  exec: repo.ExecutionRow,
  place: StepPlace,
  mode: StepMode = { dryRun: false },
): Promise<StepOutcome> {
  const step = place.step;
  const ctx = expressionContext(exec, place);
  const to = (target: string | undefined) => successor(place, target);
  switch (step.kind) {
    case 'condition': {
      for (const [i, c] of step.cases.entries()) {
        if (await evaluate(c.when, ctx)) {
          return { kind: 'next', input: null, output: { matched: i }, next: to(c.goto) };
        }
      }
      return { kind: 'next', input: null, output: { matched: null }, next: to(step.otherwise) };
    }
    case 'set': {
      const values: Record<string, unknown> = {};
      for (const [name, text] of Object.entries(step.variables)) values[name] = (await evaluate(text, ctx)) ?? null;
      return { kind: 'next', input: null, output: values, next: to(step.next), vars: values };
    }
    case 'wait': {
      if (step.event !== undefined) {
        const timeoutAt = step.timeout ? new Date(now().getTime() + durationMs(step.timeout)) : null;
        return {
          kind: 'suspend',
          input: { event: step.event, timeoutAt: timeoutAt?.toISOString() ?? null },
          resumeAt: timeoutAt,
          waitEvent: step.event,
        };
      }
      let resumeAt: Date;
      if (step.duration) resumeAt = new Date(now().getTime() + durationMs(step.duration));
      else {
        const value = await evaluate(step.until!, ctx);
        resumeAt = new Date(typeof value === 'string' || typeof value === 'number' ? value : Number.NaN);
        if (Number.isNaN(resumeAt.getTime()))
          throw new StepError(
            `The wait's until expression gave ${JSON.stringify(value)}, not a date-time.`,
            'invalid-date',
          );
      }
      const output = { resumeAt: resumeAt.toISOString() };
      return {
        kind: 'wait',
        input: null,
        output,
        next: to(step.next),
        resumeAt: resumeAt > now() ? resumeAt : null,
      };
    }
    case 'action':
      return runAction(trx, exec, step, ctx, place, mode);
    case 'email':
      return runEmail(trx, exec, step, ctx, place, mode);
    case 'loop':
      return runLoop(exec, step, ctx, place);
    case 'subflow':
      return runSubflow(trx, exec, step, ctx, place, mode);
    case 'http': {
      const prepared = mode.http?.stepId === step.id && mode.http.seq === exec.next_seq ? mode.http.outcome : undefined;
      if (prepared && 'error' in prepared) throw prepared.error;
      const result = prepared ? prepared.result : await runHttpStep(trx, exec, step, ctx, to, { dryRun: mode.dryRun });
      const { error, ...rest } = result;
      return { kind: 'next', ...rest, ...(error ? { error: { ...error, stepId: step.id } } : {}) };
    }
    case 'approval': {
      const created = now();
      const approval = await repo.insertApproval(trx, {
        execution_id: exec.id,
        step_id: step.id,
        title: step.title,
        description: step.description,
        assignee_user_id: 'userId' in step.assignee ? step.assignee.userId : null,
        assignee_role: 'role' in step.assignee ? step.assignee.role : null,
        form: step.form,
        requested_at: created,
        due_at: nextApprovalDue(step, created, { reminded: false, escalated: false }),
      });
      if (approval) {
        if (approval.due_at) await wakeAt(trx, new Date(approval.due_at));
        const users =
          'userId' in step.assignee ? [step.assignee.userId] : await activeUsersInRole(trx, step.assignee.role);
        await notify(trx, users, {
          kind: 'automation.approval-requested',
          title: `Approval requested: ${step.title}`,
          link: `/automation/approvals/${approval.id}`,
          dedupeKey: `approval:${approval.id}`,
        });
      }
      return {
        kind: 'suspend',
        input: { assignee: step.assignee, form: step.form },
        resumeAt: null,
        waitEvent: null,
      };
    }
  }
}

/**
 * When a pending approval next needs the tick: its reminder, its escalation or its deadline, the
 * earliest not done yet (measured from `created`), or null.
 */
export function nextApprovalDue(
  step: Extract<StepDefinition, { kind: 'approval' }>,
  created: Date,
  done: { reminded: boolean; escalated: boolean },
): Date | null {
  const at = (d: DurationValue | undefined) => (d ? created.getTime() + durationMs(d) : Number.POSITIVE_INFINITY);
  const next = Math.min(
    done.reminded ? Number.POSITIVE_INFINITY : at(step.remindAfter),
    done.escalated ? Number.POSITIVE_INFINITY : at(step.escalateAfter),
    at(step.deadline),
  );
  return Number.isFinite(next) ? new Date(next) : null;
}

/**
 * A loop step runs twice per item: arriving (the list is evaluated, checked against `maxItems`, and
 * the first iteration begins) and at the end of each iteration (its body's outputs are collected,
 * and the next begins or the loop ends with `{ count, items }`, one object of body outputs per item).
 */
async function runLoop(
  exec: repo.ExecutionRow,
  step: Extract<StepDefinition, { kind: 'loop' }>,
  ctx: Record<string, unknown>,
  place: StepPlace,
): Promise<StepOutcome> {
  const body = step.steps.map((s) => s.id);
  const frame = exec.state.loop;
  if (!frame || frame.stepId !== step.id) {
    const value = await evaluate(step.items, ctx);
    const items = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
    if (items.length > step.maxItems)
      throw new StepError(
        `The loop's items are ${items.length}, more than its maxItems (${step.maxItems}).`,
        'too-many-items',
      );
    if (items.length === 0)
      return { kind: 'next', input: { count: 0 }, output: { count: 0, items: [] }, next: successor(place, step.next) };
    return {
      kind: 'next',
      input: { count: items.length },
      output: { count: items.length, index: 0 },
      next: body[0]!,
      loop: { stepId: step.id, items, index: 0, results: [] },
      forget: body,
    };
  }
  const results = [
    ...frame.results,
    Object.fromEntries(body.filter((id) => id in exec.state.steps).map((id) => [id, exec.state.steps[id]])),
  ];
  const index = frame.index + 1;
  if (index < frame.items.length)
    return {
      kind: 'next',
      input: null,
      output: { count: frame.items.length, index },
      next: body[0]!,
      loop: { ...frame, index, results },
      forget: body,
    };
  return {
    kind: 'next',
    input: null,
    output: { count: frame.items.length, items: results },
    next: successor(place, step.next),
    loop: null,
    forget: body,
  };
}

/** A value of a `{{ }}` placeholder as text (a string as is, anything else as JSON). */
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Fills a template's `{{ expression }}` placeholders (each evaluated like any expression, time-boxed). */
export async function renderTemplate(template: string, ctx: Record<string, unknown>): Promise<string> {
  let out = '';
  for (const part of templateParts(template))
    out += 'text' in part ? part.text : asText(await evaluate(part.expression, ctx));
  return out;
}

/**
 * An email step: the recipients (each expression an address or a list), subject and body templates,
 * sent through the platform's mail (a send job written in the step's transaction), once per
 * `<execution>:<step>` (the key is claimed like an action's).
 */
async function runEmail(
  trx: Tx,
  exec: repo.ExecutionRow,
  step: Extract<StepDefinition, { kind: 'email' }>,
  ctx: Record<string, unknown>,
  place: StepPlace,
  mode: StepMode,
): Promise<StepOutcome> {
  const to: string[] = [];
  for (const text of step.to) {
    const value = await evaluate(text, ctx);
    for (const address of Array.isArray(value) ? value : [value]) {
      if (typeof address !== 'string' || !EMAIL.test(address))
        throw new StepError(
          `The email's recipient ${JSON.stringify(address)} is not an email address.`,
          'invalid-input',
        );
      if (!to.includes(address)) to.push(address);
    }
  }
  if (to.length === 0) throw new StepError('The email has no recipient.', 'invalid-input');
  if (to.length > 50) throw new StepError(`The email has ${to.length} recipients, more than 50.`, 'invalid-input');
  const subject = (await renderTemplate(step.subject, ctx)).trim().slice(0, 500) || '(no subject)';
  const body = (await renderTemplate(step.body, ctx)).slice(0, 20_000);
  const key = effectKey(exec, place);
  const input = { to, subject };
  if (mode.dryRun)
    return {
      kind: 'next',
      input,
      output: dryRunOutput('email', { to, subject, body }),
      next: successor(place, step.next),
    };
  let output: unknown;
  if (await repo.claimActionKey(trx, key, 'email', exec.id)) {
    const job = await sendMail(trx, { template: flowEmail, data: { subject, body }, to, createdBy: null });
    output = { to, subject, mailJobId: job.id };
    await repo.saveActionResult(trx, key, output);
  } else {
    output = await repo.actionResult(trx, key);
  }
  return { kind: 'next', input, output, next: successor(place, step.next) };
}
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/**
 * A sub-flow step starts the called flow's newest published version as a child run (linked to this
 * run and step; once: a repeated step finds its child) and waits, durably, for it to end
 * (`onExecutionEnded` resumes this run with the child's outcome).
 */
async function runSubflow(
  trx: Tx,
  exec: repo.ExecutionRow,
  step: Extract<StepDefinition, { kind: 'subflow' }>,
  ctx: Record<string, unknown>,
  place: StepPlace,
  mode: StepMode,
): Promise<StepOutcome> {
  const existing = mode.dryRun ? undefined : await repo.childOf(trx, exec.id, step.id);
  if (existing) return { kind: 'suspend', input: { executionId: existing.id }, resumeAt: null, waitEvent: null };
  if (exec.depth + 1 > MAX_SUBFLOW_DEPTH)
    throw new StepError(
      `Sub-flows nest at most ${MAX_SUBFLOW_DEPTH} deep; this one would be ${exec.depth + 1}.`,
      'too-deep',
    );
  const flow = await flowsRepo.findFlow(trx, step.flowId);
  if (!flow || flow.published_version === null)
    throw new StepError(`The sub-flow ${step.flowId} does not exist or is not published.`, 'not-found');
  if (!flow.enabled) throw new StepError(`The sub-flow ${flow.name} is disabled.`, 'disabled');
  // A child running as another user would lend its permissions: the parent's run-as user needs automation:admin.
  if (flow.run_as_user_id !== exec.run_as_user_id) {
    const actor = await actorOf(trx, exec.run_as_user_id);
    if (!actor || !hasPermission(actor, 'automation:admin'))
      throw new StepError(
        `The sub-flow ${flow.name} runs as another user; the run-as user needs automation:admin to call it.`,
        'permission-denied',
      );
  }
  const values = step.input === undefined ? {} : await evaluate(step.input, ctx);
  if (values === null || typeof values !== 'object' || Array.isArray(values))
    throw new StepError(`The sub-flow's input gave ${JSON.stringify(values)}, not an object.`, 'invalid-input');
  if (mode.dryRun)
    return {
      kind: 'next',
      input: { flowId: flow.id, version: flow.published_version, values },
      output: dryRunOutput('subflow', { flowId: flow.id, name: flow.name, version: flow.published_version, values }),
      next: successor(place, step.next),
    };
  const definition = await definitionOf(trx, flow.id, flow.published_version);
  const childId = await startExecution(trx, {
    flowId: flow.id,
    version: flow.published_version,
    definition,
    runAsUserId: flow.run_as_user_id,
    trigger: { type: 'subflow', values, parentExecutionId: exec.id, parentStepId: step.id },
    triggerKey: `subflow:${exec.id}:${step.id}`,
    startedBy: exec.started_by,
    parent: { executionId: exec.id, stepId: step.id, depth: exec.depth + 1 },
  });
  return {
    kind: 'suspend',
    input: { flowId: flow.id, version: flow.published_version, values, executionId: childId },
    resumeAt: null,
    waitEvent: null,
  };
}

async function runAction(
  trx: Tx,
  exec: repo.ExecutionRow,
  step: Extract<StepDefinition, { kind: 'action' }>,
  ctx: Record<string, unknown>,
  place: StepPlace,
  mode: StepMode,
): Promise<StepOutcome> {
  const action = (await automationCatalog()).actionsByKey.get(step.action);
  if (!action) throw new StepError(`No module offers the action ${step.action} any more.`, 'not-found');
  const raw = await evaluate(step.input, ctx);
  // The run-as user's permissions now, at this step (a revoked role stops the flow here).
  const actor = await actorOf(trx, exec.run_as_user_id);
  if (!actor) throw new StepError(`The run-as user ${exec.run_as_user_id} is not an active user.`, 'permission-denied');
  if (!hasPermission(actor, action.permission))
    throw new StepError(
      `The run-as user ${actor.email} lacks the permission ${action.permission}, which the action ${action.key} needs.`,
      'permission-denied',
    );
  const parsed = (await action.input()).safeParse(raw);
  if (!parsed.success)
    throw new StepError(
      `The input of ${action.key} is not valid: ${fieldErrors(parsed.error)
        .map((e) => `${e.path || '(input)'}: ${e.message}`)
        .join('; ')}`,
      'invalid-input',
    );
  if (mode.dryRun)
    return {
      kind: 'next',
      input: raw,
      output: dryRunOutput(action.key, parsed.data),
      next: successor(place, step.next),
    };
  const key = effectKey(exec, place);
  let output: unknown;
  if (await repo.claimActionKey(trx, key, action.key, exec.id)) {
    const run = await action.load();
    output = await run(trx, { input: parsed.data, actor, idempotencyKey: key });
    await repo.saveActionResult(trx, key, output);
  } else {
    output = await repo.actionResult(trx, key); // ran already under this key: not again
  }
  return { kind: 'next', input: raw, output: output as JsonValue, next: successor(place, step.next) };
}

/** A test run's stand-in for an effect it does not cause: what the step would have done. */
export function dryRunOutput(what: string, input: unknown): Record<string, unknown> {
  return { dryRun: true, wouldCall: what, input };
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

/** The code an error branch sees (`error.code`). */
export function errorCode(error: unknown): string {
  if (error instanceof StepError) return error.code;
  if (error instanceof ExpressionError) return 'expression-error';
  if (error instanceof ZodError) return 'invalid-input';
  if (error instanceof AppError) return error.code;
  return 'failed';
}

export function describe(error: unknown): string {
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
  /** Before an HTTP step's request, which is made outside any transaction. */
  beforeHttpRequest?: ((executionId: string, stepId: string) => Promise<void>) | undefined;
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
    // An HTTP step's request (up to 30 s) is made before its transaction, holding no connection.
    const http = await requestBeforeTransaction(db, executionId, remainingMs);
    if (http === 'continue') return 'continue';
    const ran = await db
      .transaction()
      .execute(async (trx) => {
        const exec = await repo.findExecution(trx, executionId, { forUpdate: true });
        if (!exec || exec.status !== 'running' || exec.next_step === null) return false;
        const def = await definitionOf(trx, exec.flow_id, exec.version);
        const place = locate(def, exec.next_step);
        if (!place) {
          const error = new StepError(`Version ${exec.version} has no step ${exec.next_step}.`);
          failure = { error, stepId: exec.next_step, kind: 'unknown', seq: exec.next_seq, attempts: 1 };
          throw error;
        }
        const step = place.step;
        const startedAt = new Date();
        let outcome: StepOutcome;
        try {
          await engineTestHooks.beforeStep?.(exec.id, step.id);
          outcome = await runStep(trx, exec, place, { dryRun: false, http: http ?? undefined });
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
        if (outcome.kind === 'suspend') {
          await repo.insertStep(trx, { ...base, status: 'waiting', input: outcome.input, attempts });
          await repo.updateExecution(trx, exec.id, {
            status: 'waiting',
            next_seq: exec.next_seq + 1,
            step_attempts: 0,
            resume_at: outcome.resumeAt,
            wait_event: outcome.waitEvent,
          });
          if (outcome.resumeAt !== null) await wakeAt(trx, outcome.resumeAt);
          await engineTestHooks.beforeStepCommit?.(exec.id, step.id);
          return false;
        }
        const steps = { ...exec.state.steps };
        for (const id of outcome.kind === 'next' ? (outcome.forget ?? []) : []) delete steps[id];
        steps[step.id] = outcome.output;
        const loop = outcome.kind === 'next' && outcome.loop !== undefined ? outcome.loop : exec.state.loop;
        const error = outcome.kind === 'next' && outcome.error ? outcome.error : exec.state.error;
        const state: ExecutionState = {
          vars: { ...exec.state.vars, ...(outcome.kind === 'next' ? outcome.vars : {}) },
          steps,
          ...(loop ? { loop } : {}),
          ...(error ? { error } : {}),
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
        if (done) await onExecutionEnded(trx, { ...exec, state }, 'succeeded', null);
        await engineTestHooks.beforeStepCommit?.(exec.id, step.id);
        return !done && !waiting;
      })
      .catch(async (error: unknown) => {
        if (!failure) throw error; // not the step's own failure: the job retries with backoff
        // true: the step's onError took the failure and the run goes on.
        return recordFailure(db, executionId, failure);
      });
    if (!ran) return 'stopped';
  }
}

/**
 * A step's failure, in a transaction of its own (the step's rolled back): tried again later when it
 * may pass, else the step's `onError` branch when it has one (true: the run goes on there), else the
 * run fails.
 */
/**
 * When the run's next step is an HTTP request: evaluates and sends it with no transaction open (the
 * run read without a lock; a short read for the run-as user and the credential), so the step's
 * transaction — which then checkpoints the result — does not hold a database connection for up to
 * 30 s. The transaction uses it only if the run is still at that step and sequence number (another
 * worker may have moved it on; then the request was made for nothing, as after a crash, and the
 * `Idempotency-Key` header is the same). 'continue': not enough time left in this slice for the request.
 */
async function requestBeforeTransaction(
  db: Db,
  executionId: string,
  remainingMs: () => number,
): Promise<PreparedHttp | null | 'continue'> {
  const exec = await repo.findExecution(db, executionId);
  if (!exec || exec.status !== 'running' || exec.next_step === null) return null;
  const place = locate(await definitionOf(db, exec.flow_id, exec.version), exec.next_step);
  if (!place || place.step.kind !== 'http') return null;
  const step = place.step;
  if (remainingMs() < step.timeoutMs + 5_000) return 'continue';
  const base = { stepId: step.id, seq: exec.next_seq };
  try {
    await engineTestHooks.beforeHttpRequest?.(exec.id, step.id);
    const result = await runHttpStep(db, exec, step, expressionContext(exec, place), (t) => successor(place, t));
    return { ...base, outcome: { result } };
  } catch (error) {
    return { ...base, outcome: { error } };
  }
}

async function recordFailure(
  db: Db,
  executionId: string,
  f: { error: unknown; stepId: string; kind: string; seq: number; attempts: number },
): Promise<boolean> {
  const message = describe(f.error);
  return db.transaction().execute(async (trx) => {
    const exec = await repo.findExecution(trx, executionId, { forUpdate: true });
    if (!exec || exec.status !== 'running' || exec.next_step !== f.stepId) return false;
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
      return false;
    }
    const place = locate(await definitionOf(trx, exec.flow_id, exec.version), f.stepId);
    if (place && place.step.onError !== undefined) {
      const handled: HandledError = { message, code: errorCode(f.error), stepId: f.stepId };
      const output = { ok: false, error: handled };
      await repo.insertStep(trx, {
        execution_id: exec.id,
        seq: f.seq,
        step_id: f.stepId,
        kind: f.kind,
        status: 'failed',
        output,
        error: message,
        attempts: f.attempts,
        finished: true,
      });
      const next = successor(place, place.step.onError);
      const state: ExecutionState = {
        ...exec.state,
        steps: { ...exec.state.steps, [f.stepId]: output },
        error: handled,
      };
      await repo.updateExecution(trx, exec.id, {
        state,
        next_step: next,
        next_seq: f.seq + 1,
        step_attempts: 0,
        error: null,
        status: next === null ? 'succeeded' : 'running',
        finished: next === null,
      });
      if (next === null) await onExecutionEnded(trx, { ...exec, state }, 'succeeded', null);
      return next !== null;
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
    const error = `Step ${f.stepId} failed: ${message}`;
    await repo.updateExecution(trx, exec.id, {
      status: 'failed',
      error,
      next_seq: f.seq + 1,
      step_attempts: f.attempts,
      finished: true,
    });
    await onExecutionEnded(trx, exec, 'failed', error);
    return false;
  });
}

/**
 * Resumes a run waiting on a step (an approval decided or expired, an event matched or timed out, a
 * sub-flow ended): the step's record gets its output, the run goes on at `next` (or ends), in the
 * caller's transaction, which holds the run's row lock.
 */
export async function continueAfterWait(
  trx: Tx,
  exec: repo.ExecutionRow,
  stepId: string,
  output: unknown,
  next: string | null,
  handled?: HandledError,
): Promise<void> {
  await repo.finishWaitingStep(trx, exec.id, stepId, output, handled ? { error: handled.message } : null);
  const state: ExecutionState = {
    ...exec.state,
    steps: { ...exec.state.steps, [stepId]: output },
    ...(handled ? { error: handled } : {}),
  };
  await repo.updateExecution(trx, exec.id, {
    state,
    next_step: next,
    status: next === null ? 'succeeded' : 'running',
    resume_at: null,
    wait_event: null,
    step_attempts: 0,
    finished: next === null,
  });
  if (next !== null) await enqueueJob(trx, { type: runExecution, payload: { executionId: exec.id }, createdBy: null });
  else await onExecutionEnded(trx, { ...exec, state }, 'succeeded', null);
}

/** Fails a run waiting on a step (its sub-flow failed); `next_step` stays on the step. */
export async function failAfterWait(trx: Tx, exec: repo.ExecutionRow, stepId: string, message: string): Promise<void> {
  await repo.finishWaitingStep(trx, exec.id, stepId, null, { error: message });
  const error = `Step ${stepId} failed: ${message}`;
  await repo.updateExecution(trx, exec.id, {
    status: 'failed',
    error,
    resume_at: null,
    wait_event: null,
    finished: true,
  });
  await onExecutionEnded(trx, exec, 'failed', error);
}

/**
 * What follows the end of a run (succeeded, failed or cancelled), in the transaction that ended it:
 * a queued run of its flow may start (the concurrency limit), and a sub-flow's parent, waiting on
 * the step that called it, goes on with the child's variables (or fails with its error).
 */
export async function onExecutionEnded(
  trx: Tx,
  exec: repo.ExecutionRow,
  status: Extract<ExecutionStatus, 'succeeded' | 'failed' | 'cancelled'>,
  error: string | null,
): Promise<void> {
  if (await repo.hasQueued(trx, exec.flow_id)) await releaseSlots(trx, exec.flow_id);
  if (!exec.parent_execution_id || !exec.parent_step_id) return;
  const parent = await repo.findExecution(trx, exec.parent_execution_id, { forUpdate: true });
  if (!parent || parent.status !== 'waiting' || parent.next_step !== exec.parent_step_id) return;
  const def = await definitionOf(trx, parent.flow_id, parent.version);
  const place = locate(def, exec.parent_step_id);
  if (status !== 'succeeded') {
    const message = `The sub-flow's run ${exec.id} ${status}: ${error ?? ''}`.trim();
    if (place?.step.onError !== undefined) {
      // The calling step's error branch: the run goes on there.
      const handled: HandledError = { message, code: `subflow-${status}`, stepId: exec.parent_step_id };
      const output = { ok: false, error: handled, executionId: exec.id, status };
      await continueAfterWait(trx, parent, exec.parent_step_id, output, successor(place, place.step.onError), handled);
      return;
    }
    await failAfterWait(trx, parent, exec.parent_step_id, message);
    return;
  }
  if (!place) return;
  const output = { executionId: exec.id, status, variables: exec.state.vars };
  const target = place.step.kind === 'subflow' ? place.step.next : undefined;
  await continueAfterWait(trx, parent, exec.parent_step_id, output, successor(place, target));
}

/**
 * Starts the flow's oldest queued runs while it is under its concurrency limit (the flow's row
 * locked, so two ends or an end and a start do not both take the same free place).
 */
export async function releaseSlots(trx: Tx, flowId: string): Promise<number> {
  const limit = await repo.lockFlowLimit(trx, flowId);
  const free = limit === null ? 1000 : limit - (await repo.countActive(trx, flowId));
  if (free <= 0) return 0;
  const queued = await repo.oldestQueued(trx, flowId, free);
  for (const { id } of queued) {
    await repo.updateExecution(trx, id, { status: 'running' });
    await enqueueJob(trx, { type: runExecution, payload: { executionId: id }, createdBy: null });
  }
  return queued.length;
}

/**
 * Cancels a queued, running or waiting run (its row locked by the caller): it stops before its next
 * step, a wait is not resumed, its pending approvals are cancelled, and so are its active sub-flow runs.
 */
export async function cancelRun(trx: Tx, exec: repo.ExecutionRow): Promise<void> {
  await repo.updateExecution(trx, exec.id, { status: 'cancelled', resume_at: null, wait_event: null, finished: true });
  await repo.cancelPendingApprovals(trx, exec.id);
  for (const child of await repo.activeChildren(trx, exec.id)) {
    const row = await repo.findExecution(trx, child.id);
    if (row) await cancelRun(trx, row);
  }
  await onExecutionEnded(trx, exec, 'cancelled', null);
}

/**
 * The resume scan: waiting executions whose time has come run again (one slice job each); a wait for
 * an event whose timeout has come goes to its `onTimeout` step (default: `next`).
 */
export async function resumeDueExecutions(db: Db, at: Date = now(), limit = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const taken = await db.transaction().execute(async (trx) => {
      const due = await repo.takeDueExecutions(trx, at, limit);
      for (const { id, wait_event, next_step } of due) {
        if (wait_event !== null) {
          await timeOutEventWait(trx, id);
          continue;
        }
        if (next_step === null) {
          // The wait was the last step: the run is over.
          await repo.updateExecution(trx, id, { status: 'succeeded', resume_at: null, finished: true });
          const exec = await repo.findExecution(trx, id);
          if (exec) await onExecutionEnded(trx, exec, 'succeeded', null);
          continue;
        }
        await repo.updateExecution(trx, id, { status: 'running', resume_at: null });
        await enqueueJob(trx, { type: runExecution, payload: { executionId: id }, createdBy: null });
      }
      return due.length;
    });
    total += taken;
    if (taken < limit) return total;
  }
}

async function timeOutEventWait(trx: Tx, id: string): Promise<void> {
  const exec = await repo.findExecution(trx, id);
  if (!exec || exec.status !== 'waiting' || exec.next_step === null) return;
  const def = await definitionOf(trx, exec.flow_id, exec.version);
  const place = locate(def, exec.next_step);
  if (!place || place.step.kind !== 'wait') return;
  const output = { timedOut: true, event: null, at: now().toISOString() };
  await continueAfterWait(trx, exec, place.step.id, output, successor(place, place.step.onTimeout ?? place.step.next));
}
