import { defineModule } from '../../platform/modules/module.js';
import { financePermissions, financeRoles } from './permissions.js';
import { generalLedgerExportJob } from './reports/general-ledger.export.js';

/** The ledger, documents and payments, budgets, reports. */
export const financeModule = defineModule({
  name: 'finance',
  function: 'standardApi',
  permissions: financePermissions,
  roles: financeRoles,
  routes: async () => (await import('./finance.routes.js')).createFinanceRouter(),
  migrations: async () => (await import('./migrations/index.js')).financeMigrations,
  demo: async () => (await import('./finance.demo.js')).financeDemo,
  jobs: [generalLedgerExportJob],
  attachments: {
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
