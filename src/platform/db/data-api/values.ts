/**
 * Values in and out of the RDS Data API, so that the application sees exactly what it sees over `pg`
 * (docs/adr/0005).
 *
 * In: the Data API types a `stringValue` parameter as `character varying` (unless a `typeHint` says
 * UUID, JSON, DECIMAL, TIMESTAMP, DATE or TIME), so `uuid_column = :p` fails with "operator does not
 * exist: uuid = character varying" — and the dialect cannot know each parameter's column type. `pg`
 * sends every parameter as text of type `unknown` and lets PostgreSQL infer the type from the context;
 * an untyped SQL string literal is exactly that. So each `$n` becomes an escaped literal of the value
 * `pg` would have sent (same conversions: Date, Buffer, arrays, JSON), and the statement carries no
 * Data API parameters. Quoting: `E'…'` with `\` and `'` doubled — correct whatever
 * `standard_conforming_strings` says; NUL is refused (PostgreSQL text cannot hold it either).
 *
 * Out: records come as typed fields plus column metadata (`includeResultMetadata`), with int8 and
 * numeric as strings (`longReturnType`/`decimalReturnType: STRING`); `decodeField` turns them into what
 * our pg type parsers produce (src/platform/db/pg-pool.ts): int8 and numeric strings, `date` strings,
 * Date for timestamptz, parsed json/jsonb, arrays, Buffers.
 */
import type { ArrayValue, ColumnMetadata, Field } from '@aws-sdk/client-rds-data';

// ---------------------------------------------------------------------------------------------------
// Parameters → SQL literals

/** What `pg` sends for a JS value (pg/lib/utils.js `prepareValue`), as text; null for SQL NULL. */
export function pgText(value: unknown): string | Uint8Array | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof Date) return dateToPgString(value);
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') {
    const toPostgres = (value as { toPostgres?: unknown }).toPostgres;
    if (typeof toPostgres === 'function') return pgText((toPostgres as () => unknown).call(value));
    return JSON.stringify(value);
  }
  return String(value as string | number | boolean | bigint);
}

/** A PostgreSQL array literal, element by element as `pg` writes it. */
function arrayLiteral(values: readonly unknown[]): string {
  const parts = values.map((element) => {
    if (element === null || element === undefined) return 'NULL';
    if (Array.isArray(element)) return arrayLiteral(element);
    const text = pgText(element);
    const asText = text instanceof Uint8Array ? `\\x${Buffer.from(text).toString('hex')}` : (text ?? '');
    return `"${asText.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${parts.join(',')}}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `pg`'s dateToString: local time with its UTC offset (BC years as PostgreSQL writes them). */
function dateToPgString(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new TypeError('Invalid Date as a query parameter');
  let year = date.getFullYear();
  const bc = year < 1;
  if (bc) year = Math.abs(year) + 1;
  let offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  offset = Math.abs(offset);
  return (
    `${pad(year, 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:` +
    `${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}${bc ? ' BC' : ''}`
  );
}

/** An untyped SQL literal holding `value` as `pg` would send it (type inferred by PostgreSQL). */
export function sqlLiteral(value: unknown): string {
  const text = pgText(value);
  if (text === null) return 'NULL';
  const body = text instanceof Uint8Array ? `\\x${Buffer.from(text).toString('hex')}` : text;
  if (body.includes('\0')) throw new TypeError('A query parameter holds a NUL character, which PostgreSQL refuses');
  return `E'${body.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * Replaces the `$1…$n` placeholders Kysely compiles with literals of `parameters`. Placeholders are
 * recognized only in SQL text — not inside quoted strings, quoted identifiers, dollar-quoted bodies
 * (a plpgsql function's `$1`) or comments.
 */
export function inlineParameters(sqlText: string, parameters: readonly unknown[]): string {
  if (parameters.length === 0) return sqlText;
  let out = '';
  let i = 0;
  const n = sqlText.length;
  const isIdent = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$]/.test(c);
  while (i < n) {
    const c = sqlText[i]!;
    const next = sqlText[i + 1];
    if (c === "'") {
      // A string; E'…' strings take backslash escapes.
      const escapes = i > 0 && /[eE]/.test(sqlText[i - 1]!) && !isIdent(sqlText[i - 2]);
      let j = i + 1;
      while (j < n) {
        if (escapes && sqlText[j] === '\\') j += 2;
        else if (sqlText[j] === "'" && sqlText[j + 1] === "'") j += 2;
        else if (sqlText[j] === "'") break;
        else j++;
      }
      out += sqlText.slice(i, j + 1);
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < n && !(sqlText[j] === '"' && sqlText[j + 1] !== '"')) j += sqlText[j] === '"' ? 2 : 1;
      out += sqlText.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' && next === '-') {
      const end = sqlText.indexOf('\n', i);
      const j = end === -1 ? n : end;
      out += sqlText.slice(i, j);
      i = j;
    } else if (c === '/' && next === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (sqlText[j] === '/' && sqlText[j + 1] === '*') {
          depth++;
          j += 2;
        } else if (sqlText[j] === '*' && sqlText[j + 1] === '/') {
          depth--;
          j += 2;
        } else j++;
      }
      out += sqlText.slice(i, j);
      i = j;
    } else if (c === '$' && !isIdent(sqlText[i - 1])) {
      const param = /^\$(\d+)/.exec(sqlText.slice(i, i + 12));
      if (param) {
        const index = Number(param[1]) - 1;
        if (index < 0 || index >= parameters.length) throw new RangeError(`No value for $${index + 1}`);
        out += sqlLiteral(parameters[index]);
        i += param[0].length;
        continue;
      }
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sqlText.slice(i, i + 66));
      if (tag) {
        const close = sqlText.indexOf(tag[0], i + tag[0].length);
        const j = close === -1 ? n : close + tag[0].length;
        out += sqlText.slice(i, j);
        i = j;
      } else {
        out += c;
        i++;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Result fields → JS values

type Kind = 'int' | 'bigint' | 'numeric' | 'float' | 'bool' | 'json' | 'timestamptz' | 'timestamp' | 'bytea' | 'text';

/** The decoding of a PostgreSQL type name as the Data API reports it (`int8`, `_numeric`, `timestamptz`…). */
function kindOf(typeName: string): Kind {
  const t = typeName.toLowerCase().replace(/^_/, '').replace(/\[\]$/, '');
  if (['int8', 'bigint', 'bigserial', 'serial8'].includes(t)) return 'bigint';
  if (['int2', 'int4', 'smallint', 'integer', 'int', 'serial', 'serial4', 'smallserial', 'oid'].includes(t))
    return 'int';
  if (t === 'numeric' || t === 'decimal' || t === 'money') return 'numeric';
  if (['float4', 'float8', 'real', 'double precision', 'double'].includes(t)) return 'float';
  if (t === 'bool' || t === 'boolean') return 'bool';
  if (t === 'json' || t === 'jsonb') return 'json';
  if (t === 'timestamptz' || t === 'timestamp with time zone') return 'timestamptz';
  if (t === 'timestamp' || t === 'timestamp without time zone') return 'timestamp';
  if (t === 'bytea') return 'bytea';
  return 'text';
}

/** Data API timestamps: `YYYY-MM-DD HH:MM:SS[.fff…]`, in UTC for timestamptz (an explicit offset is honored). */
function parseTimestamp(text: string, utc: boolean): Date | string {
  if (text === 'infinity' || text === '-infinity') return text;
  const iso = text.trim().replace(' ', 'T');
  const hasZone = /(Z|[+-]\d{2}(:?\d{2})?)$/.test(iso);
  return new Date(hasZone ? iso.replace(/([+-]\d{2})$/, '$1:00') : utc ? `${iso}Z` : iso);
}

function decodeScalar(kind: Kind, field: Field): unknown {
  if (field.isNull) return null;
  if (field.booleanValue !== undefined) return field.booleanValue;
  if (field.blobValue !== undefined) return Buffer.from(field.blobValue);
  if (field.longValue !== undefined) return kind === 'bigint' ? String(field.longValue) : field.longValue;
  if (field.doubleValue !== undefined) return kind === 'numeric' ? String(field.doubleValue) : field.doubleValue;
  if (field.arrayValue !== undefined) return decodeArray(kind, field.arrayValue);
  if (field.stringValue !== undefined) return decodeText(kind, field.stringValue);
  return null;
}

function decodeText(kind: Kind, text: string): unknown {
  switch (kind) {
    case 'int':
    case 'float':
      return Number(text);
    case 'bool':
      return text === 't' || text === 'true';
    case 'json':
      return JSON.parse(text) as unknown;
    case 'timestamptz':
      return parseTimestamp(text, true);
    case 'timestamp':
      return parseTimestamp(text, false);
    case 'bytea':
      return Buffer.from(text.replace(/^\\x/, ''), 'hex');
    default:
      return text; // text, varchar, uuid, date (as our pg parser keeps it), int8 and numeric strings
  }
}

function decodeArray(kind: Kind, array: ArrayValue): unknown[] {
  if (array.arrayValues) return array.arrayValues.map((inner) => (inner ? decodeArray(kind, inner) : null));
  if (array.stringValues) return array.stringValues.map((v) => (v === null ? null : decodeText(kind, v)));
  if (array.longValues) return array.longValues.map((v) => (v === null ? null : kind === 'bigint' ? String(v) : v));
  if (array.doubleValues)
    return array.doubleValues.map((v) => (v === null ? null : kind === 'numeric' ? String(v) : v));
  if (array.booleanValues) return array.booleanValues;
  return [];
}

/** One record of an ExecuteStatement response as the row object `pg` would give. */
export function decodeRecord(columns: readonly ColumnMetadata[], record: readonly Field[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  columns.forEach((column, i) => {
    const name = column.label ?? column.name ?? `?column?${i}`;
    row[name] = decodeScalar(kindOf(column.typeName ?? 'text'), record[i] ?? { isNull: true });
  });
  return row;
}

/** The SQLSTATE a Data API database error carries in its message ("…; SQLState: 23505"), if any. */
export function sqlStateOf(message: string): string | undefined {
  return /SQLState:\s*([0-9A-Z]{5})/i.exec(message)?.[1]?.toUpperCase();
}

/** The constraint a unique/foreign-key/check violation names, as `pg` reports it in `error.constraint`. */
export function constraintOf(message: string): string | undefined {
  return /violates (?:unique|foreign key|check|exclusion|not-null) constraint "([^"]+)"/.exec(message)?.[1];
}
