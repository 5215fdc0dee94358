import type { Db } from '../db/database.js';
import { chainHash, type SealableRecord } from './audit-hash.js';
import { sealAuditLog, selectSealable, toSealable } from './audit-sealer.js';

export type ChainProblem =
  | { kind: 'altered'; seq: string; id: string; detail: string }
  | { kind: 'missing'; seq: string; detail: string }
  | { kind: 'broken-link'; seq: string; id: string; detail: string }
  | { kind: 'truncated' | 'head-mismatch'; seq: string; detail: string };

export interface ChainReport {
  ok: boolean;
  checked: number;
  lastSeq: string;
  firstProblem: ChainProblem | null;
}

/**
 * Seals what is pending, then walks the chain from the start and reports the first record that was
 * altered, removed, or re-linked, or a chain shorter than its recorded head.
 */
export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<ChainReport> {
  await sealAuditLog(db, { wait: true });
  const head = await db
    .selectFrom('platform.audit_head')
    .select(['last_seq', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();

  let expectedSeq = 1n;
  let prev = '';
  let checked = 0;
  const fail = (problem: ChainProblem): ChainReport => ({
    ok: false,
    checked,
    lastSeq: head.last_seq,
    firstProblem: problem,
  });

  for (;;) {
    const rows = await selectSealable(db)
      .where('seq', 'is not', null)
      .where('seq', '>=', expectedSeq.toString())
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      const seq = BigInt(row.seq!);
      if (seq !== expectedSeq) {
        return fail({ kind: 'missing', seq: expectedSeq.toString(), detail: `Record #${expectedSeq} is missing.` });
      }
      if (row.prevHash !== prev) {
        return fail({
          kind: 'broken-link',
          seq: row.seq!,
          id: row.id,
          detail: `Record #${row.seq} does not link to the record before it.`,
        });
      }
      if (chainHash(prev, row.seq!, toSealable(row as SealableRecord)) !== row.hash) {
        return fail({
          kind: 'altered',
          seq: row.seq!,
          id: row.id,
          detail: `Record #${row.seq} (id ${row.id}) was altered after it was sealed.`,
        });
      }
      prev = row.hash!;
      expectedSeq += 1n;
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }
  const last = (expectedSeq - 1n).toString();
  if (last !== head.last_seq || prev !== head.last_hash) {
    return fail({
      kind: BigInt(head.last_seq) > expectedSeq - 1n ? 'truncated' : 'head-mismatch',
      seq: last,
      detail: `The chain ends at #${last} but its head says #${head.last_seq}: records were removed from the end or the head was changed.`,
    });
  }
  return { ok: true, checked, lastSeq: head.last_seq, firstProblem: null };
}
