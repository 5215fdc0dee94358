import './crm.tables.js';

export type { CrmTables } from './crm.tables.js';
export { crmModule } from './crm.module.js';
