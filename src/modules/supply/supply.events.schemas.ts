import { z } from '@hono/zod-openapi';

/** The payload of `supply.receipt.done` (supply.events.ts): imported when such an event is first emitted or handled. */
export const receiptDonePayload = () =>
  z.object({
    receiptId: z.string(),
    number: z.string(),
    orderId: z.string(),
    supplierId: z.string(),
    lines: z.array(z.object({ itemId: z.string(), quantity: z.string() })),
  });

/** The payload of `supply.delivery.done` (supply.events.ts). */
export const deliveryDonePayload = () =>
  z.object({
    deliveryId: z.string(),
    number: z.string(),
    customerId: z.string().nullable(),
    lines: z.array(z.object({ itemId: z.string(), quantity: z.string() })),
  });

/** The payload of `supply.stock.below-minimum` (supply.events.ts). */
export const stockBelowMinimumPayload = () =>
  z.object({
    itemId: z.string(),
    warehouseId: z.string(),
    available: z.string(),
    minQuantity: z.string(),
  });
