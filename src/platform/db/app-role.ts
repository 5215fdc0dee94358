import { sql } from 'kysely';
import type { Db } from './database.js';

/** A PostgreSQL role name MOMS creates: lowercase, no quoting needed. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schemas that are PostgreSQL's own, not the application's. */
const SYSTEM_SCHEMAS = ['information_schema', 'pg_catalog', 'pg_toast'];

export interface AppRole {
  username: string;
  password: string;
}

/**
 * The role the application's functions connect as (issue #20): it may read and write the rows of every
 * application schema, and nothing else — no DDL, no role or database changes. The migrations function
 * (the master user, which owns every table) creates or updates it after each migration run, grants it
 * the tables and sequences that exist, and sets default privileges so tables a later migration creates
 * are granted too. Idempotent. PostgreSQL only (an embedded database has one user).
 */
export async function grantAppRole(db: Db, role: AppRole): Promise<{ schemas: string[] }> {
  if (!ROLE_NAME.test(role.username)) throw new Error(`Not a role name MOMS creates: ${role.username}`);
  if (role.password.length < 16) throw new Error('The application role needs a password of at least 16 characters');
  const name = sql.id(role.username);
  // DDL takes no bind parameters: the password goes in as a literal, quoted by PostgreSQL's rules.
  const password = sql.lit(role.password);
  return db.transaction().execute(async (trx) => {
    // One migrations run at a time creates the role (two at once would race on "create role").
    await sql`select pg_advisory_xact_lock(hashtext('moms.app-role'))`.execute(trx);
    const exists = await sql<{ n: number }>`select 1 as n from pg_roles where rolname = ${role.username}`.execute(trx);
    if (exists.rows.length === 0) {
      await sql`create role ${name} login password ${password}`.execute(trx);
    } else {
      await sql`alter role ${name} with login nosuperuser nocreatedb nocreaterole password ${password}`.execute(trx);
    }
    const { rows } = await sql<{ name: string }>`
      select nspname as name from pg_namespace
      where nspname <> all(${SYSTEM_SCHEMAS}) and nspname not like 'pg\\_temp\\_%' and nspname not like 'pg\\_toast\\_temp\\_%'
        and pg_get_userbyid(nspowner) = current_user
      order by nspname`.execute(trx);
    const database = sql.id((await sql<{ db: string }>`select current_database() as db`.execute(trx)).rows[0]!.db);
    await sql`grant connect on database ${database} to ${name}`.execute(trx);
    for (const { name: schemaName } of rows) {
      const schema = sql.id(schemaName);
      await sql`grant usage on schema ${schema} to ${name}`.execute(trx);
      await sql`grant select, insert, update, delete on all tables in schema ${schema} to ${name}`.execute(trx);
      await sql`grant usage, select on all sequences in schema ${schema} to ${name}`.execute(trx);
      await sql`alter default privileges in schema ${schema} grant select, insert, update, delete on tables to ${name}`.execute(
        trx,
      );
      await sql`alter default privileges in schema ${schema} grant usage, select on sequences to ${name}`.execute(trx);
    }
    return { schemas: rows.map((r) => r.name) };
  });
}
