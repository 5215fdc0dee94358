import './automation.tables.js';

export type { AutomationTables } from './automation.tables.js';
export { automationModule } from './automation.module.js';
/** The resume scan's query (bench/automation.bench.ts measures it at size). */
export { takeDueExecutions } from './runs/runs.repository.js';
