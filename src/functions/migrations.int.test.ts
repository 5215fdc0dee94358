import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withDatabase } from '../../test/harness/pg-admin.js';
import { createTestDatabase } from '../../test/harness/test-db.js';
import type { DatabaseHandle } from '../platform/db/create-database.js';
import { createMigrationsHandler } from './migrations.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it('applies pending migrations (none on a migrated database) and creates the initial administrator once', async () => {
  const handler = createMigrationsHandler({
    runtime: { getDb: async () => database.db },
    readAdmin: async () => ({ email: 'ops@example.com', password: 'a generated password 123' }),
  });
  expect(await handler()).toEqual({ applied: [], administratorCreated: true });
  expect(await handler()).toEqual({ applied: [], administratorCreated: false });
  const admins = await database.db
    .selectFrom('auth.users as u')
    .innerJoin('auth.user_roles as r', 'r.user_id', 'u.id')
    .select(['u.email', 'r.role'])
    .where('r.role', '=', 'admin')
    .execute();
  expect(admins).toEqual([{ email: 'ops@example.com', role: 'admin' }]);
});

/**
 * The role the application connects as on AWS (issue #20): rows of every application schema, no DDL.
 * PostgreSQL only: roles are cluster-wide and PGlite has one user.
 */
it.skipIf(!process.env.DATABASE_URL)(
  'grants the application role its rows and nothing more, tables of later migrations included',
  async () => {
    const username = `moms_app_${randomBytes(4).toString('hex')}`;
    const handler = createMigrationsHandler({
      runtime: { getDb: async () => database.db },
      readAppRole: async () => ({ username, password: randomBytes(24).toString('hex') }),
    });
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(database.db);
    const url = new URL(withDatabase(process.env.DATABASE_URL!, rows[0]!.name));
    url.username = username;
    url.password = 'the-server-trusts-local-connections';
    const asApp = new pg.Client({ connectionString: url.toString() });
    try {
      const result = await handler();
      expect(result.appRoleSchemas).toEqual(expect.arrayContaining(['auth', 'crm', 'finance', 'hr', 'platform']));
      expect(await handler()).toMatchObject({ appRoleSchemas: result.appRoleSchemas }); // idempotent
      await asApp.connect();
      expect((await asApp.query('select count(*)::int as n from auth.users')).rows[0].n).toBeGreaterThan(0);
      await asApp.query(`update auth.users set updated_at = updated_at where false`);
      await expect(asApp.query('create table crm.intruder (id int)')).rejects.toThrow(/permission denied/);
      await expect(asApp.query('drop table crm.organizations')).rejects.toThrow(/must be owner/);
      await expect(asApp.query('create schema intruder')).rejects.toThrow(/permission denied/);
      // A table a later migration creates (as the owner) is the application's without another grant.
      await sql`create table crm.later_migration (id int primary key)`.execute(database.db);
      await asApp.query('insert into crm.later_migration values (1)');
      expect((await asApp.query('select id from crm.later_migration')).rows).toEqual([{ id: 1 }]);
    } finally {
      await asApp.end().catch(() => undefined);
      await sql`drop table if exists crm.later_migration`.execute(database.db);
      await sql`drop owned by ${sql.id(username)}`.execute(database.db);
      await sql`drop role if exists ${sql.id(username)}`.execute(database.db);
    }
  },
);
