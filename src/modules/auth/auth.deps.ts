import type { AccessTokens } from '../../platform/auth/access-token.js';
import type { PermissionInfo } from '../../platform/auth/permissions.js';

export type { PermissionInfo } from '../../platform/auth/permissions.js';

export interface AuthModuleDeps {
  getAccessTokens: () => Promise<AccessTokens>;
  refreshTtlSeconds: number;
  /** Every permission the installed modules define (for the admin screens). */
  permissionCatalog: () => Promise<readonly PermissionInfo[]>;
}
