import { crmDatasets } from './crm.datasets.js';
import { defineModule } from '../../platform/modules/module.js';
import { crmActions } from './crm.actions.js';
import { crmEvents } from './crm.events.js';
import { crmMetrics } from './crm.metrics.js';
import { crmListExportJob } from './crm.exports.js';
import { crmImportJob } from './crm.imports.js';
import { crmPermissions, crmRoles } from './permissions.js';

/** Organizations, contacts, leads, pipelines and opportunities, activities, search. */
export const crmModule = defineModule({
  name: 'crm',
  function: 'standardApi',
  // Privacy requests (Compliance, docs/adr/0025): what it holds about a person, exported and erased.
  privacy: { subjects: ['crm.contact'], load: async () => (await import('./crm.privacy.js')).crmPrivacy },
  permissions: crmPermissions,
  roles: crmRoles,
  routes: async () => (await import('./crm.routes.js')).createCrmRouter(),
  migrations: async () => (await import('./migrations/index.js')).crmMigrations,
  demo: async () => (await import('./crm.demo.js')).crmDemo,
  // Background CSV exports of the lists (no row or size limit), and background CSV imports.
  jobs: [crmListExportJob, crmImportJob],
  metrics: crmMetrics,
  actions: crmActions,
  events: crmEvents,
  datasets: crmDatasets,
  // Records other modules point at by id (Automation's "Run flow" on the record's page).
  records: {
    'crm.organization': {
      label: 'Organization',
      read: 'crm:read',
      visible: async () => (await import('./organizations/organizations.attachments.js')).organizationVisible,
    },
    'crm.contact': {
      label: 'Contact',
      read: 'crm:read',
      visible: async () => (await import('./crm.records.js')).contactVisible,
    },
    'crm.opportunity': {
      label: 'Opportunity',
      read: 'crm:read',
      visible: async () => (await import('./crm.records.js')).opportunityVisible,
    },
  },
  attachments: {
    'crm.organization': {
      label: 'Organization',
      read: 'crm:read',
      write: 'crm:write',
      visible: async () => (await import('./organizations/organizations.attachments.js')).organizationVisible,
      demoRecords: async () => (await import('./organizations/organizations.attachments.js')).organizationsForDemo,
    },
    // An import's uploaded CSV (POST /crm/imports): the record id is one the client makes up per import.
    'crm.import': {
      label: 'Import file',
      read: 'crm:write',
      write: 'crm:write',
      visible: async () => (await import('./crm.imports.attachments.js')).importVisible,
    },
  },
});
