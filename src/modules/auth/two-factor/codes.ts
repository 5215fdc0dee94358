import type { Db, Tx } from '../../../platform/db/database.js';
import { authErrors } from '../auth.errors.js';
import * as throttle from '../throttle.repository.js';
import { decryptSecret, encryptSecret, hashRecoveryCode, newRecoveryCode, type TwoFactorKeys } from './keys.js';
import { matchingStep, newTotpSecret, totpUri, TOTP_POLICY } from './totp.js';
import * as repo from './two-factor.repository.js';

export const RECOVERY_CODE_COUNT = 10;

/**
 * Codes checked for a signed-in user (confirming an enrolment, new recovery codes, turning two-factor
 * off): at most this many wrong ones (or wrong passwords) per user per window, then 429.
 */
export const TWO_FACTOR_POLICY = { maxFailures: 5, windowSeconds: 15 * 60 } as const;

/**
 * Accepts a TOTP code of the user's secret (row locked by the caller) if its time step is later than
 * the last one used, and records the step: the same code never works twice, nor an older one.
 */
export async function acceptCode(trx: Tx, keys: TwoFactorKeys, row: repo.TwoFactorRow, code: string) {
  let secret: string;
  try {
    secret = decryptSecret(keys, row.user_id, row.secret_encrypted);
  } catch {
    return false; // encrypted with another deployment secret: only an administrator's reset helps
  }
  const step = matchingStep(secret, code);
  if (step === null || (row.last_used_step !== null && step <= row.last_used_step)) return false;
  if (row.enabled_at) await repo.setLastUsedStep(trx, row.user_id, step);
  else await repo.enable(trx, row.user_id, step);
  return true;
}

/** Spends one of the user's recovery codes (each works once). */
export function acceptRecoveryCode(trx: Tx, keys: TwoFactorKeys, userId: string, code: string) {
  return repo.useRecoveryCode(trx, userId, hashRecoveryCode(keys, userId, code));
}

/** New recovery codes replace the old ones; only their hashes are stored, so they are shown once. */
export async function issueRecoveryCodes(trx: Tx, keys: TwoFactorKeys, userId: string) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await repo.replaceRecoveryCodes(
    trx,
    userId,
    codes.map((code) => hashRecoveryCode(keys, userId, code)),
  );
  return codes;
}

/** A new pending enrolment: the secret (stored encrypted) and its otpauth:// URI. */
export async function newEnrolment(trx: Tx, keys: TwoFactorKeys, userId: string, account: string) {
  const secret = newTotpSecret();
  await repo.savePendingSecret(trx, userId, encryptSecret(keys, userId, secret));
  return {
    secret,
    uri: totpUri(secret, account),
    issuer: TOTP_POLICY.issuer,
    account,
    algorithm: TOTP_POLICY.algorithm,
    digits: TOTP_POLICY.digits,
    period: TOTP_POLICY.period,
  };
}

/** Counts a code check of a signed-in user before it is made, or refuses it (429). */
export async function beginCodeCheck(db: Db, userId: string) {
  const { maxFailures, windowSeconds } = TWO_FACTOR_POLICY;
  const count = await throttle.countInWindow(db, 'two-factor', userId, windowSeconds, maxFailures);
  if (count) return count;
  const row = await throttle.findThrottle(db, 'two-factor', userId);
  const end = (row?.window_started_at.getTime() ?? 0) + windowSeconds * 1000;
  const now = row?.now.getTime() ?? Date.now();
  throw authErrors.twoFactorThrottled(row ? Math.max(1, Math.ceil((end - now) / 1000)) : windowSeconds);
}

export const codeCheckSucceeded = (trx: Tx, userId: string) => throttle.clear(trx, 'two-factor', userId);
