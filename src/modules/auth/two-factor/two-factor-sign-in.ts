import { randomUUID } from 'node:crypto';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { authErrors } from '../auth.errors.js';
import * as authRepo from '../auth.repository.js';
import { issueSession, type SessionDeps } from '../sessions.service.js';
import { beginSignIn, signInFailed, signInSucceeded, type SignInAttempt } from '../sign-in-throttle.js';
import { acceptCode, acceptRecoveryCode, issueRecoveryCodes, newEnrolment } from './codes.js';
import { openChallenge, passwordTag, sealChallenge, type ChallengeContents, type TwoFactorKeys } from './keys.js';
import * as repo from './two-factor.repository.js';

/** How long the second step of a sign-in may take. */
export const CHALLENGE_SECONDS = 5 * 60;

const ENTITY = 'auth.user';
const asUser = (ctx: RequestContext, user: authRepo.UserRow): RequestContext => ({
  ...ctx,
  actor: { userId: user.id, email: user.email, roles: [], permissions: [] },
});

/**
 * Called by `login` once the password is right, with the user locked: undefined when the user signs
 * in with the password alone (no two-factor, none required) — exactly as before. Otherwise a challenge
 * for the second step: a code (`verify`), or an enrolment a role requires (`enrol`).
 */
export async function challengeAtSignIn(trx: Tx, ctx: RequestContext, keys: TwoFactorKeys, user: authRepo.UserRow) {
  const enrolment = await repo.findTwoFactor(trx, user.id);
  let purpose: ChallengeContents['purpose'];
  if (enrolment?.enabled_at) purpose = 'verify';
  else {
    const roles = (await authRepo.rolesOfUsers(trx, [user.id])).get(user.id) ?? [];
    if ((await repo.rolesRequiringTwoFactor(trx, roles)).length === 0) return undefined;
    purpose = 'enrol';
  }
  const issuedAt = Date.now();
  const expiresAt = issuedAt + CHALLENGE_SECONDS * 1000;
  const challenge = sealChallenge(keys, {
    userId: user.id,
    purpose,
    issuedAt,
    expiresAt,
    passwordTag: passwordTag(keys, user.password_hash),
    lastStep: enrolment?.last_used_step ?? -1,
  });
  await writeAudit(trx, asUser(ctx, user), {
    action: 'user.two-factor-challenged',
    entityType: ENTITY,
    entityId: user.id,
    after: { enrolmentRequired: purpose === 'enrol' },
  });
  return {
    twoFactorRequired: true as const,
    enrolmentRequired: purpose === 'enrol',
    challenge,
    expiresAt: new Date(expiresAt).toISOString(),
  };
}

/**
 * A challenge holds while it has not expired and its user is active, has the password it was issued
 * for, and has had no token cutoff since (an administrator's two-factor reset, a deactivation, ...).
 */
function holds(keys: TwoFactorKeys, c: ChallengeContents, user: authRepo.UserRow | undefined) {
  return (
    user !== undefined &&
    user.status === 'active' &&
    c.expiresAt > Date.now() &&
    passwordTag(keys, user.password_hash) === c.passwordTag &&
    (!user.tokens_valid_after || user.tokens_valid_after.getTime() < c.issuedAt)
  );
}

async function openValid(db: Db, keys: TwoFactorKeys, raw: string, purpose: ChallengeContents['purpose']) {
  const contents = openChallenge(keys, raw);
  if (!contents || contents.purpose !== purpose) throw authErrors.invalidChallenge();
  const user = await authRepo.findUserById(db, contents.userId);
  if (!holds(keys, contents, user)) throw authErrors.invalidChallenge();
  return { contents, user: user! };
}

/** Tokens, as `login` gives them without two-factor; recorded as a sign-in. */
async function finishSignIn(
  trx: Tx,
  ctx: RequestContext,
  deps: SessionDeps,
  attempt: SignInAttempt,
  user: authRepo.UserRow,
  method: 'totp' | 'recovery-code' | 'enrolled',
) {
  await signInSucceeded(trx, attempt);
  const signedIn = await authRepo.touchLastLogin(trx, user.id);
  const session = await issueSession(trx, deps, signedIn, randomUUID());
  await writeAudit(trx, asUser(ctx, user), {
    action: 'user.signed-in',
    entityType: ENTITY,
    entityId: user.id,
    after: { twoFactor: method },
  });
  return session;
}

/** A wrong code counts like a wrong password (same counters), and is recorded. */
async function codeFailed(
  db: Db,
  ctx: RequestContext,
  attempt: SignInAttempt,
  user: authRepo.UserRow,
  method: 'totp' | 'recovery-code',
) {
  await signInFailed(db, ctx, attempt, user.id);
  await inTransaction(db, (trx) =>
    writeAudit(
      trx,
      { ...ctx, actor: null },
      {
        action: 'user.two-factor-failed',
        entityType: ENTITY,
        entityId: user.id,
        after: { step: 'sign-in', method, source: attempt.source },
      },
    ),
  );
  return authErrors.invalidTwoFactorCode(401, method === 'totp' ? 'code' : 'recoveryCode');
}

/** The second step: the challenge and a code (or a recovery code) → the tokens. */
export async function completeSignIn(
  db: Db,
  ctx: RequestContext,
  deps: SessionDeps,
  input: { challenge: string; code?: string | undefined; recoveryCode?: string | undefined },
  source: string,
) {
  const keys = deps.twoFactorKeys;
  const { contents, user } = await openValid(db, keys, input.challenge, 'verify');
  const method = input.code !== undefined ? 'totp' : 'recovery-code';
  const attempt = await beginSignIn(db, user.email, source);
  const outcome = await inTransaction(db, async (trx) => {
    const fresh = await authRepo.findUserById(trx, user.id, { forUpdate: true });
    const enrolment = await repo.findTwoFactor(trx, user.id, { forUpdate: true });
    if (
      !holds(keys, contents, fresh) ||
      !enrolment?.enabled_at ||
      (enrolment.last_used_step ?? -1) !== contents.lastStep
    ) {
      return { error: authErrors.invalidChallenge() };
    }
    const accepted =
      input.code !== undefined
        ? await acceptCode(trx, keys, enrolment, input.code)
        : await acceptRecoveryCode(trx, keys, user.id, input.recoveryCode ?? '');
    if (!accepted) return { failed: true as const };
    if (method === 'recovery-code') {
      await writeAudit(trx, asUser(ctx, fresh!), {
        action: 'user.two-factor-recovery-code-used',
        entityType: ENTITY,
        entityId: user.id,
        after: { recoveryCodesLeft: await repo.countUnusedRecoveryCodes(trx, user.id) },
      });
    }
    return { session: await finishSignIn(trx, ctx, deps, attempt, fresh!, method) };
  });
  if (outcome.session) return outcome.session;
  if (outcome.error) throw outcome.error;
  throw await codeFailed(db, ctx, attempt, user, method);
}

/** A role requires two-factor and the user has none: a new secret to enrol (replacing a pending one). */
export async function startEnrolmentAtSignIn(db: Db, deps: SessionDeps, challenge: string) {
  const keys = deps.twoFactorKeys;
  const { contents, user } = await openValid(db, keys, challenge, 'enrol');
  return inTransaction(db, async (trx) => {
    const fresh = await authRepo.findUserById(trx, user.id, { forUpdate: true });
    const enrolment = await repo.findTwoFactor(trx, user.id, { forUpdate: true });
    if (!holds(keys, contents, fresh) || enrolment?.enabled_at) throw authErrors.invalidChallenge();
    return newEnrolment(trx, keys, user.id, user.email);
  });
}

/** Confirms that enrolment with a code: two-factor is on, the tokens and the recovery codes (shown once). */
export async function confirmEnrolmentAtSignIn(
  db: Db,
  ctx: RequestContext,
  deps: SessionDeps,
  input: { challenge: string; code: string },
  source: string,
) {
  const keys = deps.twoFactorKeys;
  const { contents, user } = await openValid(db, keys, input.challenge, 'enrol');
  const attempt = await beginSignIn(db, user.email, source);
  const outcome = await inTransaction(db, async (trx) => {
    const fresh = await authRepo.findUserById(trx, user.id, { forUpdate: true });
    const enrolment = await repo.findTwoFactor(trx, user.id, { forUpdate: true });
    if (!holds(keys, contents, fresh) || !enrolment || enrolment.enabled_at) {
      return { error: authErrors.invalidChallenge() };
    }
    if (!(await acceptCode(trx, keys, enrolment, input.code))) return { failed: true as const };
    const recoveryCodes = await issueRecoveryCodes(trx, keys, user.id);
    await writeAudit(trx, asUser(ctx, fresh!), {
      action: 'user.two-factor-enabled',
      entityType: ENTITY,
      entityId: user.id,
      after: { atSignIn: true },
    });
    const session = await finishSignIn(trx, ctx, deps, attempt, fresh!, 'enrolled');
    return { session: { ...session, recoveryCodes } };
  });
  if (outcome.session) return outcome.session;
  if (outcome.error) throw outcome.error;
  throw await codeFailed(db, ctx, attempt, user, 'totp');
}
