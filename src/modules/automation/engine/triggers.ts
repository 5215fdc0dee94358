import type { DeliveredEvent } from '../../../platform/events/event-types.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { parseCron, slotOf, type Cron } from '../../../platform/jobs/cron.js';
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

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Whether `cron` matches the minute `at` on the wall clock of `timeZone`. */
export function cronMatchesInZone(cron: Cron, at: Date, timeZone: string): boolean {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return (
    cron.minutes.has(Number(get('minute'))) &&
    cron.hours.has(Number(get('hour'))) &&
    cron.months.has(Number(get('month'))) &&
    cron.daysOfMonth.has(Number(get('day'))) &&
    cron.daysOfWeek.has(WEEKDAYS[get('weekday')] ?? -1)
  );
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

/** The minute tick: due waits resume, scheduled flows start. */
export async function automationTickRun(db: Db): Promise<{ resumed: number; started: number }> {
  const at = now();
  return { resumed: await resumeDueExecutions(db, at), started: await fireScheduledFlows(db, at) };
}
