import { describe, expect, it } from 'vitest';
import {
  decryptSecret,
  deriveTwoFactorKeys,
  encryptSecret,
  hashRecoveryCode,
  newRecoveryCode,
  openChallenge,
  sealChallenge,
} from './keys.js';
import { matchingStep, newTotpSecret } from './totp.js';
import { Secret, TOTP } from 'otpauth';

const keys = deriveTwoFactorKeys(new TextEncoder().encode('a-deployment-secret-that-is-long-enough-0123'));
const other = deriveTwoFactorKeys(new TextEncoder().encode('another-deployment-secret-long-enough-456789'));
const USER = '0b7e8a52-6f0e-4d55-9a51-7d1f3a0c2b11';

describe('two-factor keys', () => {
  it('derives three different keys, none of them the secret', () => {
    const { secrets, challenges, recoveryCodes } = keys;
    expect(new Set([secrets, challenges, recoveryCodes].map((k) => k.toString('hex'))).size).toBe(3);
    for (const k of [secrets, challenges, recoveryCodes]) expect(k).toHaveLength(32);
  });

  it('encrypts a TOTP secret (AES-256-GCM) that only the same keys and user can read', () => {
    const secret = newTotpSecret();
    const stored = encryptSecret(keys, USER, secret);
    expect(stored).not.toContain(secret);
    expect(encryptSecret(keys, USER, secret)).not.toBe(stored); // a fresh IV each time
    expect(decryptSecret(keys, USER, stored)).toBe(secret);
    expect(() => decryptSecret(keys, '11111111-1111-4111-8111-111111111111', stored)).toThrow();
    expect(() => decryptSecret(other, USER, stored)).toThrow();
    const [v, iv, ct, tag] = stored.split('.');
    const flipped = `${v}.${iv}.${ct!.slice(0, -2)}${ct!.endsWith('AA') ? 'BB' : 'AA'}.${tag}`;
    expect(() => decryptSecret(keys, USER, flipped)).toThrow();
    // A shortened tag is refused, not checked on fewer bytes.
    const shortTag = Buffer.from(tag!, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => decryptSecret(keys, USER, `${v}.${iv}.${ct}.${shortTag}`)).toThrow();
  });

  it('opens only challenges it sealed', () => {
    const contents = {
      userId: USER,
      purpose: 'verify' as const,
      issuedAt: 1,
      expiresAt: 2,
      passwordTag: 'x',
      lastStep: 5,
    };
    const sealed = sealChallenge(keys, contents);
    expect(openChallenge(keys, sealed)).toEqual(contents);
    expect(openChallenge(other, sealed)).toBeUndefined();
    expect(openChallenge(keys, `${sealed}.x`)).toBeUndefined();
    expect(openChallenge(keys, 'garbage')).toBeUndefined();
  });

  it('makes recovery codes of 50 bits and hashes them per user, ignoring case and dashes', () => {
    const codes = new Set(Array.from({ length: 200 }, newRecoveryCode));
    expect(codes.size).toBe(200);
    const code = newRecoveryCode();
    expect(hashRecoveryCode(keys, USER, code)).toBe(hashRecoveryCode(keys, USER, code.replace('-', '').toLowerCase()));
    expect(hashRecoveryCode(keys, USER, code)).not.toBe(hashRecoveryCode(other, USER, code));
    expect(hashRecoveryCode(keys, USER, code)).not.toBe(
      hashRecoveryCode(keys, '11111111-1111-4111-8111-111111111111', code),
    );
  });

  it('matches a code to its time step, one step either way, never further', () => {
    const secret = newTotpSecret();
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    const now = 1_800_000_015_000;
    const step = Math.floor(now / 30_000);
    for (const offset of [-1, 0, 1]) {
      expect(matchingStep(secret, totp.generate({ timestamp: now + offset * 30_000 }), now)).toBe(step + offset);
    }
    for (const offset of [-3, -2, 2, 3]) {
      const code = totp.generate({ timestamp: now + offset * 30_000 });
      const nearby = [-1, 0, 1].map((k) => totp.generate({ timestamp: now + k * 30_000 }));
      if (!nearby.includes(code)) expect(matchingStep(secret, code, now)).toBeNull();
    }
    expect(matchingStep(secret, '12345', now)).toBeNull();
    expect(matchingStep(secret, 'abcdef', now)).toBeNull();
  });
});
