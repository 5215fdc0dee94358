import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type { Actor } from './actor.js';

const ISSUER = 'moms';
const AUDIENCE = 'moms-api';

export type TokenRejection = 'missing' | 'malformed' | 'expired' | 'invalid';

export class TokenError extends Error {
  constructor(readonly reason: TokenRejection) {
    super(`access token ${reason}`);
  }
}

export interface VerifiedToken extends Actor {
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** When it was issued, seconds since the epoch (with milliseconds: revocation compares it, ADR 0010). */
  iat: number;
}

/** Short-lived HS256 access tokens. The authorizer and the app verify with the same code. */
export class AccessTokens {
  /** A KeyObject made once: jose would otherwise import the raw key again on every sign and verify. */
  private readonly key: KeyObject;

  constructor(
    key: Uint8Array,
    private readonly ttlSeconds: number,
  ) {
    this.key = createSecretKey(key);
  }

  async sign(actor: Actor): Promise<{ token: string; expiresIn: number }> {
    const nowMs = Date.now();
    const claims = {
      email: actor.email,
      roles: actor.roles,
      perms: actor.permissions,
      ...(actor.sessionId ? { sid: actor.sessionId } : {}),
    };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(actor.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      // Milliseconds (a NumericDate may have a fraction, RFC 7519 §2): a token issued right after a
      // revocation must compare as newer than it, and one issued right before as older (ADR 0010).
      .setIssuedAt(nowMs / 1000)
      .setExpirationTime(Math.floor(nowMs / 1000) + this.ttlSeconds)
      .sign(this.key);
    return { token, expiresIn: this.ttlSeconds };
  }

  async verify(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'], // never `none`, never a key confusion
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const { sub, exp, iat, email, roles, perms, sid } = payload;
      if (typeof sub !== 'string' || typeof email !== 'string' || !isStrings(roles) || !isStrings(perms)) {
        throw new TokenError('invalid');
      }
      if (sid !== undefined && typeof sid !== 'string') throw new TokenError('invalid');
      return {
        userId: sub,
        email,
        roles,
        permissions: perms,
        ...(sid ? { sessionId: sid } : {}),
        exp: exp as number,
        iat: iat as number,
      };
    } catch (error) {
      if (error instanceof TokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new TokenError('expired');
      if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) {
        throw new TokenError('malformed');
      }
      throw new TokenError('invalid');
    }
  }
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** `Authorization: Bearer <token>` → token, or undefined. */
export function bearerToken(header: string | undefined | null): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
