import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { isoDate, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { percent, quantity, timestamps, unitCost } from '../supply.shared.js';
import { Delivery } from '../stock/stock.schemas.js';

const STATUSES = ['quotation', 'confirmed', 'partially-delivered', 'delivered', 'cancelled'] as const;

export const SalesLineInput = z
  .strictObject({
    itemId: uuid,
    quantity: quantity.openapi({ description: "In the item's base unit" }),
    unitPrice: unitCost
      .optional()
      .openapi({ description: "Default: the customer's (else the general) sales price list, by quantity break" }),
    discountPercent: percent.default('0'),
  })
  .openapi('SupplySalesLineInput');
export const CreateQuotationBody = z
  .strictObject({
    customerId: uuid.openapi({ description: 'A Finance party (customer)' }),
    warehouseId: uuid,
    date: isoDate.optional(),
    validUntil: isoDate.optional(),
    memo: z.string().trim().max(2000).default(''),
    lines: z.array(SalesLineInput).min(1).max(200),
  })
  .openapi('CreateSupplyQuotationRequest');
export const SalesVersionBody = z.strictObject({ version: versionField }).openapi('SupplySalesVersionRequest');
export const SalesOrder = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(STATUSES),
    customerId: z.string(),
    warehouseId: z.string(),
    date: z.string(),
    validUntil: z.string().nullable(),
    currency: z.string(),
    memo: z.string(),
    total: z.string(),
    lines: z.array(
      z.object({
        id: z.string(),
        lineNo: z.number().int(),
        itemId: z.string(),
        sku: z.string(),
        quantity: z.string(),
        unitPrice: z.string(),
        discountPercent: z.string(),
        reservedQuantity: z.string(),
        deliveredQuantity: z.string(),
        backorderQuantity: z.string().openapi({ description: 'Ordered, not delivered' }),
        invoicedQuantity: z.string(),
      }),
    ),
    deliveries: z
      .array(
        z.object({
          id: z.string(),
          number: z.string(),
          kind: z.enum(['delivery', 'return']),
          date: z.string(),
          invoiceId: z.string().nullable().openapi({ description: 'The Finance invoice, once invoiced' }),
        }),
      )
      .openapi({ description: 'Deliveries and customer returns, oldest first' }),
    ...timestamps,
  })
  .openapi('SupplySalesOrder');
export const SalesOrderPage = pageSchema(SalesOrder.omit({ lines: true, deliveries: true })).openapi(
  'SupplySalesOrderPage',
);
export const SalesOrderListQuery = listQuery(['number', 'date'], '-number').extend({
  status: z.enum(STATUSES).optional(),
  customerId: uuid.optional(),
});
export const DeliverOrderBody = z
  .strictObject({
    date: isoDate.optional(),
    lines: z
      .array(z.strictObject({ orderLineId: uuid, quantity }))
      .max(200)
      .optional()
      .openapi({ description: 'Default: everything that can go now (the rest stays a backorder)' }),
  })
  .openapi('SupplyDeliverOrderRequest');
export const InvoiceBody = z.strictObject({ date: isoDate.optional() }).openapi('SupplyInvoiceDeliveryRequest');
export const InvoiceResult = z
  .object({ invoiceId: z.string(), number: z.string().nullable(), total: z.string(), delivery: Delivery })
  .openapi('SupplyInvoiceResult');

export type CreateQuotationInput = z.output<typeof CreateQuotationBody>;
export type SalesOrderDto = z.input<typeof SalesOrder>;
export type SalesOrderFilter = z.output<typeof SalesOrderListQuery>;
export type DeliverOrderInput = z.output<typeof DeliverOrderBody>;
