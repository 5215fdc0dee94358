import { writeAudit } from '../../platform/audit/audit-writer.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { RoleDefinition } from '../../platform/modules/module.js';
import * as repo from './role-grants.repository.js';

export interface RoleSyncResult {
  created: string[];
  granted: { role: string; permission: string }[];
}

interface MergedRole {
  name: string;
  description: string;
  permissions: string[];
}

/**
 * Every module's role definitions merged by name: exactly one of them describes the role (its owner),
 * the others add permissions. Throws on a role nobody describes or two modules describe.
 */
export function mergeRoleDefinitions(definitions: readonly RoleDefinition[]): MergedRole[] {
  const merged = new Map<string, { description?: string; permissions: Set<string> }>();
  for (const def of definitions) {
    const role = merged.get(def.name) ?? { permissions: new Set<string>() };
    if (def.description !== undefined) {
      if (role.description !== undefined) throw new Error(`Built-in role "${def.name}" is described twice`);
      role.description = def.description;
    }
    for (const p of def.permissions) role.permissions.add(p);
    merged.set(def.name, role);
  }
  return [...merged].map(([name, role]) => {
    if (role.description === undefined)
      throw new Error(`Built-in role "${name}" gets permissions but no module describes it`);
    return { name, description: role.description, permissions: [...role.permissions].sort() };
  });
}

const SYSTEM = { actor: null, requestId: 'role-sync' };

/**
 * Brings the built-in roles up to what the installed modules declare, in one transaction: creates a
 * missing role, and applies each declared grant that was never applied before (recorded in
 * `auth.role_grants`). It never removes a permission, and never re-adds one an administrator removed
 * after it was granted; a custom role that happens to have a built-in's name is left alone. Runs after
 * every migration run (`migrate`), so a new module's roles arrive with its deploy.
 */
export async function syncBuiltinRoles(db: Db, definitions: readonly RoleDefinition[]): Promise<RoleSyncResult> {
  const declared = mergeRoleDefinitions(definitions);
  return inTransaction(db, async (trx) => {
    await repo.lockRoleSync(trx);
    const existing = new Map(
      (
        await repo.rolesByName(
          trx,
          declared.map((r) => r.name),
        )
      ).map((r) => [r.name, r]),
    );
    const applied = await repo.appliedGrants(trx);
    const result: RoleSyncResult = { created: [], granted: [] };
    for (const role of declared) {
      const row = existing.get(role.name);
      if (!row) {
        await repo.insertBuiltinRole(trx, role);
        await repo.recordGrants(
          trx,
          role.permissions.map((permission) => ({ role: role.name, permission })),
        );
        await writeAudit(trx, SYSTEM, {
          action: 'role.created',
          entityType: 'auth.role',
          entityId: role.name,
          after: { ...role, builtin: true },
        });
        result.created.push(role.name);
        continue;
      }
      if (!row.builtin) continue;
      const missing = role.permissions.filter((p) => !applied.has(`${role.name} ${p}`));
      if (missing.length === 0) continue;
      const permissions = [...new Set([...row.permissions, ...missing])].sort();
      if (permissions.length !== row.permissions.length) {
        await repo.setRolePermissions(trx, role.name, permissions);
        await writeAudit(trx, SYSTEM, {
          action: 'role.updated',
          entityType: 'auth.role',
          entityId: role.name,
          before: { permissions: row.permissions },
          after: { permissions },
        });
      }
      const grants = missing.map((permission) => ({ role: role.name, permission }));
      await repo.recordGrants(trx, grants);
      result.granted.push(...grants);
    }
    return result;
  });
}
