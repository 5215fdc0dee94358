import { getSecretString } from '../aws/secrets.js';
import type { Config } from '../config/config.js';

/**
 * The origin-verify secret (docs/security.md, "With CloudFront in front of the API"): from
 * ORIGIN_VERIFY_SECRET, or on AWS from the Secrets Manager secret in ORIGIN_VERIFY_SECRET_ARN — read
 * when first needed (a sign-in), so no cold start pays for it, and kept for the container's life.
 * Undefined when neither is set (no CloudFront): then no header is trusted.
 */
export function originVerifySecret(
  config: Pick<Config, 'ORIGIN_VERIFY_SECRET' | 'ORIGIN_VERIFY_SECRET_ARN'>,
): () => Promise<string | undefined> {
  const value = config.ORIGIN_VERIFY_SECRET;
  const arn = config.ORIGIN_VERIFY_SECRET_ARN;
  if (value !== undefined || arn === undefined) return async () => value;
  return () => getSecretString(arn);
}
