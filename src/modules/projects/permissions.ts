import type { PermissionInfo, PermissionsOf } from '../../platform/auth/permissions.js';
import type { RoleDefinition } from '../../platform/modules/module.js';

export const projectsPermissions = [
  { permission: 'projects:read', description: 'See the projects you are a member or manager of, their tasks and time' },
  {
    permission: 'projects:write',
    description: 'Work in your projects (tasks, comments, your time); create projects and manage the ones you lead',
  },
  { permission: 'projects:admin', description: 'See and manage every project, its time, approvals and invoicing' },
] as const satisfies readonly PermissionInfo<`${string}:${string}`>[];

declare module '../../platform/auth/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface PermissionCatalog extends PermissionsOf<typeof projectsPermissions> {}
}

/**
 * Who sees and manages which project comes from the project itself (its manager and members with a
 * project role), not from the role: the roles only open the door.
 */
export const projectsRoles: readonly RoleDefinition[] = [
  // Leads projects: creates them, manages those they lead (members, budget, approvals, invoicing); reads users to staff them.
  {
    name: 'project-manager',
    description: 'Runs projects: creates them, staffs them, approves their time and invoices it.',
    permissions: ['projects:read', 'projects:write', 'auth:read'],
  },
  // Works in the projects they are a member of: tasks, comments, their own time.
  {
    name: 'team-member',
    description: 'Works in the projects they belong to: tasks, comments and their own time.',
    permissions: ['projects:read', 'projects:write'],
  },
  { name: 'manager', permissions: ['projects:read', 'projects:write'] },
  { name: 'employee', permissions: ['projects:read', 'projects:write'] },
];
