import './compliance.tables.js';

export type { ComplianceTables } from './compliance.tables.js';
export { complianceModule } from './compliance.module.js';
