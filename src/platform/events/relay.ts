import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { MAX_DELAY_SECONDS, type Dispatcher, type JobMessage } from '../jobs/dispatch.js';
import { insertJob } from '../jobs/enqueue.js';
import type { WorkRegistry } from '../jobs/work-registry.js';

export interface RelayOptions {
  registry: WorkRegistry;
  /** Where committed jobs go; without one, jobs stay for a worker that polls the table (locally). */
  dispatcher?: Dispatcher | undefined;
  /**
   * The sweeper's mode: only rows at least this old (so a request's own relay, running right after
   * its commit, is not raced), and jobs whose message seems lost (dispatched this long ago and still
   * not running, or running with an expired lease) are dispatched again.
   */
  sweepAfterMs?: number;
  batchSize?: number;
}

export interface RelayReport {
  events: number;
  deliveries: number;
  dispatched: number;
}

const ago = (ms: number) => sql<Date>`now() - make_interval(secs => ${ms / 1000})`;

/**
 * The relay, run after a commit that wrote events or jobs, and (with `sweepAfterMs`) by the sweeper
 * for rows a crashed process left behind. Two steps, each in short transactions that lock the rows
 * they take (`FOR UPDATE SKIP LOCKED`, so relays in several processes share the work):
 * 1. Each new outbox row becomes one `platform.event-delivery` job per subscriber of its type, and is
 *    marked relayed in the same transaction (so an event fans out once).
 * 2. Each queued job not yet dispatched is marked dispatched and committed, then sent to the
 *    dispatcher. Sending after the commit matters: a worker woken by the message claims with
 *    `SKIP LOCKED`, and would pass over a row this relay still held. If sending fails the rows are
 *    marked undispatched again for the next relay; if the process dies between the commit and the
 *    send, the sweeper finds the job dispatched long ago and still queued, and sends it again.
 */
export async function relay(db: Db, options: RelayOptions): Promise<RelayReport> {
  const batch = options.batchSize ?? 100;
  const report: RelayReport = { events: 0, deliveries: 0, dispatched: 0 };
  for (;;) {
    const taken = await db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('platform.outbox').select(['id', 'event_type']).where('relayed_at', 'is', null);
      if (options.sweepAfterMs !== undefined) q = q.where('occurred_at', '<', ago(options.sweepAfterMs));
      const rows = await q.orderBy('occurred_at').limit(batch).forUpdate().skipLocked().execute();
      if (rows.length === 0) return 0;
      for (const row of rows) {
        for (const subscriber of options.registry.subscribersOf(row.event_type)) {
          await insertJob(trx, options.registry.eventDelivery, { eventId: row.id, subscriber }, null);
          report.deliveries++;
        }
      }
      await trx
        .updateTable('platform.outbox')
        .set({ relayed_at: sql<Date>`now()` })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      return rows.length;
    });
    report.events += taken;
    if (taken < batch) break;
  }

  const dispatcher = options.dispatcher;
  if (!dispatcher) return report;
  for (;;) {
    const rows = await db.transaction().execute(async (trx) => {
      let q = trx
        .selectFrom('platform.jobs')
        .select([
          'id',
          'type',
          'next_attempt_at',
          sql<number>`greatest(0, ceil(extract(epoch from next_attempt_at - now())))::int`.as('delay'),
        ]);
      if (options.sweepAfterMs === undefined) {
        q = q.where('status', '=', 'queued').where('dispatched_at', 'is', null);
      } else {
        const stale = ago(options.sweepAfterMs);
        q = q.where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('dispatched_at', 'is', null), eb('created_at', '<', stale)]),
            // Dispatched, due, and still not taken: the message was lost (or went to the dead letters).
            eb.and([eb('status', '=', 'queued'), eb('dispatched_at', '<', stale), eb('next_attempt_at', '<', stale)]),
            // A worker stopped mid-job (crash, timeout): wake one to take it over.
            eb.and([
              eb('status', '=', 'running'),
              eb('lease_expires_at', '<', sql<Date>`now()`),
              eb.or([eb('dispatched_at', 'is', null), eb('dispatched_at', '<', stale)]),
            ]),
          ]),
        );
      }
      const taken = await q.orderBy('created_at').limit(batch).forUpdate().skipLocked().execute();
      if (taken.length > 0)
        await trx
          .updateTable('platform.jobs')
          .set({ dispatched_at: sql<Date>`now()` })
          .where(
            'id',
            'in',
            taken.map((r) => r.id),
          )
          .execute();
      return taken;
    });
    if (rows.length === 0) break;
    try {
      await dispatcher.dispatch(
        rows.map((r) => ({
          message: {
            kind: 'job',
            id: r.id,
            type: r.type,
            ...(r.delay > MAX_DELAY_SECONDS ? { notBefore: new Date(r.next_attempt_at).toISOString() } : {}),
          } satisfies JobMessage,
          delaySeconds: r.delay,
        })),
      );
    } catch (error) {
      // Not sent: the next relay (or the sweeper) sends them. A job already taken is left as it is.
      await db
        .updateTable('platform.jobs')
        .set({ dispatched_at: null })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .where('status', '=', 'queued')
        .execute()
        .catch(() => undefined);
      throw error;
    }
    report.dispatched += rows.length;
    if (rows.length < batch) break;
  }
  return report;
}
