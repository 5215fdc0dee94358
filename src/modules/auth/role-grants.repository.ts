import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/** Serializes role synchronizations (two deploys, or a deploy and `npm start`) until commit. */
export async function lockRoleSync(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('moms.auth.role-sync'))`.execute(db);
}

export async function rolesByName(db: Db, names: readonly string[]) {
  if (names.length === 0) return [];
  return db
    .selectFrom('auth.roles')
    .select(['name', 'builtin', 'permissions', 'version'])
    .where('name', 'in', names)
    .forUpdate()
    .execute();
}

export async function appliedGrants(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('auth.role_grants').select(['role', 'permission']).execute();
  return new Set(rows.map((r) => `${r.role} ${r.permission}`));
}

export async function insertBuiltinRole(db: Db, role: { name: string; description: string; permissions: string[] }) {
  await db
    .insertInto('auth.roles')
    .values({ name: role.name, description: role.description, permissions: role.permissions, builtin: true })
    .execute();
}

export async function setRolePermissions(db: Db, name: string, permissions: string[]) {
  await db
    .updateTable('auth.roles')
    .set({ permissions, version: sql`version + 1`, updated_at: new Date() })
    .where('name', '=', name)
    .execute();
}

export async function recordGrants(db: Db, grants: readonly { role: string; permission: string }[]) {
  if (grants.length === 0) return;
  await db
    .insertInto('auth.role_grants')
    .values(grants)
    .onConflict((oc) => oc.doNothing())
    .execute();
}
