import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The two-factor keys, each derived (HKDF-SHA-256) from the deployment's token-signing secret the way
 * the page-cursor key is (src/platform/http/cursor.ts): every container agrees on them and nothing new
 * needs provisioning. Three keys, one per purpose, so none can stand in for another:
 * - `secrets`: AES-256-GCM for the TOTP secrets at rest (the user id is the additional data, so a
 *   ciphertext copied to another user's row does not decrypt);
 * - `challenges`: HMAC-SHA-256 of the short-lived sign-in challenges;
 * - `recoveryCodes`: HMAC-SHA-256 of recovery codes, so a copy of the database alone cannot be used to
 *   search for them offline.
 * Rotating the signing secret makes enrolled secrets unreadable: every user must then enrol again
 * (docs/security.md).
 */
export interface TwoFactorKeys {
  secrets: Buffer;
  challenges: Buffer;
  recoveryCodes: Buffer;
}

export function deriveTwoFactorKeys(secret: Uint8Array): TwoFactorKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'moms', info, 32));
  return {
    secrets: derive('moms totp secret v1'),
    challenges: derive('moms two-factor challenge v1'),
    recoveryCodes: derive('moms recovery code v1'),
  };
}

const sources = new WeakMap<() => Promise<Uint8Array>, () => Promise<TwoFactorKeys>>();

/** The keys derived from `getSecret`'s secret, derived once per process (and again after a failure). */
export function twoFactorKeySource(getSecret: () => Promise<Uint8Array>): () => Promise<TwoFactorKeys> {
  const known = sources.get(getSecret);
  if (known) return known;
  let keys: Promise<TwoFactorKeys> | undefined;
  const source = () => {
    if (!keys) {
      const loading = getSecret().then(deriveTwoFactorKeys);
      loading.catch(() => {
        if (keys === loading) keys = undefined;
      });
      keys = loading;
    }
    return keys;
  };
  sources.set(getSecret, source);
  return source;
}

const VERSION = 'v1';

/** `v1.<iv>.<ciphertext>.<tag>`, base64url. */
export function encryptSecret(keys: TwoFactorKeys, userId: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.secrets, iv);
  cipher.setAAD(Buffer.from(userId));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, ciphertext, tag].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** The secret, or throws when the ciphertext is not one these keys made for this user. */
export function decryptSecret(keys: TwoFactorKeys, userId: string, stored: string): string {
  const [version, iv, ciphertext, tag, ...rest] = stored.split('.');
  if (version !== VERSION || !iv || !ciphertext || !tag || rest.length > 0) throw new Error('Unknown secret format');
  // The full 16-byte tag only: a shortened tag would be easier to forge.
  const decipher = createDecipheriv('aes-256-gcm', keys.secrets, Buffer.from(iv, 'base64url'), {
    authTagLength: 16,
  });
  decipher.setAAD(Buffer.from(userId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

// ---- challenges --------------------------------------------------------------------------------

export type ChallengePurpose = 'verify' | 'enrol';

export interface ChallengeContents {
  /** The user who gave the right password. */
  userId: string;
  purpose: ChallengePurpose;
  /** Issued and expiry times, milliseconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
  /** A fingerprint of the password hash it was issued for: a password change or reset ends it. */
  passwordTag: string;
  /**
   * The user's last used TOTP step when it was issued (−1: none): a code accepted since — this
   * challenge's own, or any other — ends it, so a challenge signs in once.
   */
  lastStep: number;
}

const TAG_BYTES = 16;
const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest();

export const passwordTag = (keys: TwoFactorKeys, passwordHash: string) =>
  mac(keys.challenges, `password:${passwordHash}`).subarray(0, 12).toString('base64url');

/** `<payload>.<tag>`: the payload base64url JSON, the tag an HMAC-SHA-256 (128 bits) of it. */
export function sealChallenge(keys: TwoFactorKeys, contents: ChallengeContents): string {
  const payload = Buffer.from(
    JSON.stringify({
      u: contents.userId,
      p: contents.purpose,
      i: contents.issuedAt,
      e: contents.expiresAt,
      h: contents.passwordTag,
      s: contents.lastStep,
    }),
  ).toString('base64url');
  return `${payload}.${mac(keys.challenges, `challenge:${payload}`).subarray(0, TAG_BYTES).toString('base64url')}`;
}

/** The contents of a challenge these keys sealed (expired or not), or undefined. */
export function openChallenge(keys: TwoFactorKeys, raw: string): ChallengeContents | undefined {
  const [payload, signature, ...rest] = raw.split('.');
  if (!payload || !signature || rest.length > 0) return undefined;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(keys.challenges, `challenge:${payload}`).subarray(0, TAG_BYTES);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (
      typeof v.u === 'string' &&
      (v.p === 'verify' || v.p === 'enrol') &&
      typeof v.i === 'number' &&
      typeof v.e === 'number' &&
      typeof v.h === 'string' &&
      typeof v.s === 'number'
    ) {
      return { userId: v.u, purpose: v.p, issuedAt: v.i, expiresAt: v.e, passwordTag: v.h, lastStep: v.s };
    }
  } catch {
    // signed by us, yet not a challenge of this format
  }
  return undefined;
}

// ---- recovery codes ----------------------------------------------------------------------------

/** 32 letters and digits, without 0, 1, I and O (easily misread). */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A recovery code: 10 characters (50 bits), shown as `XXXXX-XXXXX`. */
export function newRecoveryCode(): string {
  const chars = [...randomBytes(10)].map((b) => ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** How a code is compared: upper case, without spaces and dashes. */
export const normalizeRecoveryCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

export const hashRecoveryCode = (keys: TwoFactorKeys, userId: string, code: string) =>
  mac(keys.recoveryCodes, `${userId}:${normalizeRecoveryCode(code)}`).toString('base64url');
