import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../create-database.js';
import { constraintOf, decodeRecord, inlineParameters, sqlLiteral, sqlStateOf } from './values.js';

describe('inlining parameters as literals', () => {
  it('replaces $n in SQL text only: not in strings, quoted identifiers, dollar-quoted bodies or comments', () => {
    const text = `select $1, '$1', E'it\\'s $2', "col$1", $$ body $1 $$, $fn$ raise $2 $fn$ -- $1
      /* $2 /* nested $1 */ */ from t where a = $2 and b = any($3)`;
    expect(inlineParameters(text, ['x', 5, ['a', null]])).toBe(
      `select E'x', '$1', E'it\\'s $2', "col$1", $$ body $1 $$, $fn$ raise $2 $fn$ -- $1
      /* $2 /* nested $1 */ */ from t where a = E'5' and b = any(E'{"a",NULL}')`,
    );
    expect(() => inlineParameters('select $2', ['only one'])).toThrow(/No value for \$2/);
    expect(inlineParameters('select 1', [])).toBe('select 1');
  });

  it('writes values as pg would send them (dates, Buffers, arrays, objects, null)', () => {
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(undefined)).toBe('NULL');
    expect(sqlLiteral(true)).toBe("E'true'");
    expect(sqlLiteral(12n)).toBe("E'12'");
    expect(sqlLiteral(Buffer.from([0, 255]))).toBe("E'\\\\x00ff'");
    expect(sqlLiteral({ a: "o'k" })).toBe(`E'{"a":"o''k"}'`);
    expect(sqlLiteral([['a"b', 'c\\d'], [null]])).toBe(`E'{{"a\\\\"b","c\\\\\\\\d"},{NULL}}'`);
    expect(new Date(sqlLiteral(new Date('2026-01-02T03:04:05.006Z')).slice(2, -1)).toISOString()).toBe(
      '2026-01-02T03:04:05.006Z',
    );
    expect(() => sqlLiteral('a\0b')).toThrow(/NUL/);
  });

  it('reads SQLSTATE and constraint names from Data API error messages', () => {
    const message =
      'ERROR: duplicate key value violates unique constraint "users_email_key"\n  Detail: Key (email)=(a@b.c) already exists.; SQLState: 23505';
    expect(sqlStateOf(message)).toBe('23505');
    expect(constraintOf(message)).toBe('users_email_key');
    expect(sqlStateOf('Transaction abc is not found')).toBeUndefined();
  });

  it('decodes typed fields into what our pg parsers give', () => {
    const columns = [
      'int4',
      'int8',
      'numeric',
      'timestamptz',
      'date',
      'jsonb',
      '_int8',
      '_numeric',
      'bool',
      'bytea',
      'text',
    ].map((typeName, i) => ({ name: `c${i}`, typeName }));
    const row = decodeRecord(columns, [
      { longValue: 7 },
      { stringValue: '9007199254740993' },
      { stringValue: '1.10' },
      { stringValue: '2026-12-04 10:11:12.345' },
      { stringValue: '2026-02-28' },
      { stringValue: '{"a":[1,null]}' },
      { arrayValue: { longValues: [1, 2] } },
      { arrayValue: { stringValues: ['0.10', null] } },
      { booleanValue: false },
      { blobValue: new Uint8Array([1, 2]) },
      { isNull: true },
    ]);
    expect(row).toEqual({
      c0: 7,
      c1: '9007199254740993',
      c2: '1.10',
      c3: new Date('2026-12-04T10:11:12.345Z'),
      c4: '2026-02-28',
      c5: { a: [1, null] },
      c6: ['1', '2'],
      c7: ['0.10', null],
      c8: false,
      c9: Buffer.from([1, 2]),
      c10: null,
    });
  });
});

describe('literals through a real PostgreSQL parser (PGlite)', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createDatabase({ kind: 'pglite' });
  });
  afterAll(() => handle.close());

  it('any string (quotes, backslashes, $, unicode) comes back unchanged; nothing escapes the literal', async () => {
    const strings = fc.string({
      unit: fc.oneof(
        fc.constantFrom("'", '\\', '"', '$', ':', '-', '/', '*', ';', 'E'),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          strings.filter((s) => !s.includes('\0')),
          { minLength: 1, maxLength: 3 },
        ),
        async (values) => {
          const text = `select ${values.map((_, i) => `$${i + 1}::text as v${i}`).join(', ')}`;
          const { rows } = await sql.raw<Record<string, string>>(inlineParameters(text, values)).execute(handle.db);
          expect(Object.values(rows[0]!)).toEqual(values);
        },
      ),
      { numRuns: 60 },
    );
  });
});
