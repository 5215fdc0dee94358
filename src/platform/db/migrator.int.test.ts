import { sql, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { disposers, freshDatabase } from '../../../test/harness/fresh-db.js';
import { onPostgres } from '../../../test/harness/test-db.js';
import { allMigrations } from '../../app/migrations.js';
import type { Db } from './database.js';
import { migrateToLatest } from './migrator.js';

const migrations = await allMigrations();
const names = Object.keys(migrations).sort();

async function recordedMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from platform.kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

async function relationExists(db: Db, name: string): Promise<boolean> {
  const { rows } = await sql<{ oid: string | null }>`select to_regclass(${name})::text as oid`.execute(db);
  return rows[0]?.oid != null;
}

async function userTableCount(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.tables
     where table_schema not in ('pg_catalog', 'information_schema')`.execute(db);
  return rows[0]!.n;
}

describe('migrateToLatest on an empty database', () => {
  it('applies every migration on the first run and none on the second', async () => {
    const { db } = await freshDatabase();
    expect(await userTableCount(db)).toBe(0);

    const first = await migrateToLatest(db, migrations);
    expect(first.applied).toEqual(names);
    expect(first.results.map((r) => [r.migrationName, r.direction, r.status])).toEqual(
      names.map((n) => [n, 'Up', 'Success']),
    );
    expect(await recordedMigrations(db)).toEqual(names);
    for (const table of ['platform.audit_log', 'platform.audit_head', 'platform.idempotency_keys', 'auth.users']) {
      expect(await relationExists(db, table), table).toBe(true);
    }
    const stamps = await sql<{ name: string; timestamp: string }>`
      select name, timestamp from platform.kysely_migration order by name`.execute(db);

    const second = await migrateToLatest(db, migrations);
    expect(second.applied).toEqual([]);
    expect(second.results.filter((r) => r.status !== 'NotExecuted')).toEqual([]);
    const stampsAfter = await sql<{ name: string; timestamp: string }>`
      select name, timestamp from platform.kysely_migration order by name`.execute(db);
    expect(stampsAfter.rows).toEqual(stamps.rows);
  });

  it('two migrators running concurrently apply each migration exactly once, and both succeed', async () => {
    // On PostgreSQL each round races two real sessions; a few rounds give the race a chance to bite.
    const rounds = onPostgres ? 5 : 1;
    for (let round = 0; round < rounds; round++) {
      const fresh = await freshDatabase();
      const other = await fresh.connect();
      const outcomes = await Promise.allSettled([
        migrateToLatest(fresh.db, migrations),
        migrateToLatest(other.db, migrations),
      ]);
      const [a, b] = outcomes.map((o) => {
        if (o.status === 'rejected')
          throw new Error(`a concurrent migrator failed (round ${round})`, { cause: o.reason });
        return o.value;
      });
      expect([...a!.applied, ...b!.applied].sort()).toEqual(names);
      expect(await recordedMigrations(fresh.db)).toEqual(names);
      // The migrations' own seed rows were written once, not twice.
      const head = await sql<{ n: number }>`select count(*)::int as n from platform.audit_head`.execute(fresh.db);
      expect(head.rows[0]!.n).toBe(1);
      const roles = await sql<{ name: string }>`select name from auth.roles where builtin order by name`.execute(
        fresh.db,
      );
      expect(roles.rows.map((r) => r.name)).toEqual([
        'accountant',
        'admin',
        'auditor',
        'bookkeeper',
        'crm-admin',
        'employee',
        'finance-admin',
        'hr-admin',
        'manager',
        'sales-manager',
        'sales-rep',
      ]);
      await disposers.pop()!();
    }
  });

  it('a failing migration leaves nothing half-applied and names itself; fixed, it then applies', async () => {
    const failing = '9999-12-31T2359_test_fails_after_creating_a_table';
    const withFailing = (fail: boolean): Record<string, Migration> => ({
      ...migrations,
      [failing]: {
        up: async (db) => {
          await db.schema.createTable('public.half_applied').addColumn('id', 'integer').execute();
          await sql`insert into public.half_applied (id) values (1)`.execute(db);
          if (fail) throw new Error('boom after creating a table');
        },
      },
    });
    const fresh = await freshDatabase();
    const { db } = fresh;

    // 1. On an empty database: the whole run is one transaction, so nothing of it stays.
    const error = await migrateToLatest(db, withFailing(true)).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toBe(`migration ${failing} failed: boom after creating a table`);
    expect((error!.cause as Error).message).toBe('boom after creating a table');
    expect(await recordedMigrations(db)).toEqual([]);
    expect(await relationExists(db, 'public.half_applied')).toBe(false);
    expect(await relationExists(db, 'auth.users')).toBe(false);
    expect(await relationExists(db, 'platform.audit_log')).toBe(false);

    // 2. The migration lock was released: another session migrates normally.
    const other = await fresh.connect();
    expect((await migrateToLatest(other.db, migrations)).applied).toEqual(names);

    // 3. On a migrated database: the failing one is rolled back alone, the others stay recorded.
    await expect(migrateToLatest(db, withFailing(true))).rejects.toThrow(`migration ${failing} failed`);
    expect(await recordedMigrations(db)).toEqual(names);
    expect(await relationExists(db, 'public.half_applied')).toBe(false);
    expect(await relationExists(db, 'auth.users')).toBe(true);

    // 4. Fixed, the same migration applies, once.
    expect((await migrateToLatest(db, withFailing(false))).applied).toEqual([failing]);
    expect(await recordedMigrations(db)).toEqual([...names, failing]);
    const rows = await sql<{ id: number }>`select id from public.half_applied`.execute(db);
    expect(rows.rows).toEqual([{ id: 1 }]);
  });
});
