import type { PermissionInfo } from '../auth/index.js';

export const financePermissions: PermissionInfo[] = [
  { permission: 'finance:read', description: 'See the ledger, documents and reports' },
  { permission: 'finance:write', description: 'Prepare journal entries and documents (drafts)' },
  { permission: 'finance:approve', description: 'Post, reverse and void; close periods and years' },
  { permission: 'finance:admin', description: 'Chart of accounts, settings, reopening periods' },
];
