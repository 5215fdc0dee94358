import type { PermissionInfo, PermissionsOf } from '../../platform/auth/permissions.js';
import type { RoleDefinition } from '../../platform/modules/module.js';

export const crmPermissions = [
  { permission: 'crm:read', description: 'See organizations, contacts, leads and opportunities you may see' },
  { permission: 'crm:write', description: 'Create and change the CRM records you own' },
  { permission: 'crm:admin', description: 'See and change every CRM record; pipelines, imports and merges' },
] as const satisfies readonly PermissionInfo<`${string}:${string}`>[];

declare module '../../platform/auth/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface PermissionCatalog extends PermissionsOf<typeof crmPermissions> {}
}

/** Team visibility comes from crm.team_members, not from the role. */
export const crmRoles: readonly RoleDefinition[] = [
  // Works their own records (and their teams' where crm.team_members says so).
  { name: 'sales-rep', description: 'Works their own CRM records.', permissions: ['crm:read', 'crm:write'] },
  // Sees and changes their teams' records; reads users to assign owners.
  {
    name: 'sales-manager',
    description: 'Runs a sales team: sees and changes the CRM records of the teams they manage.',
    permissions: ['crm:read', 'crm:write', 'auth:read'],
  },
  // Owns the CRM: every record, pipelines, teams, imports and merges.
  { name: 'crm-admin', description: 'Everything in CRM: all records, teams and pipelines.', permissions: ['crm:*'] },
  // Managers work their own records (visibility rules); every employee may look (what their
  // visibility allows) but sells only with a sales role, so owner pickers list the people who sell
  // (migration 2026-12-05T0800 takes crm:write from the employee role of earlier installations).
  { name: 'manager', permissions: ['crm:read', 'crm:write'] },
  { name: 'employee', permissions: ['crm:read'] },
];
