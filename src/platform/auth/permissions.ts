/**
 * The permission catalog as a type. The platform knows no module; each module declares its
 * permissions in its `permissions.ts` and merges them into `PermissionCatalog`:
 *
 *   export const crmPermissions = [{ permission: 'crm:read', description: '…' }, …] as const satisfies …;
 *   declare module '../../platform/auth/permissions.js' {
 *     interface PermissionCatalog extends PermissionsOf<typeof crmPermissions> {}
 *   }
 *
 * so a route's `access`, `hasPermission` and a role's grants accept only declared permissions: a
 * typo such as `crm:wirte` fails the typecheck.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface PermissionCatalog {}

/** A declared permission, `module:action` (e.g. `finance:approve`). */
export type Permission = keyof PermissionCatalog & string;

/** What a role may grant: a permission, every action of a module (`crm:*`), or everything (`*`). */
export type PermissionGrant = Permission | `${ModuleOf<Permission>}:*` | '*';

type ModuleOf<P extends string> = P extends `${infer M}:${string}` ? M : never;

export interface PermissionInfo<P extends string = Permission> {
  permission: P;
  description: string;
}

/** `{ 'crm:read': true, … }` from a module's list: what its `PermissionCatalog` augmentation extends. */
export type PermissionsOf<L extends readonly { permission: string }[]> = { [K in L[number]['permission']]: true };

/** Checks `granted` (a user's effective permissions, with `*` and `module:*` wildcards) covers `required`. */
export function hasPermission(actor: { permissions: readonly string[] }, required: Permission): boolean {
  const [module] = required.split(':');
  return actor.permissions.some((p) => p === '*' || p === required || p === `${module}:*`);
}
