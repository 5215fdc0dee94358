import { financeActions } from './finance.actions.js';
import { defineModule } from '../../platform/modules/module.js';
import { assetJobs, assetSchedules } from './assets/assets.jobs.js';
import { financeDatasets } from './finance.datasets.js';
import { financeMetrics } from './finance.metrics.js';
import { financePermissions, financeRoles } from './permissions.js';
import { commercialSendJob, documentSendJob } from './printing/printing.jobs.js';
import { generalLedgerExportJob } from './reports/general-ledger.export.js';
import { financeListExportJob } from './reports/list-exports.js';
import { termsJobs, termsSchedules } from './terms/terms.jobs.js';
// The documents' mail template, known by name in every process (the worker included).
import './printing/printing.mail.js';

/** The ledger, documents and payments, budgets, reports. */
export const financeModule = defineModule({
  name: 'finance',
  function: 'standardApi',
  // Privacy requests (Compliance, docs/adr/0025): what it holds about a person, exported and erased.
  privacy: { load: async () => (await import('./finance.privacy.js')).financePrivacy },
  permissions: financePermissions,
  roles: financeRoles,
  // Route groups (docs/adr/0006): a request loads only the groups of its first path segment.
  routes: async () => (await import('./finance.routes.js')).financeRoutes,
  migrations: async () => (await import('./migrations/index.js')).financeMigrations,
  demo: async () => (await import('./finance.demo.js')).financeDemo,
  actions: financeActions,
  jobs: [generalLedgerExportJob, financeListExportJob, documentSendJob, commercialSendJob, ...termsJobs, ...assetJobs],
  schedules: [...termsSchedules, ...assetSchedules],
  metrics: financeMetrics,
  datasets: financeDatasets,
  attachments: {
    'finance.company': {
      label: 'Company',
      read: 'finance:read',
      write: 'finance:admin',
      visible: async () => (await import('./printing/company.attachments.js')).companyVisible,
    },
    'finance.einvoice-inbox': {
      label: 'E-invoice inbox',
      read: 'finance:read',
      write: 'finance:write',
      visible: async () => (await import('./einvoice/einvoice.attachments.js')).inboxVisible,
    },
    'finance.invoice': {
      label: 'Invoice',
      read: 'finance:read',
      write: 'finance:write',
      visible: async () => (await import('./documents/documents.attachments.js')).documentVisible('invoice'),
      demoRecords: async () => (await import('./documents/documents.attachments.js')).documentsForDemo('invoice'),
    },
    'finance.bill': {
      label: 'Bill',
      read: 'finance:read',
      write: 'finance:write',
      visible: async () => (await import('./documents/documents.attachments.js')).documentVisible('bill'),
      demoRecords: async () => (await import('./documents/documents.attachments.js')).documentsForDemo('bill'),
    },
  },
});
