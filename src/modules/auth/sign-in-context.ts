import type { Context } from 'hono';
import { clientAddress, sourceKey } from '../../platform/auth/client-address.js';
import type { AppEnv } from '../../platform/http/app-env.js';
import type { AuthModuleDeps } from './auth.deps.js';
import { twoFactorKeySource } from './two-factor/keys.js';

/** A 429 response in the API document: throttled, with how long to wait. */
export const throttledResponse = (description: string) => ({
  description,
  headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' as const } } },
});

/**
 * What the sign-in routes (password, and the two-factor second step) share: the services a session is
 * issued with, and where the request came from — as API Gateway saw it (or, behind CloudFront with the
 * origin secret, the viewer), never a header the client wrote.
 */
export function signInContext(deps: AuthModuleDeps) {
  const twoFactorKeys = twoFactorKeySource(deps.getSigningKey);
  return {
    twoFactorKeys,
    sessionDeps: async () => ({
      tokens: await deps.getAccessTokens(),
      refreshTtlSeconds: deps.refreshTtlSeconds,
      twoFactorKeys: await twoFactorKeys(),
    }),
    source: async (c: Context<AppEnv>) =>
      sourceKey(clientAddress(c.env?.event, { originVerifySecret: await deps.originVerifySecret() })),
  };
}
