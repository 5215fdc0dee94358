import type { Db } from '../db/database.js';
import type { AccessTokens, TokenRejection } from './access-token.js';
import { TokenError, bearerToken } from './access-token.js';
import type { Actor } from './actor.js';
import { fromAuthorizerContext, type ActorVerdict } from './authorizer-context.js';
import type { TokenRevocation } from './token-revocation.js';

export interface AuthenticateInput {
  /** The Lambda authorizer's context, when API Gateway (or the emulator) ran it (ADR 0002). */
  authorizerContext: Record<string, unknown> | undefined;
  /** The Authorization header: verified here when no authorizer ran (direct calls, tests). */
  authorization: string | null | undefined;
  getAccessTokens: () => Promise<AccessTokens>;
  db: Db;
  /** Refuses tokens issued before a revocation of their user or role (ADR 0010); none: no check. */
  revocation?: TokenRevocation | undefined;
}

/**
 * Who is calling: the authorizer's verdict when there is one, otherwise the bearer token verified
 * here — then, either way, the token checked against revocations. Undefined when the request carries
 * no credentials and no authorizer ran. A revoked token is answered like an expired one (401, "refresh
 * it"): the refresh then succeeds (password changed in this session, new roles) or does not
 * (deactivated, signed out), and the holder of a stolen token learns nothing more.
 */
export async function authenticate(
  input: AuthenticateInput,
): Promise<{ actor: Actor } | { rejection: TokenRejection } | undefined> {
  let verdict: ActorVerdict;
  if (input.authorizerContext) {
    verdict = fromAuthorizerContext(input.authorizerContext);
  } else {
    const token = bearerToken(input.authorization);
    if (!token) return undefined;
    try {
      const verified = await (await input.getAccessTokens()).verify(token);
      const { exp, iat, ...actor } = verified;
      verdict = { actor, issuedAt: iat, expiresAt: exp };
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      return { rejection: error.reason };
    }
  }
  if (!('actor' in verdict)) return verdict;
  if (
    input.revocation &&
    (await input.revocation.isRevoked(input.db, {
      userId: verdict.actor.userId,
      roles: verdict.actor.roles,
      sessionId: verdict.actor.sessionId,
      issuedAt: verdict.issuedAt,
      expiresAt: verdict.expiresAt,
    }))
  ) {
    return { rejection: 'expired' };
  }
  return { actor: verdict.actor };
}
