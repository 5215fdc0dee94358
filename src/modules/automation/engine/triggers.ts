import type { DeliveredEvent } from '../../../platform/events/event-types.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { parseCron, slotOf } from '../../../platform/jobs/cron.js';
import { cronMatchesInZone } from './cron-zone.js';
import { ensureTickForDue, wakeForNext } from './wake.js';
import { handleDueApprovals, resumeEventWaits } from './waits.js';
import { logger } from '../../../platform/observability/logger.js';
import { FlowDefinition } from '../flows/definition.js';
import * as flowsRepo from '../flows/flows.repository.js';
import { now } from './clock.js';
import { resumeDueExecutions, startExecution } from './engine.js';
import { evaluate } from './expressions.js';

/**
 * The catch-all subscriber: starts every published flow the event's type triggers and whose filter
 * holds, in the delivery's transaction. A second delivery of the event starts nothing (the platform
 * records the delivery, and each execution's trigger key is the event id).
 */
export async function onAnyEvent(event: DeliveredEvent, trx: Tx): Promise<void> {
  // Runs waiting for this event type (an index lookup), and the tick's safety net.
  await resumeEventWaits(trx, event);
  await ensureTickForDue(trx, now());
  const flows = await flowsRepo.flowsTriggeredBy(trx, event.type);
  for (const flow of flows) {
    const definition = FlowDefinition.parse(flow.definition);
    if (definition.trigger.kind !== 'event') continue;
    const trigger = {
      type: 'event',
      event: event.type,
      eventId: event.id,
      payload: event.payload,
      occurredAt: event.occurredAt.toISOString(),
      actorId: event.actorId,
    };
    if (definition.trigger.filter) {
      let matches: unknown;
      try {
        matches = await evaluate(definition.trigger.filter, { trigger });
      } catch (error) {
        logger.warn('automation: an event filter failed', { flowId: flow.id, error: (error as Error).message });
        continue;
      }
      if (!matches) continue;
    }
    await startExecution(trx, {
      flowId: flow.id,
      version: flow.version,
      definition,
      runAsUserId: flow.run_as_user_id,
      trigger,
      triggerKey: `event:${event.id}`,
      startedBy: null,
    });
  }
}

/** Minutes looked back on each tick, so a late tick still starts the minute it missed (once: the trigger key). */
const LOOKBACK_MINUTES = 5;

/** Starts the scheduled flows due in the last few minutes (each slot once per flow). */
export async function fireScheduledFlows(db: Db, at: Date = now()): Promise<number> {
  let started = 0;
  const until = slotOf(at).getTime();
  for (const flow of await flowsRepo.scheduledFlows(db)) {
    const definition = FlowDefinition.parse(flow.definition);
    if (definition.trigger.kind !== 'schedule') continue;
    const cron = parseCron(definition.trigger.cron);
    for (let t = until - (LOOKBACK_MINUTES - 1) * 60_000; t <= until; t += 60_000) {
      const slot = new Date(t);
      if (slot < slotOf(flow.published_at) || !cronMatchesInZone(cron, slot, definition.trigger.timeZone)) continue;
      const id = await db.transaction().execute((trx) =>
        startExecution(trx, {
          flowId: flow.id,
          version: flow.version,
          definition,
          runAsUserId: flow.run_as_user_id,
          trigger: { type: 'schedule', at: slot.toISOString() },
          triggerKey: `schedule:${slot.toISOString()}`,
          startedBy: null,
        }),
      );
      if (id) started++;
    }
  }
  return started;
}

/** The tick: due waits resume (or time out), approvals' timers fire, scheduled flows start. */
export async function automationTickRun(
  db: Db,
): Promise<{ resumed: number; approvals: number; started: number; nextTick: Date | null }> {
  const at = now();
  const resumed = await resumeDueExecutions(db, at);
  const approvals = await handleDueApprovals(db, at);
  const started = await fireScheduledFlows(db, at);
  // No standing schedule: this tick queues the next one (engine/wake.ts).
  return { resumed, approvals, started, nextTick: await wakeForNext(db, at) };
}
