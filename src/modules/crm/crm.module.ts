import { defineModule } from '../../platform/modules/module.js';
import { crmPermissions, crmRoles } from './permissions.js';

/** Organizations, contacts, leads, pipelines and opportunities, activities, search. */
export const crmModule = defineModule({
  name: 'crm',
  function: 'standardApi',
  permissions: crmPermissions,
  roles: crmRoles,
  routes: async () => (await import('./crm.routes.js')).createCrmRouter(),
  migrations: async () => (await import('./migrations/index.js')).crmMigrations,
  demo: async () => (await import('./crm.demo.js')).crmDemo,
  attachments: {
    'crm.organization': {
      label: 'Organization',
      read: 'crm:read',
      write: 'crm:write',
      visible: async () => (await import('./organizations/organizations.attachments.js')).organizationVisible,
      demoRecords: async () => (await import('./organizations/organizations.attachments.js')).organizationsForDemo,
    },
  },
});
