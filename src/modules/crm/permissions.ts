import type { PermissionInfo } from '../auth/index.js';

export const crmPermissions: PermissionInfo[] = [
  { permission: 'crm:read', description: 'See organizations, contacts, leads and opportunities you may see' },
  { permission: 'crm:write', description: 'Create and change the CRM records you own' },
  { permission: 'crm:admin', description: 'See and change every CRM record; pipelines, imports and merges' },
];
