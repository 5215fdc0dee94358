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
import { beginSignIn, passwordAccepted, signInFailed, signInSucceeded } from './sign-in-throttle.js';
import { applied, cutUserTokens, type TokenCutoff } from './token-cutoffs.js';
import type { TwoFactorKeys } from './two-factor/keys.js';
import { challengeAtSignIn } from './two-factor/two-factor-sign-in.js';

export interface SessionDeps {
  tokens: AccessTokens;
  refreshTtlSeconds: number;
  /** Keys of two-factor sign-in challenges and secrets (two-factor/keys.ts). */
  twoFactorKeys: TwoFactorKeys;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Refresh tokens are `<id>.<secret>`; only the secret's SHA-256 is stored. */
function newRefreshToken() {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `${id}.${secret}`, hash: sha256(secret) };
}

/** A new session (refresh-token family or rotation) and its access token. */
export async function issueSession(db: Db, deps: SessionDeps, user: repo.UserRow, familyId: string) {
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
  const access = await deps.tokens.sign({
    userId: user.id,
    email: user.email,
    roles,
    permissions,
    sessionId: familyId,
  });
  return {
    tokenType: 'Bearer' as const,
    accessToken: access.token,
    expiresIn: access.expiresIn,
    refreshToken: refresh.token,
    refreshExpiresAt: expiresAt.toISOString(),
    user: { ...toUserDto(user, roles), permissions },
  };
}

/**
 * Signs in. `source` is the throttling key of where the request came from (sign-in-throttle.ts): a
 * stranger's failures from elsewhere never stop a right password from a source that has not been failing.
 */
export async function login(
  db: Db,
  ctx: RequestContext,
  deps: SessionDeps,
  input: { email: string; password: string },
  source: string,
) {
  const attempt = await beginSignIn(db, input.email, source);
  const user = await repo.findUserByEmail(db, input.email);
  // Check a password even for unknown emails, so timing does not reveal which accounts exist.
  const valid = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash()));
  if (!user || !valid || user.status !== 'active') {
    await signInFailed(db, ctx, attempt, user?.id);
    throw authErrors.invalidCredentials();
  }
  return inTransaction(db, async (trx) => {
    // Locked, then checked again: a deactivation or password change that committed meanwhile wins.
    const fresh = await repo.findUserById(trx, user.id, { forUpdate: true });
    if (!fresh || fresh.status !== 'active' || fresh.password_hash !== user.password_hash) {
      throw authErrors.invalidCredentials();
    }
    // Two-factor on (or required by a role): no tokens yet, a challenge for the second step. The
    // (account, source) run goes on until the code is right, so right passwords cannot reset the
    // count of wrong codes (docs/security.md).
    const challenge = await challengeAtSignIn(trx, ctx, deps.twoFactorKeys, fresh);
    if (challenge) {
      await passwordAccepted(trx, attempt);
      return challenge;
    }
    await signInSucceeded(trx, attempt);
    const signedIn = await repo.touchLastLogin(trx, user.id);
    const session = await issueSession(trx, deps, signedIn, randomUUID());
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
  const cutoffs: TokenCutoff[] = [];
  const outcome = await inTransaction(db, async (trx) => {
    // The user first, then the token — the order every change to a user locks them in — so a refresh
    // and a deactivation or password change never interleave: no token outlives the change.
    const owner = await repo.refreshTokenOwner(trx, id);
    const user = owner ? await repo.findUserById(trx, owner, { forUpdate: true }) : undefined;
    const row = await repo.findRefreshTokenForUpdate(trx, id);
    if (!row || !sameHash(row.token_hash, sha256(secret))) return { error: authErrors.invalidRefreshToken() };
    if (row.used_at || row.revoked_at) {
      await repo.revokeFamily(trx, row.family_id, 'reuse-detected');
      // Whoever holds a stolen session also holds its access token: end the user's access tokens too.
      cutoffs.push(await cutUserTokens(trx, row.user_id));
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
    if (!user || user.status !== 'active') {
      await repo.revokeFamily(trx, row.family_id, 'user-inactive');
      return { error: authErrors.invalidRefreshToken() };
    }
    await repo.markRefreshTokenUsed(trx, row.id);
    return { session: await issueSession(trx, deps, user, row.family_id) };
  });
  // The revocation above commits even though the caller gets an error.
  applied(db, cutoffs);
  if ('error' in outcome) throw outcome.error;
  return outcome.session;
}

/**
 * Signs out the session: the refresh token's whole family, and the access tokens issued for it (their
 * `sid`). Unknown tokens are ignored: logout is idempotent.
 */
export async function logout(db: Db, ctx: RequestContext, refreshToken: string) {
  let parsed: { id: string; secret: string };
  try {
    parsed = parseRefreshToken(refreshToken);
  } catch {
    return;
  }
  const cutoffs = await inTransaction(db, async (trx): Promise<TokenCutoff[]> => {
    const row = await repo.findRefreshTokenForUpdate(trx, parsed.id);
    if (!row || !sameHash(row.token_hash, sha256(parsed.secret)) || row.revoked_at) return [];
    // The session's access tokens end with it (ADR 0010), not when they expire.
    const at = new Date();
    await repo.revokeFamily(trx, row.family_id, 'logout', at);
    await writeAudit(trx, ctx, { action: 'user.signed-out', entityType: 'auth.user', entityId: row.user_id });
    return [{ sessionId: row.family_id, at }];
  });
  applied(db, cutoffs);
}
