import { webcrypto } from 'node:crypto';
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

/** How many verified tokens an instance remembers (the callers of a warm container or a local worker). */
const VERIFIED_CACHE_SIZE = 1_000;

/** Short-lived HS256 access tokens. The authorizer and the app verify with the same code. */
export class AccessTokens {
  /**
   * The key imported once as a WebCrypto key, which is what jose signs and verifies with: given raw
   * bytes or a KeyObject, it would convert the key again on every call.
   */
  private readonly key: Promise<webcrypto.CryptoKey>;
  /**
   * Tokens this instance has verified, until they expire (oldest dropped first): a client sends the
   * same token with every request for its lifetime, and the HMAC and claim checks of the same string
   * under the same key give the same answer. Expiry is checked again on each use; revocation is the
   * caller's check after this one (ADR 0010), so it is unaffected.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    key: Uint8Array,
    private readonly ttlSeconds: number,
  ) {
    this.key = webcrypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
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
      .sign(await this.key);
    return { token, expiresIn: this.ttlSeconds };
  }

  async verify(token: string): Promise<VerifiedToken> {
    const known = this.verified.get(token);
    if (known) {
      if (known.exp * 1000 > Date.now()) return known;
      this.verified.delete(token);
      throw new TokenError('expired');
    }
    const verified = await this.verifyAfresh(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, verified);
    return verified;
  }

  private async verifyAfresh(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
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
      // Frozen: the same object answers every request that carries this token.
      return Object.freeze({
        userId: sub,
        email,
        roles: Object.freeze(roles) as string[],
        permissions: Object.freeze(perms) as string[],
        ...(sid ? { sessionId: sid } : {}),
        exp: exp as number,
        iat: iat as number,
      });
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
