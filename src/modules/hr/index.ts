import './hr.tables.js';

export type { HrTables } from './hr.tables.js';
export { hrModule } from './hr.module.js';
/** For other modules: the hourly cost of users from their HR salary (Projects values time with it). */
export { hourlyCostRates, type HourlyCostRate } from './payroll/cost-rates.js';
