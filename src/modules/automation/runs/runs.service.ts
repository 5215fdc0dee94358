import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { hasPermission, type Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import type { ExecutionState, ExecutionStatus } from '../automation.tables.js';
import type { PageRequest } from '../../../platform/http/pagination.js';
import { cancelRun, continueAfterWait, definitionOf, startExecution } from '../engine/engine.js';
import * as flowsRepo from '../flows/flows.repository.js';
import { checkForm } from '../flows/flows.service.js';
import { FormField, locate, successor } from '../flows/definition.js';
import * as repo from './runs.repository.js';
import { redact } from './runs.repository.js';

function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw errors.unauthenticated();
  return ctx.actor;
}

/** A run's data is its run-as user's, its starter's, or an automation admin's to see. */
function maySee(actor: Actor, exec: repo.ExecutionRow): boolean {
  return (
    hasPermission(actor, 'automation:admin') || exec.run_as_user_id === actor.userId || exec.started_by === actor.userId
  );
}

export const toExecutionDto = (row: repo.ExecutionRow) => ({
  id: row.id,
  flowId: row.flow_id,
  version: row.version,
  status: row.status,
  trigger: redact(row.trigger),
  variables: redact(row.state.vars),
  nextStep: row.next_step,
  resumeAt: row.resume_at?.toISOString() ?? null,
  runAsUserId: row.run_as_user_id,
  retryOf: row.retry_of,
  parentExecutionId: row.parent_execution_id,
  waitingForEvent: row.wait_event,
  startedBy: row.started_by,
  error: row.error,
  createdAt: row.created_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
});

const toStepDto = (row: repo.StepRow) => ({
  seq: row.seq,
  stepId: row.step_id,
  kind: row.kind,
  status: row.status,
  input: row.input,
  output: row.output,
  error: row.error,
  attempts: row.attempts,
  startedAt: row.started_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
});

export async function listExecutions(
  db: Db,
  ctx: RequestContext,
  filter: PageRequest & { flowId?: string | undefined; status?: ExecutionStatus | undefined },
) {
  const actor = actorOf(ctx);
  const page = await repo.listExecutions(db, {
    ...filter,
    visibleTo: hasPermission(actor, 'automation:admin') ? null : actor.userId,
  });
  return { items: page.items.map(toExecutionDto), nextCursor: page.nextCursor };
}

/** One run with every step's input, output, status and error (the run history). */
export async function getExecution(db: Db, ctx: RequestContext, id: string) {
  const row = await repo.findExecution(db, id);
  if (!row || !maySee(actorOf(ctx), row)) throw errors.notFound('Execution', id);
  return { ...toExecutionDto(row), steps: (await repo.listSteps(db, id)).map(toStepDto) };
}

/**
 * Retries a failed run as a new execution (`retry_of` links them): from the start (the same trigger),
 * or from the failed step with the outputs and variables of the steps before it (recorded as
 * `copied`, their actions not run again); on the run's own version or the flow's newest.
 */
export async function retryExecution(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { from: 'start' | 'failed-step'; version: 'same' | 'latest' },
) {
  const actor = actorOf(ctx);
  return inTransaction(db, async (trx) => {
    const exec = await repo.findExecution(trx, id, { forUpdate: true });
    if (!exec || !maySee(actor, exec)) throw errors.notFound('Execution', id);
    if (exec.status !== 'failed') throw errors.conflict('Only a failed run is retried.');
    const flow = await flowsRepo.findFlow(trx, exec.flow_id);
    if (!flow) throw errors.notFound('Flow', exec.flow_id);
    if (flow.run_as_user_id !== actor.userId && !hasPermission(actor, 'automation:admin'))
      throw errors.forbidden('automation:admin');
    const version = input.version === 'latest' ? (flow.published_version ?? exec.version) : exec.version;
    const definition = await definitionOf(trx, exec.flow_id, version);
    let startAt: string | undefined;
    let state: ExecutionState | undefined;
    let copied: repo.StepRow[] = [];
    if (input.from === 'failed-step') {
      if (!exec.next_step || !definition.steps.some((s) => s.id === exec.next_step))
        throw errors.validation(
          [{ path: 'from', message: `Version ${version} has no step ${exec.next_step ?? '(none)'} to start from.` }],
          'The failed step is not in that version.',
        );
      startAt = exec.next_step;
      state = exec.state;
      copied = (await repo.listSteps(trx, id)).filter((s) => s.status === 'succeeded');
    }
    const newId = await startExecution(trx, {
      flowId: exec.flow_id,
      version,
      definition,
      runAsUserId: flow.run_as_user_id,
      trigger: exec.trigger,
      triggerKey: null,
      startedBy: actor.userId,
      retryOf: exec.id,
      ...(startAt ? { startAt } : {}),
      ...(state ? { state } : {}),
      nextSeq: copied.length + 1,
    });
    for (const [i, s] of copied.entries())
      await repo.insertStep(trx, {
        execution_id: newId!,
        seq: i + 1,
        step_id: s.step_id,
        kind: s.kind,
        status: 'copied',
        input: s.input,
        output: s.output,
        attempts: s.attempts,
        started_at: s.started_at,
        finished: true,
      });
    await writeAudit(trx, ctx, {
      action: 'execution.retried',
      entityType: 'automation.execution',
      entityId: exec.id,
      after: { retry: newId, from: input.from, version },
    });
    return { executionId: newId! };
  });
}

/**
 * Cancels a running or waiting run: it stops before its next step (each step checks the run's status
 * under its row lock), a wait is not resumed, and its pending approvals are cancelled.
 */
export async function cancelExecution(db: Db, ctx: RequestContext, id: string) {
  const actor = actorOf(ctx);
  return inTransaction(db, async (trx) => {
    const exec = await repo.findExecution(trx, id, { forUpdate: true });
    if (!exec || !maySee(actor, exec)) throw errors.notFound('Execution', id);
    if (exec.run_as_user_id !== actor.userId && !hasPermission(actor, 'automation:admin'))
      throw errors.forbidden('automation:admin');
    if (exec.status !== 'running' && exec.status !== 'waiting' && exec.status !== 'queued')
      throw errors.conflict(`The run is already ${exec.status}.`);
    await cancelRun(trx, exec);
    await writeAudit(trx, ctx, {
      action: 'execution.cancelled',
      entityType: 'automation.execution',
      entityId: id,
      before: { status: exec.status },
      after: { status: 'cancelled' },
    });
    return toExecutionDto((await repo.findExecution(trx, id))!);
  });
}

// ---- approvals -------------------------------------------------------------------------------------

const toApprovalDto = (row: repo.ApprovalRow) => ({
  id: row.id,
  executionId: row.execution_id,
  stepId: row.step_id,
  title: row.title,
  description: row.description,
  assigneeUserId: row.assignee_user_id,
  assigneeRole: row.assignee_role,
  form: row.form,
  status: row.status,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at?.toISOString() ?? null,
  values: row.values,
  comment: row.comment,
  createdAt: row.created_at.toISOString(),
});

/** My inbox: pending approvals assigned to me or to one of my roles. */
export async function myApprovals(db: Db, ctx: RequestContext, limit: number) {
  const actor = actorOf(ctx);
  const rows = await repo.pendingApprovalsFor(db, actor.userId, actor.roles, limit);
  return { items: rows.map(toApprovalDto), count: rows.length };
}

const mayDecide = (actor: Actor, a: repo.ApprovalRow) =>
  a.assignee_user_id === actor.userId ||
  (a.assignee_role !== null && actor.roles.includes(a.assignee_role)) ||
  hasPermission(actor, 'automation:admin');

/**
 * Approves or rejects: the decision, the form's values and the comment become the approval step's
 * output (`steps.<id>.decision`, `.values`), and the run continues with the next step.
 */
export async function decideApproval(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { decision: 'approve' | 'reject'; values: Record<string, unknown>; comment?: string | null | undefined },
) {
  const actor = actorOf(ctx);
  return inTransaction(db, async (trx) => {
    const approval = await repo.findApproval(trx, id, { forUpdate: true });
    if (!approval || !mayDecide(actor, approval)) throw errors.notFound('Approval', id);
    if (approval.status !== 'pending') throw errors.conflict(`The approval is already ${approval.status}.`);
    const form = FormField.array().parse(approval.form);
    if (input.decision === 'approve') {
      const problems = checkForm(form, input.values, 'values');
      if (problems.length > 0) throw errors.validation(problems);
    }
    const exec = await repo.findExecution(trx, approval.execution_id, { forUpdate: true });
    if (!exec || exec.status !== 'waiting' || exec.next_step !== approval.step_id)
      throw errors.conflict('The run is no longer waiting for this approval.');
    const decided = await repo.decideApproval(trx, id, {
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      decided_by: actor.userId,
      values: input.values,
      comment: input.comment ?? null,
    });
    const output = {
      decision: decided.status,
      values: input.values,
      comment: decided.comment,
      decidedBy: actor.userId,
      decidedAt: decided.decided_at!.toISOString(),
    };
    const definition = await definitionOf(trx, exec.flow_id, exec.version);
    const place = locate(definition, approval.step_id);
    const next = place ? successor(place, place.step.kind === 'approval' ? place.step.next : undefined) : null;
    await continueAfterWait(trx, exec, approval.step_id, output, next);
    await writeAudit(trx, ctx, {
      action: `approval.${decided.status}`,
      entityType: 'automation.approval',
      entityId: id,
      after: output,
    });
    return toApprovalDto(decided);
  });
}
