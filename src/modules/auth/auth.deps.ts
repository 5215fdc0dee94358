import type { AccessTokens } from '../../platform/auth/access-token.js';

export interface PermissionInfo {
  permission: string;
  description: string;
}

export interface AuthModuleDeps {
  getAccessTokens: () => Promise<AccessTokens>;
  refreshTtlSeconds: number;
  /** Every permission the installed modules define (for the admin screens). */
  permissionCatalog: () => Promise<PermissionInfo[]>;
}
