import { defineEvent } from '../../platform/events/event-types.js';

// The payload schemas are imported with the first event (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
const schemas = async () => await import('./supply.events.schemas.js');

/** Goods came in against a purchase order. */
export const receiptDone = defineEvent('supply.receipt.done', async () => (await schemas()).receiptDonePayload());

/** Goods went out to a customer. */
export const deliveryDone = defineEvent('supply.delivery.done', async () => (await schemas()).deliveryDonePayload());

/** An item's available quantity in a warehouse fell below its reorder rule's minimum. */
export const stockBelowMinimum = defineEvent('supply.stock.below-minimum', async () =>
  (await schemas()).stockBelowMinimumPayload(),
);

export const supplyEvents = [receiptDone, deliveryDone, stockBelowMinimum];
