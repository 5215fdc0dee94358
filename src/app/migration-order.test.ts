import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allMigrations } from './migrations.js';

/**
 * Migrations run in name order, and Kysely refuses to upgrade a database whose applied migrations are
 * not a prefix of that order ("corrupted migrations"). So a migration added after a release must sort
 * after every released one — a new file named with an older timestamp would pass every test on a fresh
 * database and then break the upgrade of every installation in use. `migrations.released.json` lists
 * what has been released (extend it when releasing); this test holds new names to that rule.
 */
const released: string[] = JSON.parse(readFileSync(new URL('./migrations.released.json', import.meta.url), 'utf8'));

describe('migration order', () => {
  it('keeps every released migration, and names every new one after the last released', async () => {
    const names = Object.keys(await allMigrations()).sort();
    const last = [...released].sort().at(-1)!;
    expect(
      names.filter((n) => !released.includes(n) && n < last),
      `new migrations must sort after ${last}`,
    ).toEqual([]);
    expect(
      released.filter((n) => !names.includes(n)),
      'released migrations cannot go',
    ).toEqual([]);
  });
});
