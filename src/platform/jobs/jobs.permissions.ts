import type { PermissionInfo, PermissionsOf } from '../auth/permissions.js';

/** The jobs API's permissions: everyone sees and cancels their own jobs; these reach everyone's. */
export const jobsPermissions = [
  { permission: 'jobs:read-all', description: "See everyone's background jobs (not only your own)" },
  { permission: 'jobs:cancel-all', description: "Cancel anyone's background jobs" },
] as const satisfies readonly PermissionInfo<`${string}:${string}`>[];

declare module '../auth/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface PermissionCatalog extends PermissionsOf<typeof jobsPermissions> {}
}
