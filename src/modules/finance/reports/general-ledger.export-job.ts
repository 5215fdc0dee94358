import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { objectKey, type WrittenFile } from '../../../platform/files/file-store.js';
import { csvLine } from '../../../platform/http/csv-export.js';
import { toCsv } from '../../../platform/http/csv.js';
import { JobCancelledError, type JobContext, type JobOutcome } from '../../../platform/jobs/job-registry.js';
import { jobFileStore } from '../../../platform/jobs/job-files.js';
import { canCopy } from '../../../platform/jobs/pg-copy.js';
import { baseCurrency } from '../ledger/chart.js';
import { Money, format } from '../money.js';
import { GL_EXPORT_CHUNK, GL_EXPORT_COPY_CHUNK, type GeneralLedgerExportPayload } from './general-ledger.export.js';
import {
  queryChunk,
  copyChunk,
  type ChunkEnd,
  type LinesChunk,
  type LinesScope,
} from './general-ledger.export-lines.js';
import * as repo from './general-ledger.repository.js';
import { natural } from './report-common.js';

type Payload = GeneralLedgerExportPayload;

/**
 * Where the export is. The file is written in segments: one streamed file per invocation (usually
 * the only one). The checkpoint moves at the end of a segment, when its file is complete: a worker
 * that dies mid-segment leaves no file behind (the store aborts the write) and the next try writes
 * that segment again from the saved cursor and balance.
 */
interface Checkpoint {
  key: string;
  /** The header and the opening row (the start of the first segment). */
  opening: string;
  name: string;
  currency: string;
  accountType: string;
  total: number;
  closingRow: string;
  /** The last line in a complete segment (keyset on date, id). */
  cursor: { d: string; id: string } | null;
  /** The running balance after the cursor's line (exact, unformatted). */
  balance: string;
  rows: number;
  /** Complete segments. */
  parts: number;
  /** Every line is in a segment; only joining them (when there are several) is left. */
  linesDone: boolean;
  /** The first segment's file (the whole export when it is the only one). */
  first?: WrittenFile;
  /** The final file is written (only removing the segments is left). */
  final?: WrittenFile;
}

export const GL_HEADER = ['date', 'entry_number', 'reference', 'memo', 'description', 'debit', 'credit', 'balance'];
const HEADER_TEXT = toCsv(GL_HEADER, []);
/**
 * Segment `n`'s file. The first is the export's own key: an export that ends in one invocation (the
 * usual case) is then complete without copying; several are joined into `<key>.all`.
 */
export const partKey = (key: string, n: number) => (n === 0 ? key : `${key}.part-${String(n).padStart(6, '0')}`);
const joinedKey = (key: string) => `${key}.all`;
/** Stop a segment with this much time left (a chunk plus closing the file takes far less). */
const RESERVE_MS = 5_000;
/** Close a segment (and save the checkpoint) after this long, so a crash loses at most this much work. */
const SEGMENT_MS = 120_000;
/** Ask whether the job was cancelled every this many chunks. */
const CANCEL_EVERY = 10;
const CSV_TYPE = 'text/csv; charset=utf-8';

async function start(ctx: JobContext<Checkpoint>, payload: Payload): Promise<Checkpoint> {
  const account = await repo.findLedgerAccount(ctx.db, payload.accountId);
  if (!account) throw new Error(`There is no account ${payload.accountId}.`);
  const currency = await baseCurrency(ctx.db);
  const totals = await repo.ledgerTotals(ctx.db, account.id, payload.from, payload.to);
  const opening = natural(account.type, totals.od, totals.oc);
  const closing = opening.plus(natural(account.type, totals.pd, totals.pc));
  const count = await ctx.db
    .selectFrom('finance.journal_lines')
    .select(sql<string>`count(*)`.as('n'))
    .where('account_id', '=', account.id)
    .where('posted_date', 'is not', null)
    .where('posted_date', '>=', payload.from)
    .where('posted_date', '<=', payload.to)
    .executeTakeFirstOrThrow();
  return {
    key: objectKey('results', ctx.jobId),
    name: `general-ledger-${account.code}-${payload.from}-${payload.to}.csv`,
    currency,
    accountType: account.type,
    total: Number(count.n),
    closingRow: csvLine([
      payload.to,
      '',
      '',
      '',
      'Closing balance',
      format(new Money(totals.pd), currency),
      format(new Money(totals.pc), currency),
      format(closing, currency),
    ]),
    cursor: null,
    balance: opening.toFixed(),
    rows: 0,
    parts: 0,
    linesDone: false,
    opening: HEADER_TEXT + csvLine([payload.from, '', '', '', 'Opening balance', '', '', format(opening, currency)]),
  };
}

type ReadChunk = (
  scope: LinesScope,
  cursor: Checkpoint['cursor'],
  balance: string,
  limit: number,
) => Promise<LinesChunk>;

/**
 * Streams one segment: chunks of lines on a keyset cursor, each chunk's CSV handed to the file
 * store as it is made (the store pulls, so a slow store slows the reads: bounded memory). On
 * PostgreSQL over TCP a chunk is a `COPY … TO STDOUT` whose bytes flow from the server into the
 * file (the socket pauses while the store is busy); elsewhere a query, the next chunk's read under
 * way while this one is written. Stops when every line is in, when the invocation runs short of
 * time, or after SEGMENT_MS; returns the checkpoint after it.
 */
async function writeSegment(ctx: JobContext<Checkpoint>, payload: Payload, cp: Checkpoint): Promise<Checkpoint> {
  const copy = canCopy(ctx.db);
  const read: ReadChunk = (scope, cursor, balance, limit) =>
    (copy ? copyChunk : queryChunk)(ctx.db, scope, cursor, balance, limit);
  return writeSegmentWith(ctx, payload, cp, read, payload.chunkSize ?? (copy ? GL_EXPORT_COPY_CHUNK : GL_EXPORT_CHUNK));
}

async function writeSegmentWith(
  ctx: JobContext<Checkpoint>,
  payload: Payload,
  cp: Checkpoint,
  read: ReadChunk,
  limit: number,
): Promise<Checkpoint> {
  const store = await jobFileStore();
  const scope: LinesScope = { payload, currency: cp.currency, accountType: cp.accountType };
  const began = Date.now();
  let cursor = cp.cursor;
  let balance = cp.balance;
  let rows = cp.rows;
  let done = false;
  const short = () => ctx.remainingMs() < RESERVE_MS || Date.now() - began > SEGMENT_MS;

  async function* segment(): AsyncGenerator<Buffer> {
    if (cp.parts === 0) yield Buffer.from(cp.opening);
    let pending: Promise<LinesChunk> | null = read(scope, cursor, balance, limit);
    for (let chunk = 1; pending; chunk++) {
      const lines: LinesChunk = await pending;
      pending = null;
      let stop = false;
      const advance = (end: ChunkEnd) => {
        done = end.count < limit;
        if (end.last) {
          cursor = { d: end.last.d, id: end.last.id };
          balance = end.last.balance;
        }
        rows += end.count;
        stop = done || short();
        // Overlap (query path): the next read runs while this chunk is written (a read left over
        // when the job turns out cancelled is dropped).
        if (!stop && lines.known) {
          pending = read(scope, cursor, balance, limit);
          pending.catch(() => undefined);
        }
      };
      if (lines.known) advance(lines.known);
      for await (const piece of lines.pieces) yield piece;
      if (!lines.known) {
        advance(lines.end());
        if (!stop) pending = read(scope, cursor, balance, limit);
      }
      if (done) yield Buffer.from(cp.closingRow);
      const pct = cp.total > 0 ? (95 * rows) / cp.total : 95;
      const [, cancelled] = await Promise.all([
        ctx.progress(Math.min(95, pct), `${rows.toLocaleString('en')} of ${cp.total.toLocaleString('en')} lines`),
        chunk % CANCEL_EVERY === 0 ? ctx.isCancelled() : false,
      ]);
      if (cancelled) throw new JobCancelledError();
    }
  }

  const written = await store.write(partKey(cp.key, cp.parts), Readable.from(segment(), { objectMode: false }), {
    contentType: CSV_TYPE,
  });
  return {
    ...cp,
    cursor,
    balance,
    rows,
    parts: cp.parts + 1,
    linesDone: done,
    ...(cp.parts === 0 ? { first: { key: written.key, size: written.size, sha256: written.sha256 } } : {}),
  };
}

/**
 * Writes the general ledger CSV: segments of streamed chunks (see `writeSegment`), a checkpoint
 * after each; an export that needs several invocations has its segments streamed into one file at
 * the end, then removed.
 */
export async function runGeneralLedgerExport(payload: Payload, ctx: JobContext<Checkpoint>): Promise<JobOutcome> {
  const store = await jobFileStore();
  let cp = (await ctx.checkpoint.load()) ?? (await start(ctx, payload));
  while (!cp.linesDone) {
    cp = await writeSegment(ctx, payload, cp);
    await ctx.checkpoint.save(cp);
    if (!cp.linesDone && ctx.remainingMs() < RESERVE_MS) return 'continue';
  }
  const { key, parts } = cp;
  if (!cp.final) {
    if (parts === 1) cp = { ...cp, final: cp.first! };
    else {
      async function* joined() {
        for (let n = 0; n < parts; n++) {
          for await (const chunk of await store.read(partKey(key, n))) yield chunk as Uint8Array;
        }
      }
      const written = await store.write(joinedKey(key), Readable.from(joined()), { contentType: CSV_TYPE });
      cp = { ...cp, final: { key: written.key, size: written.size, sha256: written.sha256 } };
    }
    await ctx.checkpoint.save(cp);
  }
  if (parts > 1) for (let n = 0; n < parts; n++) await store.delete(partKey(key, n));
  const final = cp.final!;
  return {
    result: {
      file: { key: final.key, name: cp.name, contentType: CSV_TYPE },
      size: final.size,
      sha256: final.sha256,
      rows: cp.rows,
    },
  };
}
