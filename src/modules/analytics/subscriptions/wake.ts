import type { Tx } from '../../../platform/db/database.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { analyticsSubscriptionsDueJob } from '../analytics.module.js';

/**
 * Subscriptions' clock without a standing schedule (docs/adr/0019, as automation's wake): an idle
 * installation — or one whose subscriptions are all in the future — holds one delayed job row at
 * most, due when the earliest subscription is. Each tick queues the next.
 */
export async function wakeAt(trx: Tx, at: Date): Promise<void> {
  const earlier = await trx
    .selectFrom('platform.jobs')
    .select('id')
    .where('type', '=', analyticsSubscriptionsDueJob.type)
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', at)
    .limit(1)
    .executeTakeFirst();
  if (!earlier) await enqueueJob(trx, { type: analyticsSubscriptionsDueJob, payload: {}, createdBy: null, runAt: at });
}

/** Queues a tick for the earliest active subscription's next run (none: nothing queued). */
export async function wakeForNext(trx: Tx): Promise<Date | null> {
  const next = await trx
    .selectFrom('analytics.subscriptions')
    .select('next_run_at')
    .where('active', '=', true)
    .where('next_run_at', 'is not', null)
    .orderBy('next_run_at')
    .limit(1)
    .executeTakeFirst();
  if (!next?.next_run_at) return null;
  const at = new Date(next.next_run_at);
  await wakeAt(trx, at);
  return at;
}
