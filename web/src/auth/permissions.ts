import type { Permission } from '../api/permissions';

export type { Permission } from '../api/permissions';

type ModuleOf<P extends string> = P extends `${infer M}:${string}` ? M : never;

/** What a screen may ask for: a declared permission, or `module:*` (any permission of that module). */
export type PermissionCheck = Permission | `${ModuleOf<Permission>}:*`;

/**
 * Permissions are "module:action"; "module:*" grants every action of a module and "*" everything
 * (the same rule as the API's). `required` may itself be "module:*": any permission of that module.
 */
export function hasPermission(granted: readonly string[], required: PermissionCheck | undefined): boolean {
  if (!required) return true;
  if (granted.includes('*') || granted.includes(required)) return true;
  const [module, action] = required.split(':');
  if (action === '*') return canUseModule(granted, module ?? '');
  return granted.includes(`${module}:*`);
}

/** A module is usable (shown in the navigation) when the user holds any permission of it. */
export function canUseModule(granted: readonly string[], prefix: string): boolean {
  return granted.some((p) => p === '*' || p.startsWith(`${prefix}:`));
}
