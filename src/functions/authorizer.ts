import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { TokenError, bearerToken } from '../platform/auth/access-token.js';
import { toAuthorizerContext, type AuthorizerContext } from '../platform/auth/authorizer-context.js';
import { accessTokensFromEnv } from '../platform/auth/token-verifier.js';
import type { AccessTokens } from '../platform/auth/access-token.js';
import { logger } from '../platform/observability/logger.js';

export type AuthorizerResult = APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>;

/**
 * API Gateway HTTP API Lambda REQUEST authorizer (payload format 2.0, simple responses). It verifies
 * the bearer token and passes its verdict on as context; the function answers 401/403 as
 * problem+json (docs/adr/0002). Only a failure to verify at all (no signing key) denies outright.
 */
export function createAuthorizer(runtime: { getAccessTokens: () => Promise<AccessTokens> }) {
  return async (event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerResult> => {
    const header = event.headers?.authorization ?? event.headers?.Authorization;
    const token = bearerToken(header);
    if (!token) return { isAuthorized: true, context: { authenticated: false, reason: 'missing' } };
    try {
      const verified = await (await runtime.getAccessTokens()).verify(token);
      return { isAuthorized: true, context: toAuthorizerContext(verified) };
    } catch (error) {
      if (error instanceof TokenError)
        return { isAuthorized: true, context: { authenticated: false, reason: error.reason } };
      logger.error('authorizer failed', { error: (error as Error).message });
      return { isAuthorized: false, context: { authenticated: false, reason: 'invalid' } };
    }
  };
}

// Lean on purpose (no database, no app config): it runs before every protected request.
export const handler = createAuthorizer({ getAccessTokens: accessTokensFromEnv() });
