import type { AccessTokens } from '../../platform/auth/access-token.js';
import type { PermissionInfo } from '../../platform/auth/permissions.js';

export type { PermissionInfo } from '../../platform/auth/permissions.js';

export interface AuthModuleDeps {
  getAccessTokens: () => Promise<AccessTokens>;
  /** The deployment's token-signing secret: the two-factor keys are derived from it (two-factor/keys.ts). */
  getSigningKey: () => Promise<Uint8Array>;
  refreshTtlSeconds: number;
  /** Every permission the installed modules define (for the admin screens). */
  permissionCatalog: () => Promise<readonly PermissionInfo[]>;
  /**
   * The origin-verify secret: with CloudFront in front of the API, sign-in throttling trusts the
   * viewer address the distribution writes on requests carrying it (src/platform/auth/client-address.ts).
   */
  originVerifySecret: () => Promise<string | undefined>;
}
