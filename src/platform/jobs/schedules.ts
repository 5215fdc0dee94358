import type { Db } from '../db/database.js';
import { slotOf, slotsBetween } from './cron.js';
import { insertJob } from './enqueue.js';
import type { WorkRegistry } from './work-registry.js';

export interface FireResult {
  /** False when this slot had already fired (the job was enqueued by the first firing). */
  fired: boolean;
  jobId: string | null;
}

/**
 * Fires a schedule for one slot (the minute it is due): enqueues its job, once. The slot's row and the
 * job are written in one transaction, and the row's primary key refuses a second firing of the same
 * slot (EventBridge delivers at least once; two local processes may both fire).
 */
export async function fireSchedule(db: Db, registry: WorkRegistry, name: string, at: Date): Promise<FireResult> {
  const schedule = registry.schedules.get(name);
  if (!schedule) throw new Error(`No schedule ${name} in this installation`);
  const slot = slotOf(at);
  return db.transaction().execute(async (trx) => {
    const first = await trx
      .insertInto('platform.schedule_runs')
      .values({ schedule: name, slot })
      .onConflict((oc) => oc.doNothing())
      .returning('schedule')
      .executeTakeFirst();
    if (!first) return { fired: false, jobId: null };
    const job = await insertJob(trx, schedule.job, await schedule.payload(), null);
    await trx
      .updateTable('platform.schedule_runs')
      .set({ job_id: job.id })
      .where('schedule', '=', name)
      .where('slot', '=', slot)
      .execute();
    return { fired: true, jobId: job.id };
  });
}

/** Fires every schedule due after `after` up to `until` (the local scheduler's tick). */
export async function fireDueSchedules(db: Db, registry: WorkRegistry, after: Date, until: Date): Promise<number> {
  let fired = 0;
  for (const schedule of registry.schedules.values()) {
    for (const slot of slotsBetween(schedule.parsed, after, until)) {
      if ((await fireSchedule(db, registry, schedule.name, slot)).fired) fired++;
    }
  }
  return fired;
}
