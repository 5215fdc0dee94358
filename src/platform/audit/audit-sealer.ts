import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import { chainHash, type SealableRecord } from './audit-hash.js';

/** Advisory-lock key of the sealer ('MOMSAUDT'). */
const SEAL_LOCK = 0x4d4f4d5341554454n;

export function selectSealable(db: Db | Tx) {
  return db
    .selectFrom('platform.audit_log')
    .select([
      'id',
      sql<string>`(extract(epoch from occurred_at) * 1000000)::bigint::text`.as('occurredUs'),
      'actor_id as actorId',
      'action',
      'entity_type as entityType',
      'entity_id as entityId',
      'before',
      'after',
      'request_id as requestId',
      'seq',
      'prev_hash as prevHash',
      'hash',
    ]);
}

export function toSealable(row: SealableRecord): SealableRecord {
  const { id, occurredUs, actorId, action, entityType, entityId, before, after, requestId } = row;
  return { id, occurredUs, actorId, action, entityType, entityId, before, after, requestId };
}

/**
 * Seals committed, unsealed audit records into the hash chain, in the order they became visible.
 * Writers never wait on this: it runs after their commit. One sealer at a time (advisory lock); with
 * `wait: false` a caller that finds another sealer at work leaves the rows to it (or to the next run).
 * Returns how many records were sealed.
 */
export async function sealAuditLog(db: Db, options: { wait?: boolean; batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let total = 0;
  for (;;) {
    const sealed = await db.transaction().execute(async (trx) => {
      if (options.wait) {
        await sql`select pg_advisory_xact_lock(${SEAL_LOCK})`.execute(trx);
      } else {
        const { rows } = await sql<{
          locked: boolean;
        }>`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as locked`.execute(trx);
        if (!rows[0]?.locked) return 0;
      }
      const head = await trx
        .selectFrom('platform.audit_head')
        .select(['last_seq', 'last_hash'])
        .where('id', '=', 1)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const rows = await selectSealable(trx).where('seq', 'is', null).orderBy('id').limit(batchSize).execute();
      if (rows.length === 0) return 0;

      let seq = BigInt(head.last_seq);
      let prev = head.last_hash;
      const ids: string[] = [];
      const seqs: string[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        seq += 1n;
        const hash = chainHash(prev, seq.toString(), toSealable(row));
        ids.push(row.id);
        seqs.push(seq.toString());
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      await sql`
        update platform.audit_log a
           set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
          from unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[])
               as v(id, seq, prev_hash, hash)
         where a.id = v.id`.execute(trx);
      await trx
        .updateTable('platform.audit_head')
        .set({ last_seq: seq.toString(), last_hash: prev, updated_at: new Date() })
        .where('id', '=', 1)
        .execute();
      return rows.length;
    });
    total += sealed;
    if (sealed < batchSize) return total;
  }
}
