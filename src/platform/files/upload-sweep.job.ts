import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import type { JobContext, JobOutcome } from '../jobs/job-registry.js';
import { jobFileStore } from '../jobs/job-files.js';
import type { UploadSweepPayload } from './upload-sweep.js';

type Payload = UploadSweepPayload;

/**
 * Deletes abandoned uploads a batch at a time: each batch's rows locked (two sweeps never take the
 * same ones), their stored bytes removed (removing a missing object is harmless, so a batch that
 * fails after that is simply done again), then the rows. Returns how many it removed.
 */
export async function sweepAbandonedUploads(db: Db, payload: Payload): Promise<number> {
  const store = await jobFileStore();
  let total = 0;
  for (;;) {
    const n = await inTransaction(db, async (trx) => {
      const rows = await trx
        .selectFrom('platform.file_uploads')
        .select(['id', 'object_key'])
        .where('status', '=', 'pending')
        .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${payload.abandonedAfterHours})`)
        .where('expires_at', '<', sql<Date>`now()`)
        .orderBy('created_at')
        .limit(payload.batch)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      for (const row of rows) await store.delete(row.object_key);
      await trx
        .deleteFrom('platform.file_uploads')
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      return rows.length;
    });
    total += n;
    if (n < payload.batch) return total;
  }
}

export async function runUploadSweep(payload: Payload, ctx: JobContext): Promise<JobOutcome> {
  return { result: { uploads: await sweepAbandonedUploads(ctx.db, payload) } };
}
