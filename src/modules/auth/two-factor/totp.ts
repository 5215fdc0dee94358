import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app does it: SHA-1, 6 digits, 30 s; a code of the step before or after is accepted too. */
export const TOTP_POLICY = { algorithm: 'SHA1', digits: 6, period: 30, window: 1, issuer: 'MOMS' } as const;

function totp(secretBase32: string, label = 'MOMS') {
  return new TOTP({
    issuer: TOTP_POLICY.issuer,
    label,
    secret: Secret.fromBase32(secretBase32),
    algorithm: TOTP_POLICY.algorithm,
    digits: TOTP_POLICY.digits,
    period: TOTP_POLICY.period,
  });
}

/** A new random secret (160 bits, as RFC 4226 recommends), base32. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The `otpauth://totp/...` URI an authenticator app reads (as a QR code or typed in). */
export const totpUri = (secretBase32: string, account: string): string => totp(secretBase32, account).toString();

/**
 * The time step the code belongs to, or null when it matches none of the accepted steps. The caller
 * accepts it only if it is later than the last step used (so no code works twice).
 */
export function matchingStep(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const generator = totp(secretBase32);
  const delta = generator.validate({ token: code, timestamp: now, window: TOTP_POLICY.window });
  return delta === null ? null : generator.counter({ timestamp: now }) + delta;
}
