import './strategy.tables.js';

export type { StrategyTables } from './strategy.tables.js';
export { strategyModule } from './strategy.module.js';
/** Events other modules may subscribe to (Automation, notifications). */
export { keyResultCompleted, objectiveAtRisk } from './strategy.events.js';
