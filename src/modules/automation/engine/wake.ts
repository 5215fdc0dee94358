import type { Db, Tx } from '../../../platform/db/database.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { parseCron, slotOf, type Cron } from '../../../platform/jobs/cron.js';
import { automationTick } from '../automation.module.js';
import { FlowDefinition } from '../flows/definition.js';
import * as flowsRepo from '../flows/flows.repository.js';
import { earliestDue } from '../runs/runs.repository.js';
import { cronMatchesInZone } from './cron-zone.js';

/**
 * Automation's clock without a standing schedule (docs/adr/0016): an idle installation must cost
 * nothing, and a minute tick would keep a pausing Aurora awake all month. So the tick is a job queued
 * for the moment something is due — a wait's `resume_at`, a scheduled flow's next slot — and each tick
 * queues the next one. Until then the jobs table holds one delayed row, and on AWS its SQS message
 * carries its due time, so the worker re-sends it without touching the database.
 */

/** How far ahead a scheduled flow's next slot is looked for; beyond it, a tick then looks again. */
const HORIZON_MINUTES = 7 * 24 * 60;

/** Queues a tick for `at` unless one is already queued for then or earlier (that one will queue the next). */
export async function wakeAt(trx: Tx, at: Date): Promise<void> {
  const earlier = await trx
    .selectFrom('platform.jobs')
    .select('id')
    .where('type', '=', automationTick.type)
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', at)
    .limit(1)
    .executeTakeFirst();
  if (!earlier) await enqueueJob(trx, { type: automationTick, payload: {}, createdBy: null, runAt: at });
}

/** The first minute after `after` that `cron` matches on the wall clock of `timeZone`, within the horizon. */
export function nextSlot(cron: Cron, after: Date, timeZone: string): Date | null {
  const start = slotOf(after).getTime() + 60_000;
  for (let i = 0; i < HORIZON_MINUTES; i++) {
    const slot = new Date(start + i * 60_000);
    if (cronMatchesInZone(cron, slot, timeZone)) return slot;
  }
  return null;
}

/** When a scheduled flow's tick is next due after `at` (the horizon when no slot is in it); null: not scheduled. */
function nextWakeOf(definition: unknown, at: Date): Date | null {
  const parsed = FlowDefinition.safeParse(definition);
  if (!parsed.success || parsed.data.trigger.kind !== 'schedule') return null;
  const { cron, timeZone } = parsed.data.trigger;
  return nextSlot(parseCron(cron), at, timeZone) ?? new Date(at.getTime() + HORIZON_MINUTES * 60_000);
}

/** Queues a tick for a newly published or enabled scheduled flow's next slot. */
export async function wakeForFlow(trx: Tx, definition: unknown, at: Date): Promise<void> {
  const next = nextWakeOf(definition, at);
  if (next) await wakeAt(trx, next);
}

/**
 * After a tick (and once a day, the safety net): queues the next one for the earliest wait, approval
 * timer or scheduled slot to come, if any, unless one is queued for then or earlier.
 */
export async function wakeForNext(db: Db, at: Date): Promise<Date | null> {
  let next: Date | null = await earliestDue(db);
  for (const flow of await flowsRepo.scheduledFlows(db)) {
    const slot = nextWakeOf(flow.definition, at);
    if (slot && (next === null || slot < next)) next = slot;
  }
  if (next === null) return null;
  const when = next < at ? at : next;
  await db.transaction().execute((trx) => wakeAt(trx, when));
  return when;
}

/**
 * The cheap safety net (run with every event delivery): when a wait or an approval timer is already
 * due and no tick is queued for now or earlier — the tick failed all its tries, or its job was lost —
 * one is queued now. Two probes of partial indexes; nothing when nothing is due.
 */
export async function ensureTickForDue(trx: Tx, at: Date): Promise<boolean> {
  const earliest = await earliestDue(trx);
  if (earliest === null || earliest > at) return false;
  const queued = await trx
    .selectFrom('platform.jobs')
    .select('id')
    .where('type', '=', automationTick.type)
    .where('status', 'in', ['queued', 'running'])
    .where('next_attempt_at', '<=', at)
    .limit(1)
    .executeTakeFirst();
  if (queued) return false;
  await enqueueJob(trx, { type: automationTick, payload: {}, createdBy: null, runAt: at });
  return true;
}
