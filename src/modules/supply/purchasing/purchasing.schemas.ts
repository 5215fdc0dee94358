import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { currencyCode, isoDate, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { quantity, quantityOrZero, timestamps, unitCost } from '../supply.shared.js';

const STATUSES = ['draft', 'ordered', 'partially-received', 'received', 'cancelled'] as const;
const rate = z.string().regex(/^(0|[1-9]\d{0,9})(\.\d{1,8})?$/, 'A rate as a decimal string, e.g. "1.0845".');

export const OrderLineInput = z
  .strictObject({
    itemId: uuid,
    quantity: quantity.openapi({ description: "In the line's unit" }),
    unit: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .optional()
      .openapi({ description: "The item's base unit (default) or a unit it has a conversion for, e.g. box" }),
    unitPrice: unitCost.optional().openapi({
      description:
        "Per the line's unit, in the order's currency; default: the supplier's price list (its base-unit price × the unit's factor)",
    }),
    expectedDate: isoDate.optional(),
  })
  .openapi('SupplyOrderLineInput');
const orderFields = {
  supplierId: uuid.openapi({ description: 'A Finance party (vendor)' }),
  warehouseId: uuid,
  orderDate: isoDate.optional().openapi({ description: 'Defaults to today' }),
  expectedDate: isoDate.optional(),
  currency: currencyCode.optional().openapi({ description: "Defaults to the supplier's, else the base currency" }),
  exchangeRate: rate.optional().openapi({ description: 'Base currency per unit; required for a foreign currency' }),
  memo: z.string().trim().max(2000).default(''),
  lines: z.array(OrderLineInput).min(1, 'An order has at least one line.').max(200),
};
export const CreateOrderBody = z.strictObject(orderFields).openapi('CreateSupplyPurchaseOrderRequest');
export const UpdateOrderBody = z
  .strictObject({
    version: versionField,
    expectedDate: isoDate.nullable().optional(),
    memo: z.string().trim().max(2000).optional(),
    lines: z
      .array(OrderLineInput)
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Drafts only: replaces the lines' }),
  })
  .openapi('UpdateSupplyPurchaseOrderRequest');
export const VersionBody = z.strictObject({ version: versionField }).openapi('SupplyVersionRequest');

export const OrderLine = z
  .object({
    id: z.string(),
    lineNo: z.number().int(),
    itemId: z.string(),
    sku: z.string(),
    unit: z.string().openapi({ description: 'Quantities and the price are per this unit' }),
    factor: z.string().openapi({ description: 'Base units in one of the line unit' }),
    quantity: z.string(),
    baseQuantity: z.string().openapi({ description: "The quantity in the item's base unit" }),
    unitPrice: z.string(),
    expectedDate: z.string().nullable(),
    receivedQuantity: z.string(),
    billedQuantity: z.string(),
  })
  .openapi('SupplyOrderLine');
export const Order = z
  .object({
    id: z.string(),
    number: z.string(),
    supplierId: z.string(),
    warehouseId: z.string(),
    orderDate: z.string(),
    expectedDate: z.string().nullable(),
    currency: z.string(),
    exchangeRate: z.string(),
    status: z.enum(STATUSES),
    memo: z.string(),
    total: z.string(),
    lines: z.array(OrderLine),
    ...timestamps,
  })
  .openapi('SupplyPurchaseOrder');
export const OrderPage = pageSchema(Order.omit({ lines: true })).openapi('SupplyPurchaseOrderPage');
export const OrderListQuery = listQuery(['number', 'orderDate'], '-number').extend({
  status: z.enum(STATUSES).optional(),
  supplierId: uuid.optional(),
});

export const ReceiveBody = z
  .strictObject({
    date: isoDate.optional(),
    locationId: uuid.optional().openapi({ description: "Defaults to the order's warehouse default location" }),
    lines: z
      .array(
        z.strictObject({
          orderLineId: uuid,
          quantity: quantity.openapi({ description: "In the order line's unit (2 boxes of 12 move 24 base units)" }),
          lotCode: z.string().trim().min(1).max(64).optional(),
          lotId: uuid.optional(),
          expiryDate: isoDate.optional(),
        }),
      )
      .min(1)
      .max(200),
  })
  .openapi('SupplyReceiveRequest');
export const ReceiptLine = z
  .object({
    id: z.string(),
    orderLineId: z.string(),
    itemId: z.string(),
    locationId: z.string(),
    lotId: z.string().nullable(),
    unit: z.string().openapi({ description: "The order line's unit: quantities and the cost are per it" }),
    quantity: z.string(),
    unitCost: z.string().openapi({ description: "Per the line's unit, in the base currency" }),
    billedQuantity: z.string(),
    returnedQuantity: z.string(),
  })
  .openapi('SupplyReceiptLine');
export const Receipt = z
  .object({
    id: z.string(),
    number: z.string(),
    kind: z.enum(['receipt', 'return']),
    orderId: z.string(),
    date: z.string(),
    billId: z.string().nullable(),
    lines: z.array(ReceiptLine),
  })
  .openapi('SupplyReceipt');
export const ReceiptList = z.object({ items: z.array(Receipt) }).openapi('SupplyReceiptList');

export const BillBody = z
  .strictObject({
    date: isoDate.optional(),
    supplierReference: z.string().trim().max(100).default(''),
    lines: z
      .array(z.strictObject({ receiptLineId: uuid, quantity, unitPrice: unitCost }))
      .max(200)
      .optional()
      .openapi({ description: "The supplier's invoice lines; default: every unbilled quantity at the order price" }),
  })
  .openapi('SupplyBillRequest');
export const BillResult = z
  .object({
    billId: z.string(),
    number: z.string().nullable(),
    total: z.string(),
    priceDifference: z.string(),
    receipt: Receipt,
  })
  .openapi('SupplyBillResult');

export const SupplierReturnBody = z
  .strictObject({
    date: isoDate.optional(),
    reason: z.string().trim().min(1).max(200).default('return to supplier'),
    lines: z
      .array(z.strictObject({ receiptLineId: uuid, quantity }))
      .min(1)
      .max(200),
  })
  .openapi('SupplySupplierReturnRequest');

// ---- reorder rules and replenishment ----
export const ReorderRuleBody = z
  .strictObject({
    itemId: uuid,
    warehouseId: uuid,
    minQuantity: quantityOrZero,
    maxQuantity: quantity,
    supplierId: uuid.nullable().optional(),
  })
  .openapi('CreateSupplyReorderRuleRequest');
export const UpdateReorderRuleBody = z
  .strictObject({
    version: versionField,
    minQuantity: quantityOrZero.optional(),
    maxQuantity: quantity.optional(),
    supplierId: uuid.nullable().optional(),
  })
  .openapi('UpdateSupplyReorderRuleRequest');
export const ReorderRule = z
  .object({
    id: z.string(),
    itemId: z.string(),
    warehouseId: z.string(),
    minQuantity: z.string(),
    maxQuantity: z.string(),
    supplierId: z.string().nullable(),
    ...timestamps,
  })
  .openapi('SupplyReorderRule');
export const ReorderRuleList = z.object({ items: z.array(ReorderRule) }).openapi('SupplyReorderRuleList');
export const ReorderRuleQuery = z.object({ itemId: uuid.optional(), warehouseId: uuid.optional() });
export const ReplenishBody = z.strictObject({ warehouseId: uuid.optional() }).openapi('SupplyReplenishRequest');
export const ReplenishResult = z
  .object({
    orders: z.array(z.object({ id: z.string(), number: z.string(), supplierId: z.string(), lines: z.number().int() })),
    skipped: z.array(z.object({ itemId: z.string(), warehouseId: z.string(), reason: z.string() })),
  })
  .openapi('SupplyReplenishResult');

export type CreateOrderInput = z.output<typeof CreateOrderBody>;
export type UpdateOrderInput = z.output<typeof UpdateOrderBody>;
export type OrderDto = z.input<typeof Order>;
export type OrderFilter = z.output<typeof OrderListQuery>;
export type ReceiveInput = z.output<typeof ReceiveBody>;
export type ReceiptDto = z.input<typeof Receipt>;
export type BillInput = z.output<typeof BillBody>;
export type SupplierReturnInput = z.output<typeof SupplierReturnBody>;
export type ReorderRuleInput = z.output<typeof ReorderRuleBody>;
export type UpdateReorderRuleInput = z.output<typeof UpdateReorderRuleBody>;
