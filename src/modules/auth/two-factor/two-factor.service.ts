import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { authErrors } from '../auth.errors.js';
import { toUserDto } from '../auth.mappers.js';
import * as authRepo from '../auth.repository.js';
import { verifyPassword } from '../password.js';
import { applied, cutUserTokens } from '../token-cutoffs.js';
import * as throttle from '../throttle.repository.js';
import {
  acceptCode,
  acceptRecoveryCode,
  beginCodeCheck,
  codeCheckSucceeded,
  issueRecoveryCodes,
  newEnrolment,
} from './codes.js';
import type { TwoFactorKeys } from './keys.js';
import type { TwoFactorStatusDto } from './two-factor.schemas.js';
import * as repo from './two-factor.repository.js';

const ENTITY = 'auth.user';

async function lockUser(trx: Tx, id: string) {
  const row = await authRepo.findUserById(trx, id, { forUpdate: true });
  if (!row) throw errors.notFound('User', id);
  return row;
}

async function statusOf(db: Db, userId: string): Promise<TwoFactorStatusDto> {
  const enrolment = await repo.findTwoFactor(db, userId);
  const roles = (await authRepo.rolesOfUsers(db, [userId])).get(userId) ?? [];
  const enabledAt = enrolment?.enabled_at ?? null;
  return {
    enabled: enabledAt !== null,
    enabledAt: enabledAt?.toISOString() ?? null,
    recoveryCodesLeft: enabledAt ? await repo.countUnusedRecoveryCodes(db, userId) : 0,
    requiredBy: await repo.rolesRequiringTwoFactor(db, roles),
  };
}

/** A wrong code (or password) of a signed-in user: it stays counted, and is recorded. */
async function failed(db: Db, ctx: RequestContext, userId: string, step: string, error: Error) {
  await inTransaction(db, (trx) =>
    writeAudit(trx, ctx, { action: 'user.two-factor-failed', entityType: ENTITY, entityId: userId, after: { step } }),
  );
  return error;
}

export const getOwnStatus = (db: Db, ctx: RequestContext) => statusOf(db, ctx.actor!.userId);

export async function getUserStatus(db: Db, userId: string) {
  if (!(await authRepo.findUserById(db, userId))) throw errors.notFound('User', userId);
  return statusOf(db, userId);
}

/** Starts (or restarts) enrolling: a new secret, pending until a code confirms it. */
export async function startEnrolment(db: Db, ctx: RequestContext, keys: TwoFactorKeys) {
  const id = ctx.actor!.userId;
  return inTransaction(db, async (trx) => {
    const user = await lockUser(trx, id);
    if ((await repo.findTwoFactor(trx, id, { forUpdate: true }))?.enabled_at) throw authErrors.twoFactorEnabled();
    return newEnrolment(trx, keys, id, user.email);
  });
}

/** A code of the new secret turns two-factor on; the recovery codes are returned once. */
export async function confirmEnrolment(db: Db, ctx: RequestContext, keys: TwoFactorKeys, code: string) {
  const id = ctx.actor!.userId;
  await beginCodeCheck(db, id);
  const outcome = await inTransaction(db, async (trx) => {
    await lockUser(trx, id);
    const enrolment = await repo.findTwoFactor(trx, id, { forUpdate: true });
    if (!enrolment) throw authErrors.twoFactorNotEnabled();
    if (enrolment.enabled_at) throw authErrors.twoFactorEnabled();
    if (!(await acceptCode(trx, keys, enrolment, code))) return undefined;
    const recoveryCodes = await issueRecoveryCodes(trx, keys, id);
    await codeCheckSucceeded(trx, id);
    await writeAudit(trx, ctx, { action: 'user.two-factor-enabled', entityType: ENTITY, entityId: id });
    return { recoveryCodes };
  });
  if (outcome) return outcome;
  throw await failed(db, ctx, id, 'enrolment', authErrors.invalidTwoFactorCode(422));
}

/** New recovery codes (the old ones stop working), for a current code. */
export async function regenerateRecoveryCodes(db: Db, ctx: RequestContext, keys: TwoFactorKeys, code: string) {
  const id = ctx.actor!.userId;
  await beginCodeCheck(db, id);
  const outcome = await inTransaction(db, async (trx) => {
    await lockUser(trx, id);
    const enrolment = await repo.findTwoFactor(trx, id, { forUpdate: true });
    if (!enrolment?.enabled_at) throw authErrors.twoFactorNotEnabled();
    if (!(await acceptCode(trx, keys, enrolment, code))) return undefined;
    const recoveryCodes = await issueRecoveryCodes(trx, keys, id);
    await codeCheckSucceeded(trx, id);
    await writeAudit(trx, ctx, {
      action: 'user.two-factor-recovery-codes-regenerated',
      entityType: ENTITY,
      entityId: id,
    });
    return { recoveryCodes };
  });
  if (outcome) return outcome;
  throw await failed(db, ctx, id, 'recovery-codes', authErrors.invalidTwoFactorCode(422));
}

/**
 * Turns two-factor off: needs the password and a code or a recovery code. Refused while a role of the
 * user requires it (an administrator can reset it instead).
 */
export async function disable(
  db: Db,
  ctx: RequestContext,
  keys: TwoFactorKeys,
  input: { password: string; code?: string | undefined; recoveryCode?: string | undefined },
) {
  const id = ctx.actor!.userId;
  await beginCodeCheck(db, id);
  const current = await authRepo.findUserById(db, id);
  if (!current) throw errors.notFound('User', id);
  if (!(await verifyPassword(input.password, current.password_hash))) {
    throw await failed(db, ctx, id, 'disable', authErrors.wrongPassword('password'));
  }
  const outcome = await inTransaction(db, async (trx) => {
    const user = await lockUser(trx, id);
    if (user.password_hash !== current.password_hash) return 'wrong-password' as const;
    const enrolment = await repo.findTwoFactor(trx, id, { forUpdate: true });
    if (!enrolment?.enabled_at) throw authErrors.twoFactorNotEnabled();
    const roles = (await authRepo.rolesOfUsers(trx, [id])).get(id) ?? [];
    const requiredBy = await repo.rolesRequiringTwoFactor(trx, roles);
    if (requiredBy.length > 0) throw authErrors.twoFactorRequired(requiredBy);
    const accepted =
      input.code !== undefined
        ? await acceptCode(trx, keys, enrolment, input.code)
        : await acceptRecoveryCode(trx, keys, id, input.recoveryCode ?? '');
    if (!accepted) return 'wrong-code' as const;
    await repo.remove(trx, id);
    await codeCheckSucceeded(trx, id);
    await writeAudit(trx, ctx, {
      action: 'user.two-factor-disabled',
      entityType: ENTITY,
      entityId: id,
      after: { with: input.code !== undefined ? 'totp' : 'recovery-code' },
    });
    return 'disabled' as const;
  });
  if (outcome === 'disabled') return;
  const error =
    outcome === 'wrong-password'
      ? authErrors.wrongPassword('password')
      : authErrors.invalidTwoFactorCode(422, input.code !== undefined ? 'code' : 'recoveryCode');
  throw await failed(db, ctx, id, 'disable', error);
}

/**
 * An administrator turns a user's two-factor off (a lost phone): the enrolment and recovery codes go,
 * and the user is signed out everywhere — refresh tokens revoked, access tokens ended within seconds
 * (docs/adr/0010). If a role requires two-factor, the user enrols again at the next sign-in.
 */
export async function resetForUser(db: Db, ctx: RequestContext, id: string, version: number) {
  const outcome = await inTransaction(db, async (trx) => {
    const before = await lockUser(trx, id);
    assertVersion('User', before, version);
    const wasEnabled = await repo.remove(trx, id);
    await authRepo.revokeAllForUser(trx, id, 'two-factor-reset');
    const cutoff = await cutUserTokens(trx, id);
    await throttle.clear(trx, 'two-factor', id);
    const after = await authRepo.updateUser(trx, id, {});
    await writeAudit(trx, ctx, {
      action: 'user.two-factor-reset',
      entityType: ENTITY,
      entityId: id,
      after: { wasEnabled, sessionsRevoked: true },
    });
    const roles = (await authRepo.rolesOfUsers(trx, [id])).get(id) ?? [];
    return { user: toUserDto(after, roles), cutoff };
  });
  applied(db, [outcome.cutoff]);
  return outcome.user;
}
