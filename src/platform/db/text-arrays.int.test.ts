import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { DatabaseHandle } from './create-database.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

// Values array_out quotes or escapes, and NULLs: what the fast text[] reader (text-arrays.ts) must get right.
const tricky = ['plain', '', 'NULL', 'null', 'two words', 'a,b', '{braces}', 'say "hi"', 'back\\slash', ' edge ', 'é✓'];

describe('text arrays from the database', () => {
  it('arrive as the arrays that were stored, for text[], varchar[] and uuid[]', async () => {
    const id = '0196f7e4-1c2a-7bbb-8ccc-123456789abc';
    const { rows } = await sql<{ t: (string | null)[]; v: (string | null)[]; u: string[]; e: string[] }>`
      select ${tricky}::text[] || array[null]::text[] as t,
             ${tricky}::varchar[] as v,
             array[${id}::uuid, ${id}::uuid] as u,
             '{}'::text[] as e`.execute(handle.db);
    expect(rows[0]).toEqual({ t: [...tricky, null], v: tricky, u: [id, id], e: [] });
  });
});
