import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { copyCsv } from '../../../platform/jobs/pg-copy.js';
import { minorUnits } from '../money.js';
import type { GeneralLedgerExportPayload } from './general-ledger.export.js';
import { normalSide } from './report-common.js';

type Payload = GeneralLedgerExportPayload;

/** The keyset position after a line (date, id) and the running balance there (exact, unformatted). */
export interface LinePosition {
  d: string;
  id: string;
  balance: string;
}

/** What the job needs to make the lines of a chunk. */
export interface LinesScope {
  payload: Payload;
  currency: string;
  accountType: string;
}

/** One chunk of CSV lines: its bytes as they come, then how many lines and where the last one was. */
export interface LinesChunk {
  pieces: AsyncIterable<Buffer> | Iterable<Buffer>;
  /** Known before the pieces are read (a query path), or only after (a stream). */
  known: ChunkEnd | null;
  end: () => ChunkEnd;
}
export interface ChunkEnd {
  count: number;
  last: LinePosition | null;
}

/**
 * A text column as a CSV cell by `toCsv`'s rules, in SQL: the formula prefix, then quoting when
 * needed. First-character and strpos tests rather than regular expressions: the usual cell needs
 * neither, and these are what the database spends its time on per line.
 */
const prefixed = (column: string) =>
  `case when ascii(${column}) in (61, 43, 45, 64, 9, 13) and ${column} !~ '^-?[0-9]+(\\.[0-9]+)?$' then '''' || ${column} else ${column} end`;
const quoted = (column: string) =>
  `case when ${column} is null then '' when strpos(${column}, '"') > 0 or strpos(${column}, ',') > 0 or strpos(${column}, chr(13)) > 0 or strpos(${column}, chr(10)) > 0 then '"' || replace(${column}, '"', '""') || '"' else ${column} end`;
/** `format(new Money(x), currency)` in SQL: half away from zero, and "-0.00" for a negative that rounds to zero. */
const amount = (column: string, digits: number) =>
  `case when ${column} < 0 and round(${column}, ${digits}) = 0 then '-' else '' end || round(${column}, ${digits})::text`;
/** The same for an amount that is never negative (base debits and credits: a CHECK constraint). */
const unsignedAmount = (column: string, digits: number) => `round(${column}, ${digits})::text`;

/**
 * The next `limit` lines after `cursor` as CSV lines made by the database (cells escaped and
 * amounts formatted there, CRLF; the running balance a window sum from `balance`), for the query
 * path: the worker gets one string per line and formats nothing. `marker` is null but on the last
 * line: `date id balance` (exact), where the next chunk starts.
 */
export function linesQuery(
  scope: LinesScope,
  cursor: { d: string; id: string } | null,
  balance: string,
  limit: number,
): RawBuilder<{ line: string; marker: string | null }> {
  const { payload } = scope;
  const digits = minorUnits(scope.currency);
  if (!Number.isInteger(digits) || digits < 0 || digits > 8) throw new Error(`Unexpected currency precision ${digits}`);
  const delta =
    normalSide(scope.accountType as Parameters<typeof normalSide>[0]) === 'debit'
      ? 'l.base_debit - l.base_credit'
      : 'l.base_credit - l.base_debit';
  const after = cursor
    ? sql`and l.posted_date >= ${cursor.d}::date and (l.posted_date, l.id) > (${cursor.d}::date, ${cursor.id}::bigint)`
    : sql``;
  const raw = (text: string) => sql.raw(text);
  const cells = sql`r.pd::text || ',' || ${raw(quoted('r.number'))} || ',' || ${raw(quoted('r.reference'))} || ','
             || ${raw(quoted('r.memo'))} || ',' || ${raw(quoted('r.description'))} || ','
             || ${raw(unsignedAmount('r.base_debit', digits))} || ',' || ${raw(unsignedAmount('r.base_credit', digits))} || ','
             || ${raw(amount('r.running', digits))} || E'\r\n' as line`;
  // Every ordering is on (posted_date, id), the inner query's: the windows and the outer order by
  // add no sort (ordering on the date's text would sort the chunk twice more).
  return sql<{ line: string; marker: string | null }>`
    select ${cells},
           case when r.next_id is null then r.pd::text || ' ' || r.id::text || ' ' || r.running::text end as marker
      from (select c.pd, c.id, c.base_debit, c.base_credit,
                   ${raw(prefixed('c.number'))} as number, ${raw(prefixed('c.reference'))} as reference,
                   ${raw(prefixed('c.memo'))} as memo, ${raw(prefixed('c.description'))} as description,
                   ${balance}::numeric + sum(c.delta) over w as running,
                   lead(c.id) over w as next_id
              from (select l.posted_date as pd, l.id, e.number, e.reference, e.memo, l.description,
                           l.base_debit, l.base_credit, ${raw(delta)} as delta
                      from finance.journal_lines l
                      join finance.journal_entries e on e.id = l.entry_id
                     where l.account_id = ${payload.accountId}
                       and l.posted_date is not null
                       and l.posted_date >= ${payload.from}::date and l.posted_date <= ${payload.to}::date
                       ${after}
                     order by l.posted_date, l.id
                     limit ${limit}) c
            window w as (order by c.pd, c.id rows between unbounded preceding and current row)) r
     order by r.pd, r.id`;
}

function position(marker: string | null): LinePosition | null {
  if (!marker) return null;
  const [d, id, balance] = marker.split(' ');
  return { d: d!, id: id!, balance: balance! };
}

/** A chunk through a query (PGlite, the Data API): the lines in one buffer, the end known at once. */
export async function queryChunk(
  db: Db,
  scope: LinesScope,
  cursor: { d: string; id: string } | null,
  balance: string,
  limit: number,
): Promise<LinesChunk> {
  const { rows } = await linesQuery(scope, cursor, balance, limit).execute(db);
  // The lines straight into one buffer: joining them into a string first would make a megabyte-sized
  // string per chunk, which V8 keeps in its large-object space until a full collection.
  let size = 0;
  for (const row of rows) size += Buffer.byteLength(row.line);
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  for (const row of rows) at += bytes.write(row.line, at);
  const end = { count: rows.length, last: position(rows.at(-1)?.marker ?? null) };
  return { pieces: [bytes], known: end, end: () => end };
}

/** The scale of the ledger's amounts (`numeric(19, 4)`). */
const SCALE = 4;
const POW = Array.from({ length: 13 }, (_, n) => 10n ** BigInt(n));
const COMMA = 44;

/** A non-exponent decimal text of at most SCALE decimals as an integer of 10^-SCALE units (exact). */
export function scaled(text: string): bigint {
  const dot = text.indexOf('.');
  if (dot < 0) return BigInt(text) * POW[SCALE]!;
  const fraction = text.slice(dot + 1);
  if (fraction.length > SCALE) throw new Error(`An amount with more than ${SCALE} decimals: ${text}`);
  return BigInt(text.slice(0, dot) + fraction.padEnd(SCALE, '0'));
}

/**
 * `format(new Money(x), currency)` of a scaled amount: `digits` decimals, half away from zero
 * (decimal.js ROUND_HALF_UP), and "-0.00" for a negative that rounds to zero, as decimal.js writes it.
 */
export function formatScaled(value: bigint, digits: number): string {
  const negative = value < 0n;
  let units = negative ? -value : value;
  if (digits < SCALE) {
    const unit = POW[SCALE - digits]!;
    const rest = units % unit;
    units = units / unit + (rest * 2n >= unit ? 1n : 0n);
  } else if (digits > SCALE) units *= POW[digits - SCALE]!;
  let text = units.toString();
  if (digits > 0) {
    if (text.length <= digits) text = text.padStart(digits + 1, '0');
    text = `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  }
  return negative ? `-${text}` : text;
}

const NPOW = Array.from({ length: 9 }, (_, n) => 10 ** n);
const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The units (10^-SCALE) of the unsigned decimal in `buf[start, end)` as a Number, or -1 when it does
 * not fit one exactly (then the BigInt path takes it). No string is made: this runs twice a line.
 */
function unitsAt(buf: Buffer, start: number, end: number): number {
  if (end - start > 16) return -1;
  let units = 0;
  let decimals = -1;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c === 46) decimals = 0;
    else {
      units = units * 10 + (c - 48);
      if (decimals >= 0) decimals++;
    }
  }
  if (decimals > SCALE) return -1;
  const value = units * NPOW[SCALE - Math.max(decimals, 0)]!;
  return value <= SAFE ? value : -1;
}

/**
 * Writes `formatUnits(value, digits)` (digits ≤ SCALE) into `out` at `at` with no string made (this
 * runs three times a line); returns where it stopped.
 */
export function writeUnits(out: Buffer, at: number, value: number, digits: number): number {
  let units = value < 0 ? -value : value;
  if (value < 0) out[at++] = 45; // '-', also for a negative that rounds to zero, as decimal.js writes it
  if (digits < SCALE) {
    const unit = NPOW[SCALE - digits]!;
    const rest = units % unit;
    units = (units - rest) / unit + (rest * 2 >= unit ? 1 : 0);
  }
  // Digits, least significant first, then reversed: at least digits + 1 of them (a leading 0).
  let length = 0;
  do {
    out[at + length++] = 48 + (units % 10);
    units = Math.floor(units / 10);
  } while (units > 0 || length <= digits);
  for (let j = at + length - 1, k = at; k < j; k++, j--) {
    const t = out[k]!;
    out[k] = out[j]!;
    out[j] = t;
  }
  if (digits === 0) return at + length;
  // Room for the decimal point: move the decimals one to the right.
  const point = at + length - digits;
  out.copyWithin(point + 1, point, at + length);
  out[point] = 46;
  return at + length + 1;
}

/** `formatScaled` for a Number of units within Number.MAX_SAFE_INTEGER (exact integer arithmetic). */
export function formatUnits(value: number, digits: number): string {
  if (digits > SCALE) return formatScaled(BigInt(value), digits);
  const negative = value < 0;
  let units = negative ? -value : value;
  if (digits < SCALE) {
    const unit = NPOW[SCALE - digits]!;
    const rest = units % unit;
    units = (units - rest) / unit + (rest * 2 >= unit ? 1 : 0);
  }
  let text = String(units);
  if (digits > 0) {
    if (text.length <= digits) text = text.padStart(digits + 1, '0');
    text = `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  }
  return negative ? `-${text}` : text;
}

/** The next `limit` lines after `cursor` as cells for `COPY … (FORMAT csv)`: no window, no amount formatting. */
function cellsQuery(scope: LinesScope, cursor: { d: string; id: string } | null, limit: number) {
  const { payload } = scope;
  const after = cursor
    ? sql`and l.posted_date >= ${cursor.d}::date and (l.posted_date, l.id) > (${cursor.d}::date, ${cursor.id}::bigint)`
    : sql``;
  const cell = (column: string) => sql.raw(`nullif(${prefixed(column)}, '')`);
  return sql`
    select l.posted_date::text, ${cell('e.number')}, ${cell('e.reference')}, ${cell('e.memo')}, ${cell('l.description')},
           l.base_debit, l.base_credit, l.id
      from finance.journal_lines l
      join finance.journal_entries e on e.id = l.entry_id
     where l.account_id = ${payload.accountId}
       and l.posted_date is not null
       and l.posted_date >= ${payload.from}::date and l.posted_date <= ${payload.to}::date
       ${after}
     order by l.posted_date, l.id
     limit ${limit}`;
}

/**
 * A chunk through `COPY … TO STDOUT (FORMAT csv)` (PostgreSQL over TCP): the database only reads
 * and quotes the cells (the bare COPY's work, about); the worker, idle otherwise while it waits,
 * formats the debit and credit, keeps the running balance exact (integers of 10^-4) and writes the
 * line's end, row by row as the bytes stream through to the file store. The same bytes as
 * `linesQuery` (tested on PostgreSQL against the synchronous CSV).
 */
export function copyChunk(
  db: Db,
  scope: LinesScope,
  cursor: { d: string; id: string } | null,
  balance: string,
  limit: number,
): Promise<LinesChunk> {
  const digits = minorUnits(scope.currency);
  if (!Number.isInteger(digits) || digits < 0 || digits > 8) throw new Error(`Unexpected currency precision ${digits}`);
  const debitSide = normalSide(scope.accountType as Parameters<typeof normalSide>[0]) === 'debit';
  // The running balance: a Number of units while it stays exact (the usual case), else a BigInt.
  const opening = scaled(balance);
  let small = opening >= -BigInt(SAFE) && opening <= BigInt(SAFE) ? Number(opening) : 0;
  let big: bigint | null = small === 0 && opening !== 0n ? opening : null;
  let count = 0;
  // Where the last row is (no object per row: a million lines would make a million).
  let lastBuf: Buffer | null = null;
  let lastStart = 0;
  let lastBeforeId = 0;
  let lastLf = 0;
  // A row: date, number, reference, memo, description (quoted as toCsv quotes), debit, credit, id.
  const pieces = copyCsv(db, cellsQuery(scope, cursor, limit).compile(db), (buf, start, lf, out, at) => {
    const beforeId = buf.lastIndexOf(COMMA, lf - 1);
    const beforeCredit = buf.lastIndexOf(COMMA, beforeId - 1);
    const beforeDebit = buf.lastIndexOf(COMMA, beforeCredit - 1);
    count++;
    lastBuf = buf;
    lastStart = start;
    lastBeforeId = beforeId;
    lastLf = lf;
    let end = at + buf.copy(out, at, start, beforeDebit + 1);
    const debit = unitsAt(buf, beforeDebit + 1, beforeCredit);
    const credit = unitsAt(buf, beforeCredit + 1, beforeId);
    if (big === null && debit >= 0 && credit >= 0) {
      const next = small + (debitSide ? debit - credit : credit - debit);
      if (Math.abs(next) <= SAFE) {
        small = next;
        // Cell by cell into the buffer: no string per line.
        if (digits <= SCALE) {
          end = writeUnits(out, end, debit, digits);
          out[end++] = COMMA;
          end = writeUnits(out, end, credit, digits);
          out[end++] = COMMA;
          end = writeUnits(out, end, small, digits);
        } else {
          end += out.write(
            `${formatUnits(debit, digits)},${formatUnits(credit, digits)},${formatUnits(small, digits)}`,
            end,
            'latin1',
          );
        }
        out[end++] = 13;
        out[end++] = 10;
        return end;
      }
      big = BigInt(small);
    }
    big ??= BigInt(small);
    const d = scaled(buf.toString('latin1', beforeDebit + 1, beforeCredit));
    const c = scaled(buf.toString('latin1', beforeCredit + 1, beforeId));
    big += debitSide ? d - c : c - d;
    const tail = `${formatScaled(d, digits)},${formatScaled(c, digits)},${formatScaled(big, digits)}\r\n`;
    end += out.write(tail, end, 'latin1');
    return end;
  });
  const lastPosition = (): LinePosition | null => {
    const buf = lastBuf as Buffer | null;
    if (!buf) return null;
    return {
      d: buf.toString('latin1', lastStart, lastStart + 10),
      id: buf.toString('latin1', lastBeforeId + 1, lastLf),
      balance: big !== null ? formatScaled(big, SCALE) : formatUnits(small, SCALE),
    };
  };
  return Promise.resolve({
    pieces,
    known: null,
    end: () => ({ count, last: lastPosition() }),
  });
}
