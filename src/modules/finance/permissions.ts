import type { PermissionInfo, PermissionsOf } from '../../platform/auth/permissions.js';
import type { RoleDefinition } from '../../platform/modules/module.js';

export const financePermissions = [
  { permission: 'finance:read', description: 'See the ledger, documents and reports' },
  { permission: 'finance:write', description: 'Prepare journal entries and documents (drafts)' },
  { permission: 'finance:approve', description: 'Post, reverse and void; close periods and years' },
  { permission: 'finance:admin', description: 'Chart of accounts, settings, reopening periods' },
] as const satisfies readonly PermissionInfo<`${string}:${string}`>[];

declare module '../../platform/auth/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface PermissionCatalog extends PermissionsOf<typeof financePermissions> {}
}

/**
 * Intent: the books are kept by people whose job it is. No other built-in role reads Finance (the
 * ledger carries payroll postings): a manager who keeps the books also gets accountant or bookkeeper.
 */
export const financeRoles: readonly RoleDefinition[] = [
  // Keeps the books end to end, but cannot change the chart of accounts or settings.
  {
    name: 'accountant',
    description: 'Keeps the books: prepares, posts and reverses entries, closes periods.',
    permissions: ['finance:read', 'finance:write', 'finance:approve'],
  },
  // Prepares; an accountant posts (four eyes on every posting).
  {
    name: 'bookkeeper',
    description: 'Prepares entries and documents for an accountant to post.',
    permissions: ['finance:read', 'finance:write'],
  },
  // Owns Finance: chart of accounts, settings, reopening periods.
  {
    name: 'finance-admin',
    description: 'Everything in Finance, including the chart of accounts and settings.',
    permissions: ['finance:*'],
  },
];
