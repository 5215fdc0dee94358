import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../db/create-database.js';
import { paginate } from './pagination.js';

/**
 * Keyset pages must visit every row once, in order, whatever the sort column holds: timestamps with
 * microseconds (a JavaScript Date keeps milliseconds) and NULLs (which compare as unknown).
 */
interface PageTable {
  page_rows: { id: string; at: string; due: string | null; amount: string | null };
}

let handle: DatabaseHandle;
let db: Kysely<PageTable>;
const rows: { id: string; at: string; due: string | null; amount: string | null }[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db as unknown as Kysely<PageTable>;
  await sql`create table page_rows (id text primary key, at timestamptz not null, due date, amount numeric(18,2))`.execute(
    db,
  );
  // Six rows share one millisecond (differing in microseconds), a third of the dates are NULL, and
  // amounts repeat, so ties fall to the id.
  for (let i = 0; i < 24; i++) {
    const micros = String(100 + (i % 6) * 7).padStart(3, '0');
    rows.push({
      id: `r${String(i).padStart(2, '0')}`,
      at: `2026-12-04T10:00:0${Math.floor(i / 6)}.123${micros}Z`,
      due: i % 3 === 0 ? null : `2026-12-${String(1 + (i % 5)).padStart(2, '0')}`,
      amount: i % 4 === 0 ? null : `${(i % 3) * 10}.50`,
    });
  }
  // Inserted in a scrambled order so the physical order is not the sort order.
  const scrambled = [...rows].sort((a, b) =>
    a.id.split('').reverse().join('') < b.id.split('').reverse().join('') ? -1 : 1,
  );
  await db.insertInto('page_rows').values(scrambled).execute();
});

afterAll(async () => {
  await handle?.close();
});

async function walk(sort: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await paginate(
      db.selectFrom('page_rows as p').select(['p.id', 'p.at', 'p.due', 'p.amount']),
      { limit, cursor, sort },
      { sort: { at: 'p.at', due: 'p.due', amount: 'p.amount' }, id: 'p.id', idKey: 'id' },
    );
    seen.push(...page.items.map((r) => r.id));
    expect(page.items.every((r) => !('__keyset' in r))).toBe(true);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

async function expected(sort: string): Promise<string[]> {
  const descending = sort.startsWith('-');
  const column = descending ? sort.slice(1) : sort;
  // PostgreSQL's own order (NULLs last ascending, first descending) is the reference.
  const ordered = await sql<{
    id: string;
  }>`select id from page_rows order by ${sql.ref(column)} ${descending ? sql`desc` : sql`asc`}, id ${descending ? sql`desc` : sql`asc`}`.execute(
    db,
  );
  return ordered.rows.map((r) => r.id);
}

describe('keyset pagination', () => {
  for (const sort of ['at', '-at', 'due', '-due', 'amount', '-amount']) {
    for (const limit of [1, 4, 5]) {
      it(`visits every row once in order: sort ${sort}, pages of ${limit}`, async () => {
        const seen = await walk(sort, limit);
        expect(seen).toEqual(await expected(sort));
        expect(new Set(seen).size).toBe(rows.length);
      });
    }
  }
});

describe('page items', () => {
  it('are the selected rows as the query gives them, columns in order, without the keyset column', async () => {
    const query = db.selectFrom('page_rows as p').select(['p.id', 'p.amount', 'p.at', 'p.due']);
    const page = await paginate(query, { limit: 7, sort: '-at' }, { sort: { at: 'p.at' }, id: 'p.id', idKey: 'id' });
    const plain = await query.orderBy('p.at', 'desc').orderBy('p.id', 'desc').limit(7).execute();
    expect(page.items).toStrictEqual(plain);
    expect(page.items.map((item) => Object.keys(item))).toEqual(plain.map(() => ['id', 'amount', 'at', 'due']));
  });
});
