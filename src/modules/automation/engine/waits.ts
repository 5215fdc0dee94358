import type { DeliveredEvent } from '../../../platform/events/event-types.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { sendMail } from '../../../platform/mail/send-mail.js';
import { notify } from '../../../platform/notifications/notify.js';
import { logger } from '../../../platform/observability/logger.js';
import { actorOf, activeUsersInRole } from '../../auth/index.js';
import { approvalReminder } from '../automation.module.js';
import { locate, successor, type DurationValue, type StepDefinition } from '../flows/definition.js';
import * as repo from '../runs/runs.repository.js';
import { now } from './clock.js';
import { continueAfterWait, definitionOf, durationMs, expressionContext, nextApprovalDue } from './engine.js';
import { evaluate } from './expressions.js';
import { wakeAt } from './wake.js';

/**
 * Waits for an event and approvals' timers (docs/adr/0016, "Engine additions"). A run waiting for an
 * event is a row (`status = waiting`, `wait_event` = its type, `resume_at` = its timeout); the
 * catch-all subscriber looks the event's type up in the partial index `executions_wait_event` — not
 * a scan of every wait — and resumes the runs whose `match` holds. Timeouts, reminders, escalations
 * and deadlines are due times the tick finds (engine/wake.ts); nothing runs in between.
 */

/** Resumes the runs waiting for this event's type whose `match` holds (in the delivery's transaction). */
export async function resumeEventWaits(trx: Tx, event: DeliveredEvent): Promise<number> {
  let resumed = 0;
  for (const exec of await repo.waitingForEvent(trx, event.type)) {
    if (exec.next_step === null) continue;
    const def = await definitionOf(trx, exec.flow_id, exec.version);
    const place = locate(def, exec.next_step);
    if (!place || place.step.kind !== 'wait' || place.step.event !== event.type) continue;
    const seen = {
      id: event.id,
      type: event.type,
      payload: event.payload,
      occurredAt: event.occurredAt.toISOString(),
      actorId: event.actorId,
    };
    if (place.step.match) {
      let matches: unknown;
      try {
        matches = await evaluate(place.step.match, { ...expressionContext(exec, place), event: seen });
      } catch (error) {
        logger.warn('automation: a wait’s match failed', { executionId: exec.id, error: (error as Error).message });
        continue;
      }
      if (!matches) continue;
    }
    await continueAfterWait(
      trx,
      exec,
      place.step.id,
      { timedOut: false, event: seen },
      successor(place, place.step.next),
    );
    resumed++;
  }
  return resumed;
}

type ApprovalStep = Extract<StepDefinition, { kind: 'approval' }>;
type Assignee = ApprovalStep['assignee'];

async function usersOf(trx: Tx, assignee: { userId: string | null; role: string | null }): Promise<string[]> {
  if (assignee.userId) return [assignee.userId];
  return assignee.role ? activeUsersInRole(trx, assignee.role) : [];
}

/** The active users' email addresses (through auth's public surface). */
async function emailsOf(trx: Tx, userIds: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of userIds) {
    const actor = await actorOf(trx, id);
    if (actor) out.push(actor.email);
  }
  return out;
}

/** Tells the approval's assignees in the app and by email (a reminder, or the escalation's new assignees). */
async function tell(trx: Tx, approval: repo.ApprovalRow, users: string[], escalated: boolean, key: string) {
  await notify(trx, users, {
    kind: escalated ? 'automation.approval-escalated' : 'automation.approval-reminder',
    title: escalated ? `Approval escalated to you: ${approval.title}` : `Reminder: approval waiting: ${approval.title}`,
    link: `/automation/approvals/${approval.id}`,
    dedupeKey: `approval:${approval.id}:${key}`,
  });
  const emails = await emailsOf(trx, users);
  for (let i = 0; i < emails.length; i += 50)
    await sendMail(trx, {
      template: approvalReminder,
      data: { title: approval.title, escalated },
      to: emails.slice(i, i + 50),
      createdBy: null,
    });
}

/**
 * Handles one due approval (its row locked): the reminder, the escalation (reassigned, the new
 * assignees told) and the deadline (expired; the run goes to `onDeadline`, default `next`), each
 * once, in that order; then its next due time.
 */
async function handleDueApproval(trx: Tx, approval: repo.ApprovalRow, at: Date): Promise<void> {
  const exec = await repo.findExecution(trx, approval.execution_id, { forUpdate: true });
  if (!exec || exec.status !== 'waiting' || exec.next_step !== approval.step_id) {
    await repo.updateApproval(trx, approval.id, { due_at: null });
    return;
  }
  const def = await definitionOf(trx, exec.flow_id, exec.version);
  const place = locate(def, approval.step_id);
  if (!place || place.step.kind !== 'approval') {
    await repo.updateApproval(trx, approval.id, { due_at: null });
    return;
  }
  const step = place.step;
  const created = new Date(approval.requested_at ?? approval.created_at);
  const passed = (d: DurationValue | undefined) => d !== undefined && created.getTime() + durationMs(d) <= at.getTime();
  if (passed(step.deadline)) {
    await repo.updateApproval(trx, approval.id, { status: 'expired', due_at: null });
    const output = { decision: 'expired', values: {}, comment: null, decidedBy: null, decidedAt: at.toISOString() };
    await continueAfterWait(trx, exec, step.id, output, successor(place, step.onDeadline ?? step.next));
    return;
  }
  let reminded = approval.reminded_at !== null;
  let escalated = approval.escalated_at !== null;
  if (!escalated && step.escalateTo && passed(step.escalateAfter)) {
    const to: Assignee = step.escalateTo;
    const target = { userId: 'userId' in to ? to.userId : null, role: 'role' in to ? to.role : null };
    await repo.updateApproval(trx, approval.id, {
      escalated_at: at,
      assignee_user_id: target.userId,
      assignee_role: target.role,
    });
    await tell(trx, approval, await usersOf(trx, target), true, 'escalated');
    escalated = true;
    reminded = true; // the new assignees were just told
  } else if (!reminded && passed(step.remindAfter)) {
    await repo.updateApproval(trx, approval.id, { reminded_at: at });
    const users = await usersOf(trx, { userId: approval.assignee_user_id, role: approval.assignee_role });
    await tell(trx, approval, users, false, 'reminder');
    reminded = true;
  }
  const next = nextApprovalDue(step, created, { reminded, escalated });
  await repo.updateApproval(trx, approval.id, { due_at: next });
  if (next) await wakeAt(trx, next);
}

/** The tick's approvals pass: reminders, escalations and deadlines that have come (each approval in its own transaction). */
export async function handleDueApprovals(db: Db, at: Date = now(), limit = 100): Promise<number> {
  let total = 0;
  for (;;) {
    const taken = await db.transaction().execute(async (trx) => {
      const due = await repo.takeDueApprovals(trx, at, limit);
      for (const approval of due) await handleDueApproval(trx, approval, at);
      return due.length;
    });
    total += taken;
    if (taken < limit) return total;
  }
}
