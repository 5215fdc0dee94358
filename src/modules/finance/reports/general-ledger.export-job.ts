import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { z } from 'zod';
import { objectKey, type WrittenFile } from '../../../platform/files/file-store.js';
import { csvLine } from '../../../platform/http/csv-export.js';
import { toCsv } from '../../../platform/http/csv.js';
import { JobCancelledError, type JobContext, type JobOutcome } from '../../../platform/jobs/job-registry.js';
import { jobFileStore } from '../../../platform/jobs/job-files.js';
import { baseCurrency } from '../ledger/chart.js';
import { Money, format, minorUnits } from '../money.js';
import type { GeneralLedgerExportPayload } from './general-ledger.export.js';
import * as repo from './general-ledger.repository.js';
import { natural, normalSide } from './report-common.js';

type Payload = z.output<typeof GeneralLedgerExportPayload>;

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

/**
 * A text column as a CSV cell by `toCsv`'s rules, in SQL: the formula prefix, then quoting when
 * needed. First-character and strpos tests rather than regular expressions: the usual cell needs
 * neither, and these are what the database spends its time on per line.
 */
const prefixed = (column: string) =>
  `case when left(${column}, 1) in ('=', '+', '-', '@', chr(9), chr(13)) and ${column} !~ '^-?[0-9]+(\\.[0-9]+)?$' then '''' || ${column} else ${column} end`;
const quoted = (column: string) =>
  `case when ${column} is null then '' when strpos(${column}, '"') > 0 or strpos(${column}, ',') > 0 or strpos(${column}, chr(13)) > 0 or strpos(${column}, chr(10)) > 0 then '"' || replace(${column}, '"', '""') || '"' else ${column} end`;
/** `format(new Money(x), currency)` in SQL: half away from zero, and "-0.00" for a negative that rounds to zero. */
const amount = (column: string, digits: number) =>
  `case when ${column} < 0 and round(${column}, ${digits}) = 0 then '-' else '' end || round(${column}, ${digits})::text`;

/**
 * The CSV lines of the next `chunkSize` lines after `cursor`, made by the database (cells escaped
 * and amounts formatted there, the running balance a window sum from `balance`): the worker gets
 * one string per line instead of nine values and formats nothing, which keeps a million-line
 * export fast and its memory flat. The last line's key and balance come along (only on that line).
 */
async function readChunk(
  ctx: JobContext<Checkpoint>,
  payload: Payload,
  cp: Checkpoint,
  cursor: Checkpoint['cursor'],
  balance: string,
): Promise<{ bytes: Buffer; count: number; last: { d: string; id: string; balance: string } | null }> {
  const digits = minorUnits(cp.currency);
  if (!Number.isInteger(digits) || digits < 0 || digits > 8) throw new Error(`Unexpected currency precision ${digits}`);
  const delta =
    normalSide(cp.accountType as Parameters<typeof normalSide>[0]) === 'debit'
      ? 'l.base_debit - l.base_credit'
      : 'l.base_credit - l.base_debit';
  const after = cursor
    ? sql`and l.posted_date >= ${cursor.d}::date and (l.posted_date, l.id) > (${cursor.d}::date, ${cursor.id}::bigint)`
    : sql``;
  const raw = (text: string) => sql.raw(text);
  const result = await sql<{ d: string | null; id: string | null; running: string | null; line: string }>`
    select case when r.rn = r.n then r.d end as d, case when r.rn = r.n then r.id::text end as id,
           case when r.rn = r.n then r.running::text end as running,
           r.d || ',' || ${raw(quoted('r.number'))} || ',' || ${raw(quoted('r.reference'))} || ','
             || ${raw(quoted('r.memo'))} || ',' || ${raw(quoted('r.description'))} || ','
             || ${raw(amount('r.base_debit', digits))} || ',' || ${raw(amount('r.base_credit', digits))} || ','
             || ${raw(amount('r.running', digits))} || E'\r\n' as line
      from (select c.d, c.id, c.base_debit, c.base_credit,
                   ${raw(prefixed('c.number'))} as number, ${raw(prefixed('c.reference'))} as reference,
                   ${raw(prefixed('c.memo'))} as memo, ${raw(prefixed('c.description'))} as description,
                   ${balance}::numeric + sum(c.delta) over (order by c.d, c.id rows unbounded preceding) as running,
                   row_number() over (order by c.d, c.id) as rn, count(*) over () as n
              from (select l.posted_date::text as d, l.id, e.number, e.reference, e.memo, l.description,
                           l.base_debit, l.base_credit, ${raw(delta)} as delta
                      from finance.journal_lines l
                      join finance.journal_entries e on e.id = l.entry_id
                     where l.account_id = ${payload.accountId}
                       and l.posted_date is not null
                       and l.posted_date >= ${payload.from}::date and l.posted_date <= ${payload.to}::date
                       ${after}
                     order by l.posted_date, l.id
                     limit ${payload.chunkSize}) c) r
     order by r.d, r.id`.execute(ctx.db);
  const rows = result.rows;
  // The lines straight into one buffer: joining them into a string first would make a megabyte-sized
  // string per chunk, which V8 keeps in its large-object space until a full collection.
  let size = 0;
  for (const row of rows) size += Buffer.byteLength(row.line);
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  for (const row of rows) at += bytes.write(row.line, at);
  const last = rows.at(-1);
  return { bytes, count: rows.length, last: last ? { d: last.d!, id: last.id!, balance: last.running! } : null };
}

/**
 * Streams one segment: chunks of lines on a keyset cursor, each chunk's CSV handed to the file
 * store as it is made (the store pulls, so a slow store slows the reads: bounded memory), the next
 * chunk's read already under way while this one is formatted and written. Stops when every line is
 * in, when the invocation runs short of time, or after SEGMENT_MS; returns the checkpoint after it.
 */
async function writeSegment(ctx: JobContext<Checkpoint>, payload: Payload, cp: Checkpoint): Promise<Checkpoint> {
  const store = await jobFileStore();
  const began = Date.now();
  let cursor = cp.cursor;
  let balance = cp.balance;
  let rows = cp.rows;
  let done = false;
  const short = () => ctx.remainingMs() < RESERVE_MS || Date.now() - began > SEGMENT_MS;

  async function* segment(): AsyncGenerator<Buffer> {
    if (cp.parts === 0) yield Buffer.from(cp.opening);
    let pending = readChunk(ctx, payload, cp, cursor, balance);
    for (let chunk = 1; ; chunk++) {
      const lines = await pending;
      done = lines.count < payload.chunkSize;
      if (lines.last) {
        cursor = { d: lines.last.d, id: lines.last.id };
        balance = lines.last.balance;
      }
      rows += lines.count;
      const stop = done || short();
      // Overlap: the next read runs while this chunk is written (a read left over when the job
      // turns out cancelled is dropped).
      if (!stop) {
        pending = readChunk(ctx, payload, cp, cursor, balance);
        pending.catch(() => undefined);
      }
      yield lines.bytes;
      if (done) yield Buffer.from(cp.closingRow);
      const pct = cp.total > 0 ? (95 * rows) / cp.total : 95;
      const [, cancelled] = await Promise.all([
        ctx.progress(Math.min(95, pct), `${rows.toLocaleString('en')} of ${cp.total.toLocaleString('en')} lines`),
        chunk % CANCEL_EVERY === 0 ? ctx.isCancelled() : false,
      ]);
      if (cancelled) throw new JobCancelledError();
      if (stop) return;
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
