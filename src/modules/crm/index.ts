import { createRouter } from '../../platform/http/router.js';
import './crm.tables.js';

export type { CrmTables } from './crm.tables.js';
export { crmMigrations } from './migrations/index.js';
export { crmPermissions } from './permissions.js';
export { crmDemo } from './crm.demo.js';

/** The CRM module's routes, mounted at /api/v1/crm. */
export function createCrmRouter() {
  const router = createRouter();
  return router;
}
