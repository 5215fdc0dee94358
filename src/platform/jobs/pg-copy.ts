import type { CompiledQuery } from 'kysely';
import type pg from 'pg';
import { pgPoolOf } from '../db/create-database.js';
import type { Db } from '../db/database.js';

/**
 * `COPY (query) TO STDOUT` for job handlers that stream large results (exports): PostgreSQL sends
 * the rows as fast as the client takes them, with no result set in the worker's memory. Only on
 * PostgreSQL over TCP (`pg`); PGlite and the Data API cannot COPY, so a handler asks `canCopy(db)`
 * and keeps a cursor path for them.
 */
export const canCopy = (db: Db): boolean => pgPoolOf(db) !== undefined;

/** A compiled query with its `$n` parameters written in as literals (COPY takes no parameters). */
export function inlineParameters(client: pg.PoolClient, query: CompiledQuery): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = query.parameters[Number(n) - 1];
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string') return client.escapeLiteral(value);
    throw new Error(`Cannot inline parameter $${n} of type ${typeof value}`);
  });
}

/**
 * Writes one row of `COPY … (FORMAT csv)` output: the row is `buf[start, lf)` (its LF at `lf`, its
 * cells quoted as `toCsv` quotes them); it writes what it makes of it into `out` at `at` and
 * returns where it stopped: at most twice the row's length plus 128 bytes.
 */
export type CsvRowWriter = (buf: Buffer, start: number, lf: number, out: Buffer, at: number) => number;

const LF = 10;
const QUOTE = 34;
/** Room beyond a piece's length for its rewritten rows (a row that needs more starts a new buffer). */
const OUT_BYTES = 16 * 1024;

/** The LF ending the row that has a quote at `quote`, outside quotes; -1 when the row is not all here. */
function rowEnd(buf: Buffer, quote: number): number {
  let inQuote = false;
  for (let i = quote; i < buf.length; i++) {
    const c = buf[i];
    if (c === QUOTE) inQuote = !inQuote;
    else if (c === LF && !inQuote) return i;
  }
  return -1;
}

/**
 * Streams `select …` through `COPY … TO STDOUT (FORMAT csv)` on a pooled connection of `db`, and
 * yields what `writeRow` makes of each row, a buffer per piece the socket delivered. PostgreSQL
 * quotes exactly the cells `toCsv` quotes (a comma, a quote, CR or LF; quotes doubled) in C, far
 * faster than SQL string functions; it ends rows with LF and quotes an empty string where `toCsv`
 * writes nothing, so the select gives NULL for empty text. The consumer pulls, and pg-copy-streams
 * pauses the socket while it does not (backpressure: memory stays flat). The connection is held
 * for this COPY only (a Lambda's pool has one: between chunks the job's own writes get it).
 */
export async function* copyCsv(db: Db, select: CompiledQuery, writeRow: CsvRowWriter): AsyncGenerator<Buffer> {
  const pool = pgPoolOf(db);
  if (!pool) throw new Error('COPY needs PostgreSQL over TCP (pg).');
  const { to } = await import('pg-copy-streams');
  const client = (await pool.connect()) as unknown as pg.PoolClient;
  let ended = false;
  try {
    const stream = client.query(to(`copy (${inlineParameters(client, select)}) to stdout with (format csv)`));
    let rest: Buffer | null = null;
    for await (const piece of stream as AsyncIterable<Buffer>) {
      const buf: Buffer = rest ? Buffer.concat([rest, piece]) : piece;
      let out = Buffer.allocUnsafe(buf.length + OUT_BYTES);
      let at = 0;
      let start = 0; // the next row's first byte
      let nextQuote = buf.indexOf(QUOTE);
      for (;;) {
        let lf = buf.indexOf(LF, start);
        if (lf < 0) break;
        if (nextQuote >= 0 && nextQuote < start) nextQuote = buf.indexOf(QUOTE, start);
        if (nextQuote >= 0 && nextQuote < lf) {
          // Quoted cells in this row: its end is the first LF outside quotes (a doubled quote toggles twice).
          lf = rowEnd(buf, nextQuote);
          if (lf < 0) break;
          nextQuote = buf.indexOf(QUOTE, lf);
        }
        if (at + 2 * (lf - start) + 128 > out.length) {
          yield out.subarray(0, at);
          out = Buffer.allocUnsafe(Math.max(OUT_BYTES, 2 * (lf - start) + 128));
          at = 0;
        }
        at = writeRow(buf, start, lf, out, at);
        start = lf + 1;
      }
      rest = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
      if (at > 0) yield out.subarray(0, at);
    }
    if (rest) throw new Error('The COPY stream ended inside a row');
    ended = true;
  } finally {
    // A COPY stopped midway leaves the connection mid-protocol: it is closed, not reused.
    client.release(!ended);
  }
}
