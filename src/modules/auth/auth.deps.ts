import type { AccessTokens } from '../../platform/auth/access-token.js';
import type { PermissionInfo } from '../../platform/auth/permissions.js';

export type { PermissionInfo } from '../../platform/auth/permissions.js';

export interface AuthModuleDeps {
  getAccessTokens: () => Promise<AccessTokens>;
  refreshTtlSeconds: number;
  /** Every permission the installed modules define (for the admin screens). */
  permissionCatalog: () => Promise<readonly PermissionInfo[]>;
  /**
   * ORIGIN_VERIFY_SECRET: with CloudFront in front of the API, sign-in throttling trusts
   * `CloudFront-Viewer-Address` on requests carrying it (src/platform/auth/client-address.ts).
   */
  originVerifySecret?: string | undefined;
}
