import { defineModule } from '../../platform/modules/module.js';
import { financePermissions, financeRoles } from './permissions.js';

/** The ledger, documents and payments, budgets, reports. */
export const financeModule = defineModule({
  name: 'finance',
  function: 'standardApi',
  permissions: financePermissions,
  roles: financeRoles,
  routes: async () => (await import('./finance.routes.js')).createFinanceRouter(),
  migrations: async () => (await import('./migrations/index.js')).financeMigrations,
  demo: async () => (await import('./finance.demo.js')).financeDemo,
});
