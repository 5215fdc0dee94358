import type { PermissionInfo, PermissionsOf } from '../auth/permissions.js';

/** Outbound mail's permissions (admins hold them through `*`). */
export const mailPermissions = [
  { permission: 'mail:read', description: 'Read the local outbox (mail MOMS wrote to .moms/mail instead of sending)' },
  { permission: 'mail:send-test', description: 'Send a test message to check that outbound mail works' },
] as const satisfies readonly PermissionInfo<`${string}:${string}`>[];

declare module '../auth/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface PermissionCatalog extends PermissionsOf<typeof mailPermissions> {}
}
