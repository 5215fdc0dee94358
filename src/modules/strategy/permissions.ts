import type { PermissionInfo, PermissionsOf } from '../../platform/auth/permissions.js';
import type { RoleDefinition } from '../../platform/modules/module.js';

export const strategyPermissions = [
  {
    permission: 'strategy:read',
    description:
      "See the cycles, objectives, key results and KPIs (a metric's value only with that metric's permission)",
  },
  {
    permission: 'strategy:write',
    description: 'Create objectives you own; change them, their key results and check-ins',
  },
  {
    permission: 'strategy:admin',
    description: 'Run the cycles (create, close and score, copy forward), company objectives, KPIs, any objective',
  },
] as const satisfies readonly PermissionInfo<`${string}:${string}`>[];

declare module '../../platform/auth/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface PermissionCatalog extends PermissionsOf<typeof strategyPermissions> {}
}

/**
 * Everyone reads the company's objectives and keeps their own; who may change an objective comes
 * from the objective (its owner), not from the role: the roles only open the door.
 */
export const strategyRoles: readonly RoleDefinition[] = [
  {
    name: 'strategist',
    description: 'Runs the strategy cycles: company objectives, KPIs, closing and scoring a cycle.',
    permissions: ['strategy:read', 'strategy:write', 'strategy:admin', 'auth:read'],
  },
  { name: 'manager', permissions: ['strategy:read', 'strategy:write'] },
  { name: 'employee', permissions: ['strategy:read', 'strategy:write'] },
];
