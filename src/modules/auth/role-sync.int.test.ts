import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/harness/fresh-db.js';
import { roleDefinitions } from '../../app/catalog.js';
import { allMigrations, migrate } from '../../app/migrations.js';
import { modules } from '../../app/modules.js';
import type { Db } from '../../platform/db/database.js';
import { migrateToLatest } from '../../platform/db/migrator.js';
import { mergeRoleDefinitions, syncBuiltinRoles } from './role-sync.js';

/** The migrations as they were before roles moved into the module manifests (2026-12-03). */
const BEFORE_MANIFESTS = '2026-12-03T1200';

/**
 * Modules installed after that change bring their roles through the sync (that is how a new module's
 * roles arrive): on a database from before, `migrate` creates these and grants their additions.
 */
const LATER_MODULES = new Set(['projects', 'supply', 'strategy', 'analytics', 'automation', 'compliance']);
const laterRoles = modules.filter((m) => LATER_MODULES.has(m.name)).flatMap((m) => m.roles);
const laterPrefixes = [...LATER_MODULES].map((name) => `${name}:`);
const isLater = (permission: string) => laterPrefixes.some((prefix) => permission.startsWith(prefix));

async function rolesOf(db: Db) {
  const { rows } = await sql<{ name: string; builtin: boolean; permissions: string[]; description: string }>`
    select name, builtin, description, permissions from auth.roles order by name`.execute(db);
  return rows.map((r) => ({ ...r, permissions: [...r.permissions].sort() }));
}

async function assignments(db: Db) {
  const { rows } = await sql<{ email: string; role: string }>`
    select u.email, ur.role from auth.user_roles ur join auth.users u on u.id = ur.user_id order by 1, 2`.execute(db);
  return rows;
}

describe('built-in roles from the module manifests', () => {
  it('a database created before the change keeps every role, permission and assignment, including an administrator’s edit', async () => {
    const { db } = await freshDatabase();
    const all = await allMigrations();
    const older = Object.fromEntries(Object.entries(all).filter(([name]) => name < BEFORE_MANIFESTS));
    expect(Object.keys(older).length).toBeLessThan(Object.keys(all).length);
    await migrateToLatest(db, older);

    // Users with roles, a custom role, and an administrator's edit of a built-in role.
    await sql`insert into auth.roles (name, description, permissions) values ('auditor-lite', 'custom', '{audit:read}')`.execute(
      db,
    );
    await sql`update auth.roles set permissions = array_remove(permissions, 'crm:write') where name = 'employee'`.execute(
      db,
    );
    await sql`update auth.roles set permissions = array_remove(permissions, 'hr:approve') || '{crm:admin}' where name = 'manager'`.execute(
      db,
    );
    for (const [email, roles] of [
      ['ann@example.com', ['manager', 'sales-rep']],
      ['bob@example.com', ['employee', 'auditor-lite']],
      ['cy@example.com', ['hr-admin']],
    ] as const) {
      const { rows } = await sql<{ id: string }>`
        insert into auth.users (email, name, password_hash) values (${email}, ${email}, 'x') returning id`.execute(db);
      for (const role of roles)
        await sql`insert into auth.user_roles (user_id, role) values (${rows[0]!.id}, ${role})`.execute(db);
    }
    const rolesBefore = await rolesOf(db);
    const assignmentsBefore = await assignments(db);

    const outcome = await migrate(db);
    expect(outcome.applied).toContain('2026-12-03T1200_auth_role_grants');
    // Only the later modules' roles and grants are new.
    const newRoles = laterRoles.filter((r) => r.description !== undefined).map((r) => r.name);
    expect([...(outcome.roles?.created ?? [])].sort()).toEqual([...newRoles].sort());
    expect(outcome.roles?.granted.every((g) => isLater(g.permission) && !newRoles.includes(g.role))).toBe(true);
    expect(outcome.roles?.granted.length).toBeGreaterThan(0);
    // One deliberate change (least privilege, issue #24): manager no longer reads Finance. The
    // administrator's own edits of manager (hr:approve removed, crm:admin added) stay.
    const manager = rolesBefore.find((r) => r.name === 'manager')!;
    expect(manager.permissions).toEqual(expect.arrayContaining(['finance:read', 'crm:admin']));
    expect(manager.permissions).not.toContain('hr:approve');
    const expected = rolesBefore
      .map((r) => (r.name === 'manager' ? { ...r, permissions: r.permissions.filter((p) => p !== 'finance:read') } : r))
      .map((r) => ({ ...r, permissions: r.permissions.filter((p) => !isLater(p)) }));
    // What the roles from before hold now, leaving aside the later modules' permissions (the first
    // roles already named some of them, e.g. projects:read, before those modules existed).
    const olderNow = (await rolesOf(db))
      .filter((r) => !newRoles.includes(r.name))
      .map((r) => ({ ...r, permissions: r.permissions.filter((p) => !isLater(p)) }));
    expect(olderNow).toEqual(expected);
    const audit = await sql<{ before: { permissions: string[] }; after: { permissions: string[] } }>`
      select before, after from platform.audit_log where entity_id = 'manager' and action = 'role.updated'`.execute(db);
    const financeRemoved = audit.rows.filter(
      (row) => row.before.permissions.includes('finance:read') && !row.after.permissions.includes('finance:read'),
    );
    expect(financeRemoved).toHaveLength(1);
    expect(await assignments(db)).toEqual(assignmentsBefore);
    // The edits stay: the sync does not put back what the administrator removed.
    const employee = (await rolesOf(db)).find((r) => r.name === 'employee')!;
    expect(employee.permissions).not.toContain('crm:write');

    // And again: nothing to do.
    expect((await migrate(db)).roles).toEqual({ created: [], granted: [] });
  });

  it('a fresh database gets the declared roles, with each declared permission', async () => {
    const { db } = await freshDatabase();
    await migrate(db);
    const roles = new Map((await rolesOf(db)).map((r) => [r.name, r]));
    for (const role of mergeRoleDefinitions(roleDefinitions)) {
      expect(roles.get(role.name)?.builtin, role.name).toBe(true);
      expect(roles.get(role.name)?.permissions, role.name).toEqual(expect.arrayContaining(role.permissions));
    }
  });

  it('applies a new module’s role and grants once, and never re-adds a grant an administrator removed', async () => {
    const { db } = await freshDatabase();
    await migrate(db);
    const withNewModule = [
      ...roleDefinitions,
      { name: 'warehouse-clerk', description: 'Moves stock.', permissions: ['crm:read'] },
      { name: 'manager', permissions: ['crm:admin'] },
    ] as const;

    const { rows: mark } = await sql<{
      last: string | null;
    }>`select max(id)::text as last from platform.audit_log`.execute(db);
    const since = mark[0]?.last ?? '0';
    const first = await syncBuiltinRoles(db, withNewModule);
    expect(first.created).toEqual(['warehouse-clerk']);
    expect(first.granted).toEqual([{ role: 'manager', permission: 'crm:admin' }]);
    let roles = new Map((await rolesOf(db)).map((r) => [r.name, r]));
    expect(roles.get('warehouse-clerk')).toMatchObject({ builtin: true, permissions: ['crm:read'] });
    expect(roles.get('manager')!.permissions).toContain('crm:admin');
    const audit = await sql<{ action: string; entity_id: string }>`
      select action, entity_id from platform.audit_log where request_id = 'role-sync' and id > ${since}::bigint order by id`.execute(
      db,
    );
    expect(audit.rows).toEqual([
      { action: 'role.updated', entity_id: 'manager' },
      { action: 'role.created', entity_id: 'warehouse-clerk' },
    ]);

    expect(await syncBuiltinRoles(db, withNewModule)).toEqual({ created: [], granted: [] });
    await sql`update auth.roles set permissions = array_remove(permissions, 'crm:admin') where name = 'manager'`.execute(
      db,
    );
    expect(await syncBuiltinRoles(db, withNewModule)).toEqual({ created: [], granted: [] });
    roles = new Map((await rolesOf(db)).map((r) => [r.name, r]));
    expect(roles.get('manager')!.permissions).not.toContain('crm:admin');
  });

  it('leaves a custom role alone when a module declares a built-in of the same name', async () => {
    const { db } = await freshDatabase();
    await migrate(db);
    await sql`insert into auth.roles (name, description, permissions) values ('planner', 'ours', '{crm:read}')`.execute(
      db,
    );
    const result = await syncBuiltinRoles(db, [
      ...roleDefinitions,
      { name: 'planner', description: 'Plans projects.', permissions: ['crm:write'] },
    ]);
    expect(result).toEqual({ created: [], granted: [] });
    expect((await rolesOf(db)).find((r) => r.name === 'planner')).toMatchObject({
      builtin: false,
      description: 'ours',
      permissions: ['crm:read'],
    });
  });

  it('refuses a role nobody describes, or two modules describe', () => {
    expect(() => mergeRoleDefinitions([{ name: 'ghost', permissions: ['crm:read'] }])).toThrow(/no module describes/);
    expect(() =>
      mergeRoleDefinitions([
        { name: 'twin', description: 'a', permissions: [] },
        { name: 'twin', description: 'b', permissions: [] },
      ]),
    ).toThrow(/described twice/);
  });
});
