import './hr.tables.js';

export type { HrTables } from './hr.tables.js';
export { hrModule } from './hr.module.js';
