import { writeAudit } from '../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { errors } from '../../platform/errors/app-error.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { assertVersion } from '../../platform/http/versioning.js';
import { sendMail } from '../../platform/mail/send-mail.js';
import { passwordResetNotice } from './auth.mail.js';
import { authErrors } from './auth.errors.js';
import { auditUser, toUserDto } from './auth.mappers.js';
import * as repo from './auth.repository.js';
import { generatePassword, hashPassword, verifyPassword } from './password.js';
import {
  beginPasswordChange,
  clearSignInThrottle,
  passwordChangeExhausted,
  passwordChangeRetryAfter,
  passwordChangeSucceeded,
} from './sign-in-throttle.js';
import { applied, cutUserTokens, type TokenCutoff } from './token-cutoffs.js';

const ENTITY = 'auth.user';

async function withRoles(db: Db, row: repo.UserRow) {
  const roles = (await repo.rolesOfUsers(db, [row.id])).get(row.id) ?? [];
  return { row, roles };
}

async function lockUser(trx: Tx, id: string) {
  const row = await repo.findUserById(trx, id, { forUpdate: true });
  if (!row) throw errors.notFound('User', id);
  return withRoles(trx, row);
}

async function assertRolesExist(db: Db, roles: string[]) {
  const missing = await repo.missingRoles(db, roles);
  if (missing.length > 0) throw authErrors.unknownRoles(missing);
}

/** Refuses a change that would leave no active administrator. Call with the administrators locked. */
async function assertAnotherAdministrator(trx: Tx, userId: string) {
  if ((await repo.countOtherActiveAdministrators(trx, userId)) === 0) throw authErrors.lastAdministrator();
}

async function isAdministrator(db: Db, roles: string[]) {
  return (await repo.permissionsOfRoles(db, roles)).includes('*');
}

export async function getMe(db: Db, ctx: RequestContext) {
  const row = await repo.findUserById(db, ctx.actor!.userId);
  if (!row) throw errors.notFound('User', ctx.actor!.userId);
  const { roles } = await withRoles(db, row);
  return { ...toUserDto(row, roles), permissions: await repo.permissionsOfRoles(db, roles) };
}

export async function getUser(db: Db, id: string) {
  const row = await repo.findUserById(db, id);
  if (!row) throw errors.notFound('User', id);
  const { roles } = await withRoles(db, row);
  return toUserDto(row, roles);
}

export async function listUsers(db: Db, filter: repo.UserFilter) {
  const page = await repo.listUsers(db, filter);
  return { items: page.items.map((u) => toUserDto(u, u.roles)), nextCursor: page.nextCursor };
}

export async function createUser(
  db: Db,
  ctx: RequestContext,
  input: {
    email: string;
    name: string;
    password?: string | undefined;
    roles: string[];
    mustChangePassword?: boolean;
    /** Internal callers that create many users with one password (demo data) hash it once. */
    passwordHash?: string;
  },
) {
  const roles = [...new Set(input.roles)].sort();
  const temporaryPassword = input.password === undefined && !input.passwordHash ? generatePassword() : undefined;
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password ?? temporaryPassword!));
  return inTransaction(db, async (trx) => {
    await assertRolesExist(trx, roles);
    if (await repo.emailInUse(trx, input.email)) throw authErrors.emailTaken(input.email);
    const row = await repo.insertUser(trx, {
      email: input.email,
      name: input.name,
      password_hash: passwordHash,
      must_change_password: input.mustChangePassword ?? temporaryPassword !== undefined,
    });
    await repo.setUserRoles(trx, row.id, roles);
    await writeAudit(trx, ctx, {
      action: 'user.created',
      entityType: ENTITY,
      entityId: row.id,
      after: auditUser(row, roles),
    });
    return { ...toUserDto(row, roles), ...(temporaryPassword ? { temporaryPassword } : {}) };
  });
}

export async function updateUser(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; email?: string | undefined; name?: string | undefined },
) {
  return inTransaction(db, async (trx) => {
    const { row: before, roles } = await lockUser(trx, id);
    assertVersion('User', before, input.version);
    if (input.email && input.email !== before.email && (await repo.emailInUse(trx, input.email, id))) {
      throw authErrors.emailTaken(input.email);
    }
    const after = await repo.updateUser(trx, id, {
      ...(input.email ? { email: input.email } : {}),
      ...(input.name ? { name: input.name } : {}),
    });
    await writeAudit(trx, ctx, {
      action: 'user.updated',
      entityType: ENTITY,
      entityId: id,
      before: auditUser(before),
      after: auditUser(after),
    });
    return toUserDto(after, roles);
  });
}

export async function setStatus(
  db: Db,
  ctx: RequestContext,
  id: string,
  status: 'active' | 'inactive',
  version: number,
) {
  const cutoffs: TokenCutoff[] = [];
  const result = await inTransaction(db, async (trx) => {
    if (status === 'inactive') {
      if (ctx.actor?.userId === id) throw authErrors.cannotDeactivateSelf();
      await repo.lockAdministrators(trx);
    }
    const { row: before, roles } = await lockUser(trx, id);
    assertVersion('User', before, version);
    if (before.status === status) return toUserDto(before, roles);
    if (status === 'inactive' && (await isAdministrator(trx, roles))) await assertAnotherAdministrator(trx, id);
    const after = await repo.updateUser(trx, id, { status });
    if (status === 'inactive') {
      await repo.revokeAllForUser(trx, id, 'deactivated');
      cutoffs.push(await cutUserTokens(trx, id));
    }
    await writeAudit(trx, ctx, {
      action: status === 'inactive' ? 'user.deactivated' : 'user.activated',
      entityType: ENTITY,
      entityId: id,
      before: { status: before.status },
      after: { status: after.status },
    });
    return toUserDto(after, roles);
  });
  applied(db, cutoffs);
  return result;
}

/**
 * Sets a temporary password the user must change, signs them out everywhere (access tokens too), and
 * starts their sign-in counters over.
 */
export async function resetPassword(db: Db, ctx: RequestContext, id: string, version: number) {
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const cutoffs: TokenCutoff[] = [];
  const result = await inTransaction(db, async (trx) => {
    const { row: before, roles } = await lockUser(trx, id);
    assertVersion('User', before, version);
    const after = await repo.updateUser(trx, id, { password_hash: passwordHash, must_change_password: true });
    await repo.revokeAllForUser(trx, id, 'password-reset');
    cutoffs.push(await cutUserTokens(trx, id));
    await clearSignInThrottle(trx, before.email);
    await writeAudit(trx, ctx, { action: 'user.password-reset', entityType: ENTITY, entityId: id });
    // Tell the user (never the password itself): sent by a job, only if this reset commits.
    await sendMail(trx, {
      template: passwordResetNotice,
      data: { name: after.name, resetBy: ctx.actor?.email ?? 'An administrator', at: new Date().toISOString() },
      to: [{ address: after.email, name: after.name }],
      createdBy: ctx.actor?.userId ?? null,
    });
    return { temporaryPassword, user: toUserDto(after, roles) };
  });
  applied(db, cutoffs);
  return result;
}

export async function setRoles(db: Db, ctx: RequestContext, id: string, input: { version: number; roles: string[] }) {
  const roles = [...new Set(input.roles)].sort();
  const cutoffs: TokenCutoff[] = [];
  const result = await inTransaction(db, async (trx) => {
    await repo.lockAdministrators(trx);
    const { row: before, roles: previous } = await lockUser(trx, id);
    assertVersion('User', before, input.version);
    await assertRolesExist(trx, roles);
    if ((await isAdministrator(trx, previous)) && !(await isAdministrator(trx, roles)) && before.status === 'active') {
      await assertAnotherAdministrator(trx, id);
    }
    await repo.setUserRoles(trx, id, roles);
    // Tokens carry roles and permissions: the old ones go, and a refresh brings the new ones.
    if (roles.join() !== previous.join()) cutoffs.push(await cutUserTokens(trx, id));
    const after = await repo.updateUser(trx, id, {});
    await writeAudit(trx, ctx, {
      action: 'user.roles-changed',
      entityType: ENTITY,
      entityId: id,
      before: { roles: previous },
      after: { roles },
    });
    return toUserDto(after, roles);
  });
  applied(db, cutoffs);
  return result;
}

/**
 * Changes your own password. Wrong current passwords are limited (PASSWORD_CHANGE_POLICY): the last
 * allowed one signs the user out everywhere, so a stolen access token cannot be used to find the
 * password. A change signs out every other session and ends every access token issued before it; this
 * session's refresh token stays valid, so the client refreshes once and carries on.
 */
export async function changeOwnPassword(
  db: Db,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
) {
  const actor = ctx.actor!;
  const id = actor.userId;
  const attempt = await beginPasswordChange(db, id);
  const current = await repo.findUserById(db, id);
  if (!current) throw errors.notFound('User', id);
  if (!(await verifyPassword(input.currentPassword, current.password_hash))) {
    if (!passwordChangeExhausted(attempt)) throw authErrors.wrongPassword();
    const cutoff = await inTransaction(db, async (trx) => {
      await lockUser(trx, id);
      await repo.revokeAllForUser(trx, id, 'password-change-throttled');
      const cut = await cutUserTokens(trx, id);
      await writeAudit(trx, ctx, {
        action: 'user.password-change-throttled',
        entityType: ENTITY,
        entityId: id,
        after: { failures: attempt.failures, sessionsRevoked: true },
      });
      return cut;
    });
    applied(db, [cutoff]);
    throw authErrors.passwordChangeThrottled(passwordChangeRetryAfter(attempt));
  }
  const passwordHash = await hashPassword(input.newPassword);
  const cutoff = await inTransaction(db, async (trx) => {
    const { row } = await lockUser(trx, id);
    // Changed by someone else since it was checked (an administrator's reset): check again.
    if (row.password_hash !== current.password_hash) throw authErrors.wrongPassword();
    await repo.updateUser(trx, id, { password_hash: passwordHash, must_change_password: false });
    await repo.revokeAllForUser(trx, id, 'password-changed', actor.sessionId);
    const cut = await cutUserTokens(trx, id);
    await passwordChangeSucceeded(trx, id);
    await writeAudit(trx, ctx, { action: 'user.password-changed', entityType: ENTITY, entityId: id });
    return cut;
  });
  applied(db, [cutoff]);
}
