import './supply.tables.js';

export type { SupplyTables } from './supply.tables.js';
export { supplyModule } from './supply.module.js';
/** Metrics for Strategy. */
export { inventoryValue, onTimeDeliveryRate, stockOuts } from './metrics.service.js';
/** Domain events other modules may subscribe to. */
export { deliveryDone, receiptDone, stockBelowMinimum } from './supply.events.js';
/** For Analytics (the dataset declared in supply.datasets.ts): the rows the caller may see. */
export { stockMoveDatasetSource } from './supply.datasets.source.js';
