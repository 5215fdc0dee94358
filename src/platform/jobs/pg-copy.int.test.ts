import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../db/create-database.js';
import { csvLine } from '../http/csv-export.js';
import { canCopy, copyCsv, type CsvRowWriter } from './pg-copy.js';

const onPostgres = Boolean(process.env.DATABASE_URL);
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase({ poolMax: 1 });
});
afterAll(() => handle?.close());

const N = 20_000;
/** Cells of every length up to ~300 bytes: multibyte text, quotes, commas, CR and LF; some empty. */
const rows = sql<{ n: string; text: string | null; blank: string | null; marker: string | null }>`
  select g::text as n,
         nullif(repeat(case g % 4 when 0 then 'é"x,' when 1 then 'plain ' when 2 then E'line\\n' else E'cr\\r' end, g % 60), '') as text,
         null::text as blank,
         case when g = ${N}::int then 'last ' || g::text end as marker
    from generate_series(1, ${N}::int) g order by g`;

/** A writer that keeps each row but its last cell (the marker, read aside), ending it with CRLF. */
function withoutMarker() {
  const seen = { rows: 0, marker: null as string | null };
  const write: CsvRowWriter = (buf, start, lf, out, at) => {
    const comma = buf.lastIndexOf(44, lf - 1);
    if (comma + 1 < lf) seen.marker = buf.toString('utf8', comma + 1, lf);
    seen.rows++;
    const end = at + buf.copy(out, at, start, comma);
    return end + out.write('\r\n', end, 'latin1');
  };
  return { seen, write };
}

describe('COPY … TO STDOUT (FORMAT csv) for job handlers', () => {
  it('is there on PostgreSQL over TCP only (PGlite and the Data API keep their query path)', () => {
    expect(canCopy(handle.db)).toBe(onPostgres);
  });

  it.skipIf(!onPostgres)(
    'hands each row to the writer as toCsv would quote it (rows split across socket reads; quoted line ends)',
    async () => {
      const expected = (await rows.execute(handle.db)).rows.map((r) => csvLine([r.n, r.text, r.blank])).join('');
      const { seen, write } = withoutMarker();
      const pieces: Buffer[] = [];
      for await (const piece of copyCsv(handle.db, rows.compile(handle.db), write)) pieces.push(Buffer.from(piece));
      expect(pieces.length).toBeGreaterThan(1);
      expect(Buffer.concat(pieces).toString('utf8')).toBe(expected);
      expect(seen).toEqual({ rows: N, marker: `last ${N}` });
      // The connection went back to the pool of one in a usable state.
      expect((await sql<{ n: number }>`select 1 as n`.execute(handle.db)).rows[0]!.n).toBe(1);
    },
  );

  it.skipIf(!onPostgres)('closes the connection of a COPY stopped midway, and the pool goes on', async () => {
    for await (const piece of copyCsv(handle.db, rows.compile(handle.db), withoutMarker().write)) {
      expect(piece.length).toBeGreaterThan(0);
      break; // the consumer gives up (a failed file write)
    }
    expect((await sql<{ n: number }>`select 2 as n`.execute(handle.db)).rows[0]!.n).toBe(2);
  });
});
