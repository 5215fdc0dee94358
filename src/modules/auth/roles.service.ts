import { writeAudit } from '../../platform/audit/audit-writer.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { errors } from '../../platform/errors/app-error.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { assertVersion } from '../../platform/http/versioning.js';
import { authErrors } from './auth.errors.js';
import { toRoleDto } from './auth.mappers.js';
import * as repo from './auth.repository.js';
import { applied, cutRoleTokens, type TokenCutoff } from './token-cutoffs.js';

const ENTITY = 'auth.role';

/** What the audit log keeps of a role: all of it but the token cutoff (not a change to the role). */
function auditRole(row: repo.RoleRow): Record<string, unknown> {
  const { tokens_valid_after: _cutoff, ...rest } = row;
  return rest;
}

export async function listRoles(db: Db) {
  return { items: (await repo.listRoles(db)).map(toRoleDto) };
}

export async function getRole(db: Db, name: string) {
  const row = await repo.findRole(db, name);
  if (!row) throw errors.notFound('Role', name);
  return toRoleDto(row);
}

export async function createRole(
  db: Db,
  ctx: RequestContext,
  input: { name: string; description: string; permissions: string[]; requireTwoFactor?: boolean | undefined },
) {
  return inTransaction(db, async (trx) => {
    if (await repo.findRole(trx, input.name)) throw authErrors.roleExists(input.name);
    const row = await repo.insertRole(trx, {
      name: input.name,
      description: input.description,
      permissions: [...new Set(input.permissions)].sort(),
      require_two_factor: input.requireTwoFactor ?? false,
    });
    await writeAudit(trx, ctx, {
      action: 'role.created',
      entityType: ENTITY,
      entityId: row.name,
      after: auditRole(row),
    });
    return toRoleDto(row);
  });
}

export async function updateRole(
  db: Db,
  ctx: RequestContext,
  name: string,
  input: {
    version: number;
    description?: string | undefined;
    permissions?: string[] | undefined;
    /** Takes effect at each holder's next sign-in (docs/security.md). */
    requireTwoFactor?: boolean | undefined;
  },
) {
  const cutoffs: TokenCutoff[] = [];
  const result = await inTransaction(db, async (trx) => {
    // Changing which permissions a role grants can remove the last administrator.
    if (input.permissions) await repo.lockAdministrators(trx);
    const before = await repo.findRole(trx, name, { forUpdate: true });
    if (!before) throw errors.notFound('Role', name);
    assertVersion('Role', before, input.version);
    // The administrators' permissions are fixed; its description and two-factor requirement are not.
    const permissions = input.permissions ? [...new Set(input.permissions)].sort() : undefined;
    if (before.name === 'admin' && permissions && permissions.join() !== before.permissions.join()) {
      throw authErrors.builtinRole(name);
    }
    const after = await repo.updateRole(trx, name, {
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(permissions ? { permissions } : {}),
      ...(input.requireTwoFactor !== undefined ? { require_two_factor: input.requireTwoFactor } : {}),
    });
    // Tokens carry the permissions their roles granted: the old ones go, a refresh brings the new ones.
    if (after.permissions.join() !== before.permissions.join()) cutoffs.push(await cutRoleTokens(trx, name));
    await writeAudit(trx, ctx, {
      action: 'role.updated',
      entityType: ENTITY,
      entityId: name,
      before: auditRole(before),
      after: auditRole(after),
    });
    return toRoleDto(after);
  });
  applied(db, cutoffs);
  return result;
}

export async function deleteRole(db: Db, ctx: RequestContext, name: string) {
  await inTransaction(db, async (trx) => {
    const before = await repo.findRole(trx, name, { forUpdate: true });
    if (!before) throw errors.notFound('Role', name);
    if (before.builtin) throw authErrors.builtinRole(name);
    const users = await repo.countUsersWithRole(trx, name);
    if (users > 0) throw authErrors.roleInUse(name, users);
    await repo.deleteRole(trx, name);
    await writeAudit(trx, ctx, {
      action: 'role.deleted',
      entityType: ENTITY,
      entityId: name,
      before: auditRole(before),
    });
  });
}
