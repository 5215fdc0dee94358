import type { PermissionInfo, PermissionsOf } from '../../platform/auth/permissions.js';
import type { RoleDefinition } from '../../platform/modules/module.js';

export const authPermissions = [
  { permission: 'auth:read', description: 'See users and roles' },
  { permission: 'auth:admin', description: 'Create, change and deactivate users; manage roles' },
  { permission: 'audit:read', description: 'Read the audit log and verify its chain' },
] as const satisfies readonly PermissionInfo<`${string}:${string}`>[];

declare module '../../platform/auth/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface PermissionCatalog extends PermissionsOf<typeof authPermissions> {}
}

/** The roles every installation has; other modules add their permissions to manager and employee. */
export const authRoles: readonly RoleDefinition[] = [
  { name: 'admin', description: 'Everything, including users, roles and the audit log.', permissions: ['*'] },
  {
    name: 'manager',
    description: 'Runs a team: reads users; reads, writes and approves in the business modules.',
    permissions: ['auth:read'],
  },
  {
    name: 'employee',
    description: 'Everyday use: own profile, own leave, the CRM and projects they work on.',
    permissions: [],
  },
  {
    name: 'auditor',
    description: 'Reads the audit log and verifies its chain.',
    permissions: ['audit:read', 'auth:read'],
  },
];
