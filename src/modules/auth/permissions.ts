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

/**
 * The roles every installation has; other modules add their permissions to manager and employee.
 * Least privilege: each grants what that job needs, and modules scope records further (a manager sees
 * their reports' HR records, a sales rep their own CRM records).
 */
export const authRoles: readonly RoleDefinition[] = [
  // Runs the installation: everything, including users, roles and the audit log.
  { name: 'admin', description: 'Everything, including users, roles and the audit log.', permissions: ['*'] },
  // Runs a team: sees users (to assign work), approves their reports' leave, works the CRM. Not Finance.
  {
    name: 'manager',
    description: "Runs a team: reads users; approves their reports' leave; works the CRM.",
    permissions: ['auth:read'],
  },
  // Everyone who signs in: their own HR record and leave, the CRM records they own.
  {
    name: 'employee',
    description: 'Everyday use: own profile, own leave, the CRM and projects they work on.',
    permissions: [],
  },
  // Reads the audit log (HR's private fields redacted unless they also hold hr:admin) and the users.
  {
    name: 'auditor',
    description: 'Reads the audit log and verifies its chain.',
    permissions: ['audit:read', 'auth:read'],
  },
];
