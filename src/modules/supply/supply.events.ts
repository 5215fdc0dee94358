import { z } from '@hono/zod-openapi';
import { defineEvent } from '../../platform/events/event-types.js';

/** Goods came in against a purchase order. */
export const receiptDone = defineEvent('supply.receipt.done', () =>
  z.object({
    receiptId: z.string(),
    number: z.string(),
    orderId: z.string(),
    supplierId: z.string(),
    lines: z.array(z.object({ itemId: z.string(), quantity: z.string() })),
  }),
);

/** Goods went out to a customer. */
export const deliveryDone = defineEvent('supply.delivery.done', () =>
  z.object({
    deliveryId: z.string(),
    number: z.string(),
    customerId: z.string().nullable(),
    lines: z.array(z.object({ itemId: z.string(), quantity: z.string() })),
  }),
);

/** An item's available quantity in a warehouse fell below its reorder rule's minimum. */
export const stockBelowMinimum = defineEvent('supply.stock.below-minimum', () =>
  z.object({
    itemId: z.string(),
    warehouseId: z.string(),
    available: z.string(),
    minQuantity: z.string(),
  }),
);

export const supplyEvents = [receiptDone, deliveryDone, stockBelowMinimum];
