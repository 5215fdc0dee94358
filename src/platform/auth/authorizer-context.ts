import type { Actor } from './actor.js';
import type { TokenRejection, VerifiedToken } from './access-token.js';

/**
 * What the Lambda authorizer hands to the API functions (API Gateway HTTP API simple response
 * context: values must be strings, numbers or booleans). The authorizer lets every request through
 * with its verdict, and the app answers 401/403 as problem+json (see docs/adr/0002). `iat` and `sid`
 * let the function check the token against revocations (docs/adr/0010).
 */
export type AuthorizerContext =
  | {
      authenticated: true;
      userId: string;
      email: string;
      roles: string;
      permissions: string;
      exp: number;
      /** Seconds since the epoch, with milliseconds. */
      iat: number;
      /** The session (refresh-token family), or '' when the token names none. */
      sid: string;
    }
  | { authenticated: false; reason: TokenRejection };

export function toAuthorizerContext(token: VerifiedToken): AuthorizerContext {
  return {
    authenticated: true,
    userId: token.userId,
    email: token.email,
    roles: token.roles.join(','),
    permissions: token.permissions.join(','),
    exp: token.exp,
    iat: token.iat,
    sid: token.sessionId ?? '',
  };
}

/**
 * The actor, and when its token was issued and expires (seconds since the epoch; `issuedAt` is
 * undefined when an authorizer older than ADR 0010 did not say).
 */
export type ActorVerdict =
  { actor: Actor; issuedAt: number | undefined; expiresAt: number } | { rejection: TokenRejection };

/** Reads the context back. Expiry is checked here too, in case a cached verdict outlives its token. */
export function fromAuthorizerContext(raw: Record<string, unknown>, nowSeconds = Date.now() / 1000): ActorVerdict {
  const authenticated = raw.authenticated === true || raw.authenticated === 'true';
  if (!authenticated) {
    const reason = raw.reason;
    return { rejection: reason === 'expired' || reason === 'malformed' || reason === 'invalid' ? reason : 'missing' };
  }
  const exp = Number(raw.exp);
  if (!Number.isFinite(exp) || exp <= nowSeconds) return { rejection: 'expired' };
  const list = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v.split(',') : []);
  const iat = typeof raw.iat === 'number' || typeof raw.iat === 'string' ? Number(raw.iat) : Number.NaN;
  const sid = typeof raw.sid === 'string' && raw.sid.length > 0 ? raw.sid : undefined;
  return {
    actor: {
      userId: String(raw.userId),
      email: String(raw.email),
      roles: list(raw.roles),
      permissions: list(raw.permissions),
      ...(sid ? { sessionId: sid } : {}),
    },
    issuedAt: Number.isFinite(iat) && iat > 0 ? iat : undefined,
    expiresAt: exp,
  };
}
