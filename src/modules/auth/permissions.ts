import type { PermissionInfo } from './auth.deps.js';

export const authPermissions: PermissionInfo[] = [
  { permission: 'auth:read', description: 'See users and roles' },
  { permission: 'auth:admin', description: 'Create, change and deactivate users; manage roles' },
  { permission: 'audit:read', description: 'Read the audit log and verify its chain' },
];
