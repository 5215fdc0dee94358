import { AccessTokens } from './access-token.js';
import { loadSigningKey } from './signing-key.js';

const DEFAULT_TTL_SECONDS = 900;

/**
 * The access-token service from the environment alone (JWT_SECRET, JWT_SECRET_ARN or MOMS_DATA_DIR),
 * created on first use and kept: what the authorizer needs, without the rest of the app's config.
 */
export function accessTokensFromEnv(env: NodeJS.ProcessEnv = process.env): () => Promise<AccessTokens> {
  let tokens: Promise<AccessTokens> | undefined;
  return () => {
    tokens ??= loadSigningKey({
      secret: env.JWT_SECRET,
      secretArn: env.JWT_SECRET_ARN,
      dataDir: env.MOMS_DATA_DIR ?? '.moms',
    })
      .then((key) => new AccessTokens(key, Number(env.ACCESS_TOKEN_TTL_SECONDS) || DEFAULT_TTL_SECONDS))
      .catch((error: unknown) => {
        tokens = undefined;
        throw error;
      });
    return tokens;
  };
}
