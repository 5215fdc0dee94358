import { defineModule } from '../../platform/modules/module.js';
import { crmListExportJob } from './crm.exports.js';
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
  // Background CSV exports of the lists (no row or size limit).
  jobs: [crmListExportJob],
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
