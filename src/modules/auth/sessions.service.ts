import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AccessTokens } from '../../platform/auth/access-token.js';
import { writeAudit } from '../../platform/audit/audit-writer.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { authErrors } from './auth.errors.js';
import { toUserDto } from './auth.mappers.js';
import * as repo from './auth.repository.js';
import { decoyHash, verifyPassword } from './password.js';

export interface SessionDeps {
  tokens: AccessTokens;
  refreshTtlSeconds: number;
}

/** Sign-in throttling: this many failures within the window lock the account for the lock time. */
export const LOGIN_THROTTLE = { maxFailures: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 } as const;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Refresh tokens are `<id>.<secret>`; only the secret's SHA-256 is stored. */
function newRefreshToken() {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `${id}.${secret}`, hash: sha256(secret) };
}

async function issueSession(db: Db, deps: SessionDeps, user: repo.UserRow, familyId: string) {
  const roles = (await repo.rolesOfUsers(db, [user.id])).get(user.id) ?? [];
  const permissions = await repo.permissionsOfRoles(db, roles);
  const refresh = newRefreshToken();
  const expiresAt = new Date(Date.now() + deps.refreshTtlSeconds * 1000);
  await repo.insertRefreshToken(db, {
    id: refresh.id,
    family_id: familyId,
    user_id: user.id,
    token_hash: refresh.hash,
    expires_at: expiresAt,
  });
  const access = await deps.tokens.sign({ userId: user.id, email: user.email, roles, permissions });
  return {
    tokenType: 'Bearer' as const,
    accessToken: access.token,
    expiresIn: access.expiresIn,
    refreshToken: refresh.token,
    refreshExpiresAt: expiresAt.toISOString(),
    user: { ...toUserDto(user, roles), permissions },
  };
}

export async function login(
  db: Db,
  ctx: RequestContext,
  deps: SessionDeps,
  input: { email: string; password: string },
) {
  const attempts = await repo.findLoginAttempts(db, input.email);
  if (attempts?.locked_until && attempts.locked_until > new Date()) {
    throw authErrors.accountLocked(Math.ceil((attempts.locked_until.getTime() - Date.now()) / 1000));
  }
  const user = await repo.findUserByEmail(db, input.email);
  // Check a password even for unknown emails, so timing does not reveal which accounts exist.
  const valid = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash()));
  if (!user || !valid || user.status !== 'active') {
    const { rows } = await repo.recordLoginFailure(
      db,
      input.email,
      LOGIN_THROTTLE.windowSeconds,
      LOGIN_THROTTLE.maxFailures,
      LOGIN_THROTTLE.lockSeconds,
    );
    const lockedUntil = rows[0]?.locked_until;
    if (user && lockedUntil && lockedUntil > new Date()) {
      await inTransaction(db, (trx) =>
        writeAudit(
          trx,
          { ...ctx, actor: null },
          {
            action: 'user.locked-out',
            entityType: 'auth.user',
            entityId: user.id,
            after: { lockedUntil: lockedUntil.toISOString(), failures: rows[0]?.failures },
          },
        ),
      );
    }
    throw authErrors.invalidCredentials();
  }
  return inTransaction(db, async (trx) => {
    await repo.clearLoginAttempts(trx, input.email);
    await repo.touchLastLogin(trx, user.id);
    const fresh = (await repo.findUserById(trx, user.id))!;
    const session = await issueSession(trx, deps, fresh, randomUUID());
    await writeAudit(
      trx,
      { ...ctx, actor: { userId: user.id, email: user.email, roles: [], permissions: [] } },
      {
        action: 'user.signed-in',
        entityType: 'auth.user',
        entityId: user.id,
      },
    );
    return session;
  });
}

function parseRefreshToken(token: string) {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || !/^[0-9a-f-]{36}$/.test(id)) throw authErrors.invalidRefreshToken();
  return { id, secret };
}

function sameHash(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Rotates a refresh token: the old one is spent, a new one of the same family is returned. Presenting
 * a spent or revoked token again means it was stolen (or replayed): the whole family is revoked.
 */
export async function refresh(db: Db, ctx: RequestContext, deps: SessionDeps, refreshToken: string) {
  const { id, secret } = parseRefreshToken(refreshToken);
  const outcome = await inTransaction(db, async (trx) => {
    const row = await repo.findRefreshTokenForUpdate(trx, id);
    if (!row || !sameHash(row.token_hash, sha256(secret))) return { error: authErrors.invalidRefreshToken() };
    if (row.used_at || row.revoked_at) {
      await repo.revokeFamily(trx, row.family_id, 'reuse-detected');
      await writeAudit(
        trx,
        { ...ctx, actor: null },
        {
          action: 'session.reuse-detected',
          entityType: 'auth.user',
          entityId: row.user_id,
          after: { familyId: row.family_id },
        },
      );
      return { error: authErrors.refreshTokenReused() };
    }
    if (row.expires_at <= new Date()) return { error: authErrors.invalidRefreshToken() };
    const user = await repo.findUserById(trx, row.user_id);
    if (!user || user.status !== 'active') {
      await repo.revokeFamily(trx, row.family_id, 'user-inactive');
      return { error: authErrors.invalidRefreshToken() };
    }
    await repo.markRefreshTokenUsed(trx, row.id);
    return { session: await issueSession(trx, deps, user, row.family_id) };
  });
  // The revocation above commits even though the caller gets an error.
  if ('error' in outcome) throw outcome.error;
  return outcome.session;
}

/** Signs out the session (the refresh token's whole family). Unknown tokens are ignored: logout is idempotent. */
export async function logout(db: Db, ctx: RequestContext, refreshToken: string) {
  let parsed: { id: string; secret: string };
  try {
    parsed = parseRefreshToken(refreshToken);
  } catch {
    return;
  }
  await inTransaction(db, async (trx) => {
    const row = await repo.findRefreshTokenForUpdate(trx, parsed.id);
    if (!row || !sameHash(row.token_hash, sha256(parsed.secret)) || row.revoked_at) return;
    await repo.revokeFamily(trx, row.family_id, 'logout');
    await writeAudit(trx, ctx, { action: 'user.signed-out', entityType: 'auth.user', entityId: row.user_id });
  });
}
