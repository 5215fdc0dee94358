import type { PermissionInfo, PermissionsOf } from '../../platform/auth/permissions.js';
import type { RoleDefinition } from '../../platform/modules/module.js';

export const hrPermissions = [
  { permission: 'hr:read', description: 'See the directory, your own record, leave and payslips, and your reports' },
  { permission: 'hr:write', description: 'Request leave; change the records of your reports' },
  { permission: 'hr:approve', description: "Approve or reject your reports' leave requests" },
  { permission: 'hr:compensation', description: 'See the salaries of the employees whose records you see' },
  {
    permission: 'hr:admin',
    description: 'Everything in HR: every employee, the organization, leave rules and payroll',
  },
] as const satisfies readonly PermissionInfo<`${string}:${string}`>[];

declare module '../../platform/auth/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface PermissionCatalog extends PermissionsOf<typeof hrPermissions> {}
}

/**
 * Everyone who signs in as an `employee` reads HR (the directory, their own record, leave and
 * payslips) and requests leave; `manager` also approves; `hr-admin` runs HR, including pay.
 */
export const hrRoles: readonly RoleDefinition[] = [
  {
    name: 'hr-admin',
    description: 'Everything in HR: employees, organization, leave rules and payroll.',
    permissions: ['hr:*', 'auth:read'],
  },
  { name: 'manager', permissions: ['hr:read', 'hr:write', 'hr:approve'] },
  { name: 'employee', permissions: ['hr:read', 'hr:write'] },
];
